package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// Identities and recoveries survive export and import, with the controller
// index and the recovery queue rebuilt.
func TestIdentityGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "john", "g1", "g2")
	require.NoError(t, f.rotate("john", "johns-phone"))
	require.NoError(t, f.setGuardians("jane", 2, day, "g1", "g2"))
	require.NoError(t, f.start("g1", "jane", "new-phone"))
	require.NoError(t, f.approveRecovery("g2", "jane", "new-phone"))
	gs, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.Identities, 2)
	require.Len(t, gs.Recoveries, 1)
	require.NoError(t, gs.Validate(f.AC))

	g := unbuilt(t)
	g.Genesis = *gs
	g.Build()
	again, err := g.K.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs.Identities, again.Identities)
	require.Equal(t, gs.Recoveries, again.Recoveries)
	require.True(t, g.allowed(t, "johns-phone"))
	g.later(day)
	require.NoError(t, g.K.CompleteRecoveries(g.Ctx))
	require.Equal(t, g.Str("new-phone"), g.identity(t, "jane").Identity.Controller)

	bad := *gs
	bad.Identities = append([]types.Identity{}, gs.Identities...)
	bad.Identities[0].Controller = bad.Identities[0].Patient
	bad.Identities = append(bad.Identities, bad.Identities[0])
	testutil.RequireCode(t, bad.Validate(f.AC), types.ErrInvalidGenesis, "an identity twice")
}

// Identity answers a good request, an address never rotated (its own
// controller), and InvalidArgument for a malformed one.
func TestIdentityQuery(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane")
	res := testutil.RequireAnswers(t, f.Ctx, f.Queries.Identity, testutil.Answers[*types.QueryIdentityRequest]{
		codes.OK:              {{Patient: f.Str("jane")}},
		codes.InvalidArgument: {{Patient: "jane"}, nil},
	})[0]
	require.Equal(t, f.Str("jane"), res.Identity.Controller)
	require.Nil(t, res.Recovery)
}

// A chain before identities gets their params' defaults.
func TestMigrateIdentityParams(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxGuardians, p.MinRecoveryDelay = 0, 0
	require.NoError(t, f.K.Params.Set(f.Ctx, p))
	require.NoError(t, f.K.MigrateIdentityParams(f.Ctx))
	got, err := f.K.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), got)
}
