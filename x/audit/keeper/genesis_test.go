package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
)

// The trail survives export and import unchanged, and ids continue.
func TestGenesisRoundTrip(t *testing.T) {
	gs := testutil.AuditGenesis.MustExport(t, trail(t).Stack)
	g := newFixture(t)
	testutil.AuditGenesis.RequireRoundTrip(t, g.Stack, gs)
	require.Equal(t, []uint64{5}, idsOf(t)(g.Queries.EmergencyEvents(g.Ctx, &types.QueryEmergencyEventsRequest{})))
	res, err := g.request("dr-a", g.lab1, treat)
	require.NoError(t, err)
	require.EqualValues(t, 6, res.EventId, "ids continue after genesis")
}

// Validate checks everything InitGenesis relies on — an accessor_member
// that does not parse once passed Validate and made InitGenesis panic —
// and InitGenesis refuses what Validate refuses.
func TestGenesisValidation(t *testing.T) {
	f := trail(t)
	cases := []testutil.GenesisCase[types.GenesisState]{
		testutil.Refuse("accessor member that is not an address", func(gs *types.GenesisState) { gs.Events[0].AccessorMember = "hospital-a" }, types.ErrInvalidAddress),
		testutil.Refuse("custodian that is not an address", func(gs *types.GenesisState) { gs.Events[0].Custodian = "x" }, types.ErrInvalidAddress),
		testutil.Refuse("record without a custodian", func(gs *types.GenesisState) { gs.Events[0].Custodian = "" }, types.ErrInvalidAddress),
		testutil.Refuse("bad patient", func(gs *types.GenesisState) { gs.Events[0].Patient = "" }, types.ErrInvalidAddress),
		testutil.Refuse("ids not increasing", func(gs *types.GenesisState) { gs.Events[1].Id = gs.Events[0].Id }, types.ErrInvalidGenesis),
		testutil.Refuse("no decision", func(gs *types.GenesisState) { gs.Events[0].Decision = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("no decision reason", func(gs *types.GenesisState) { gs.Events[0].Reason = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("an invented category", func(gs *types.GenesisState) { gs.Events[0].Category = 9999 }, nil),
		testutil.Refuse("no action", func(gs *types.GenesisState) { gs.Events[0].Action = 0 }, types.ErrInvalidAction),
		testutil.Refuse("no purpose", func(gs *types.GenesisState) { gs.Events[0].Purpose = 0 }, consenttypes.ErrInvalidPurpose),
		testutil.Refuse("break-glass without a note hash", func(gs *types.GenesisState) { gs.Events[4].NoteHash = nil }, types.ErrInvalidJustification),
	}
	testutil.AuditGenesis.RequireRefused(t, testutil.AuditGenesis.Exported(f.Stack), fresh, cases)
}

// fresh is a new stack, without audit events.
func fresh(t testing.TB) *testutil.Stack { return newFixture(t).Stack }

// Any audit genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/audit/keeper
func FuzzGenesis(f *testing.F) {
	gs := testutil.AuditGenesis.MustExport(f, trail(f).Stack)
	testutil.FuzzGenesis(f, []types.GenesisState{*types.DefaultGenesis(), *gs}, fresh, testutil.AuditGenesis)
}
