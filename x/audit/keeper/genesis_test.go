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
	f := trail(t)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.Ctx, *gs))
	again, err := g.k.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)
	require.Equal(t, []uint64{5}, idsOf(t)(g.queries.EmergencyEvents(g.Ctx, &types.QueryEmergencyEventsRequest{})))
	res, err := g.request("dr-a", g.lab1, treat)
	require.NoError(t, err)
	require.EqualValues(t, 6, res.EventId, "ids continue after genesis")
}

// Validate checks everything InitGenesis relies on — an accessor_member
// that does not parse once passed Validate and made InitGenesis panic —
// and InitGenesis refuses what Validate refuses.
func TestGenesisValidation(t *testing.T) {
	f := trail(t)
	cases := []struct {
		name   string
		mutate func(gs *types.GenesisState)
		err    error
	}{
		{"accessor member that is not an address", func(gs *types.GenesisState) { gs.Events[0].AccessorMember = "hospital-a" }, types.ErrInvalidAddress},
		{"custodian that is not an address", func(gs *types.GenesisState) { gs.Events[0].Custodian = "x" }, types.ErrInvalidAddress},
		{"record without a custodian", func(gs *types.GenesisState) { gs.Events[0].Custodian = "" }, types.ErrInvalidAddress},
		{"bad patient", func(gs *types.GenesisState) { gs.Events[0].Patient = "" }, types.ErrInvalidAddress},
		{"ids not increasing", func(gs *types.GenesisState) { gs.Events[1].Id = gs.Events[0].Id }, types.ErrInvalidGenesis},
		{"no decision", func(gs *types.GenesisState) { gs.Events[0].Decision = 0 }, types.ErrInvalidGenesis},
		{"no decision reason", func(gs *types.GenesisState) { gs.Events[0].Reason = 0 }, types.ErrInvalidGenesis},
		{"an invented category", func(gs *types.GenesisState) { gs.Events[0].Category = 9999 }, nil},
		{"no action", func(gs *types.GenesisState) { gs.Events[0].Action = 0 }, types.ErrInvalidAction},
		{"no purpose", func(gs *types.GenesisState) { gs.Events[0].Purpose = 0 }, consenttypes.ErrInvalidPurpose},
		{"break-glass without a note hash", func(gs *types.GenesisState) { gs.Events[4].NoteHash = nil }, types.ErrInvalidJustification},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.k.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.mutate(gs)
			verr := gs.Validate(f.AC)
			require.Error(t, verr)
			if tc.err != nil {
				require.ErrorIs(t, verr, tc.err)
			}
			g := newFixture(t)
			require.Error(t, g.k.InitGenesis(g.Ctx, *gs))
			require.Empty(t, g.events(t), "a refused genesis loads nothing")
		})
	}
}

// Any audit genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/audit/keeper
func FuzzGenesis(f *testing.F) {
	fx := trail(f)
	gs, err := fx.k.ExportGenesis(fx.Ctx)
	require.NoError(f, err)
	testutil.FuzzGenesis(f, []types.GenesisState{*types.DefaultGenesis(), *gs},
		func(t testing.TB) *testutil.Stack { return newFixture(t).Stack },
		func(s *testutil.Stack, g types.GenesisState) error { return s.Audit.InitGenesis(s.Ctx, g) },
		func(s *testutil.Stack) (*types.GenesisState, error) { return s.Audit.ExportGenesis(s.Ctx) })
}
