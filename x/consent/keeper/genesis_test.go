package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.grant(t, f.grantMsg("dr-a"))
	id := f.grant(t, f.grantMsg("hospital-b"))
	require.NoError(t, f.revoke(t, "patient-1", id))
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.Ctx, *gs))
	again, err := g.k.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)
	require.True(t, g.check(t, "dr-a", g.lab1, treat).Allowed)
	require.False(t, g.check(t, "dr-b", g.lab1, treat).Allowed)
	require.EqualValues(t, 3, g.grant(t, g.grantMsg("nurse-a")), "ids continue after genesis")
	// The revoked grant is still pruned after the retention period.
	g.At(t0.Add(types.DefaultEndedGrantRetention))
	require.NoError(t, g.k.PruneEnded(g.Ctx))
	_, err = g.k.GetGrant(g.Ctx, id)
	require.ErrorIs(t, err, types.ErrGrantNotFound)
}

// Validate checks everything InitGenesis relies on; InitGenesis refuses
// what Validate refuses.
func TestGenesisValidation(t *testing.T) {
	f := newFixture(t)
	f.grant(t, f.grantMsg("dr-a"))
	id := f.grant(t, f.grantMsg("hospital-b"))
	require.NoError(t, f.revoke(t, "patient-1", id))
	cases := []genesisCase{
		{"grant id 0", func(gs *types.GenesisState) { gs.Grants[0].Id = 0 }, types.ErrInvalidGenesis},
		{"grant id twice", func(gs *types.GenesisState) { gs.Grants[1].Id = gs.Grants[0].Id }, types.ErrInvalidGenesis},
		{"bad patient", func(gs *types.GenesisState) { gs.Grants[0].Patient = "x" }, types.ErrInvalidAddress},
		{"bad grantee member", func(gs *types.GenesisState) { gs.Grants[0].GranteeMember = "" }, types.ErrInvalidAddress},
		{"no status", func(gs *types.GenesisState) { gs.Grants[0].Status = 0 }, types.ErrInvalidGenesis},
		{"ended without an end time", func(gs *types.GenesisState) { gs.Grants[1].EndedAt = nil }, types.ErrInvalidGenesis},
		{"expiring before it starts", func(gs *types.GenesisState) { gs.Grants[0].ExpiresAt = gs.Grants[0].CreatedAt.Add(-time.Second) }, types.ErrInvalidGenesis},
		{"restricted category", func(gs *types.GenesisState) {
			gs.Grants[0].Categories = []recordstypes.Category{recordstypes.Category_CATEGORY_RESTRICTED}
		}, types.ErrRestricted},
		{"no purpose", func(gs *types.GenesisState) { gs.Grants[0].Purposes = nil }, types.ErrInvalidPurpose},
		{"bad params", func(gs *types.GenesisState) { gs.Params.ExpiryPruneLimit = 0 }, types.ErrInvalidParams},
		{"negative retention", func(gs *types.GenesisState) { gs.Params.EndedGrantRetention = -time.Second }, types.ErrInvalidParams},
		{"short max duration", func(gs *types.GenesisState) { gs.Params.MaxGrantDuration = time.Second }, types.ErrInvalidParams},
	}
	requireGenesisCases(t, f, cases)
}

// genesisCase is a change to an exported genesis and the error it must give.
type genesisCase struct {
	name   string
	mutate func(gs *types.GenesisState)
	err    error
}

// requireGenesisCases checks each case on f's exported genesis: Validate
// refuses it, and so does InitGenesis on a fresh keeper.
func requireGenesisCases(t *testing.T, f *fixture, cases []genesisCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.k.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.mutate(gs)
			require.ErrorIs(t, gs.Validate(f.AC), tc.err)
			g := newFixture(t)
			require.ErrorIs(t, g.k.InitGenesis(g.Ctx, *gs), tc.err)
		})
	}
}

// Any consent genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/consent/keeper
func FuzzGenesis(f *testing.F) {
	fx := newFixture(f)
	fx.grant(f, fx.grantMsg("dr-a"))
	id := fx.grant(f, fx.grantMsg("hospital-b"))
	require.NoError(f, fx.revoke(f, "patient-1", id))
	fx.ask(f, fx.requestMsg("dr-a", "patient-1"))
	declined := fx.ask(f, fx.requestMsg("dr-b", "patient-1"))
	_, err := fx.respond("patient-1", declined, decline, nil, nil)
	require.NoError(f, err)
	gs, err := fx.k.ExportGenesis(fx.Ctx)
	require.NoError(f, err)
	testutil.FuzzGenesis(f, []types.GenesisState{*types.DefaultGenesis(), *gs},
		func(t testing.TB) *testutil.Stack { return newFixture(t).Stack },
		func(s *testutil.Stack, g types.GenesisState) error { return s.Consent.InitGenesis(s.Ctx, g) },
		func(s *testutil.Stack) (*types.GenesisState, error) { return s.Consent.ExportGenesis(s.Ctx) })
}
