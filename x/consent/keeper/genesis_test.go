package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// fresh is a new stack, without grants.
func fresh(t testing.TB) *testutil.Stack { return newFixture(t).Stack }

func TestGenesisRoundTrip(t *testing.T) {
	f, _, revoked := withGrants(t)
	gs := testutil.ConsentGenesis.MustExport(t, f.Stack)
	g := newFixture(t)
	testutil.ConsentGenesis.RequireRoundTrip(t, g.Stack, gs)
	require.True(t, g.check(t, "dr-a", g.lab1, treat).Allowed)
	require.False(t, g.check(t, "dr-b", g.lab1, treat).Allowed)
	require.EqualValues(t, 3, g.grant(t, g.grantMsg("nurse-a")), "ids continue after genesis")
	// The revoked grant is still pruned after the retention period.
	g.At(t0.Add(types.DefaultEndedGrantRetention))
	require.NoError(t, g.K.PruneEnded(g.Ctx))
	_, err := g.K.GetGrant(g.Ctx, revoked)
	require.ErrorIs(t, err, types.ErrGrantNotFound)
}

// Validate checks everything InitGenesis relies on; InitGenesis refuses
// what Validate refuses.
func TestGenesisValidation(t *testing.T) {
	f, _, _ := withGrants(t)
	cases := []testutil.GenesisCase[types.GenesisState]{
		testutil.Refuse("grant id 0", func(gs *types.GenesisState) { gs.Grants[0].Id = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("grant id twice", func(gs *types.GenesisState) { gs.Grants[1].Id = gs.Grants[0].Id }, types.ErrInvalidGenesis),
		testutil.Refuse("bad patient", func(gs *types.GenesisState) { gs.Grants[0].Patient = "x" }, types.ErrInvalidAddress),
		testutil.Refuse("bad grantee member", func(gs *types.GenesisState) { gs.Grants[0].GranteeMember = "" }, types.ErrInvalidAddress),
		testutil.Refuse("no status", func(gs *types.GenesisState) { gs.Grants[0].Status = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("ended without an end time", func(gs *types.GenesisState) { gs.Grants[1].EndedAt = nil }, types.ErrInvalidGenesis),
		testutil.Refuse("expiring before it starts", func(gs *types.GenesisState) { gs.Grants[0].ExpiresAt = gs.Grants[0].CreatedAt.Add(-time.Second) }, types.ErrInvalidGenesis),
		testutil.Refuse("restricted category", func(gs *types.GenesisState) {
			gs.Grants[0].Categories = []recordstypes.Category{recordstypes.Category_CATEGORY_RESTRICTED}
		}, types.ErrRestricted),
		testutil.Refuse("no purpose", func(gs *types.GenesisState) { gs.Grants[0].Purposes = nil }, types.ErrInvalidPurpose),
		testutil.Refuse("bad params", func(gs *types.GenesisState) { gs.Params.ExpiryPruneLimit = 0 }, types.ErrInvalidParams),
		testutil.Refuse("negative retention", func(gs *types.GenesisState) { gs.Params.EndedGrantRetention = -time.Second }, types.ErrInvalidParams),
		testutil.Refuse("short max duration", func(gs *types.GenesisState) { gs.Params.MaxGrantDuration = time.Second }, types.ErrInvalidParams),
	}
	testutil.ConsentGenesis.RequireRefused(t, testutil.ConsentGenesis.Exported(f.Stack), fresh, cases)
}

// Any consent genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/consent/keeper
func FuzzGenesis(f *testing.F) {
	fx, _, _ := withGrants(f)
	fx.ask(f, fx.requestMsg("dr-a", "patient-1"))
	declined := fx.ask(f, fx.requestMsg("dr-b", "patient-1"))
	_, err := fx.respond("patient-1", declined, decline, nil, nil)
	require.NoError(f, err)
	gs := testutil.ConsentGenesis.MustExport(f, fx.Stack)
	testutil.FuzzGenesis(f, []types.GenesisState{*types.DefaultGenesis(), *gs}, fresh, testutil.ConsentGenesis)
}
