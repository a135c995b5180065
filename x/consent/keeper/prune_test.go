package keeper_test

import (
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	consentmodule "github.com/medchain/medchain/x/consent/module"
	"github.com/medchain/medchain/x/consent/types"
)

// beginBlock runs the module's BeginBlock at ts and returns the typed
// events it emitted.
func (f *fixture) beginBlock(t *testing.T, ts time.Time) []proto.Message {
	t.Helper()
	f.At(ts)
	ctx := f.FreshEvents()
	require.NoError(t, consentmodule.NewAppModule(f.K).BeginBlock(ctx))
	return testutil.TypedEvents(t, ctx)
}

// A burst of due grants larger than expiry_prune_limit is marked over
// several blocks, exactly the limit per block, in expiry order (not id
// order); a grant not yet due is left alone.
func TestExpiryBurstDrainsInExpiryOrder(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.ExpiryPruneLimit = 3 })
	for i := range 7 {
		msg := f.grantMsg("dr-a")
		msg.ExpiresAt = t0.Add(time.Duration(7-i) * time.Minute) // id 7 expires first
		f.grant(t, msg)
	}
	later := f.grant(t, f.grantMsg("dr-b"))

	var order []uint64
	for block, want := range []int{3, 3, 1, 0} {
		events := f.beginBlock(t, t0.Add(time.Hour+time.Duration(block)*time.Second))
		require.Len(t, events, want, "block %d", block)
		for _, e := range events {
			ev, ok := e.(*types.EventConsentExpired)
			require.True(t, ok, "only expiries: nothing has ended long enough to prune")
			require.Equal(t, f.Str("patient-1"), ev.Patient)
			require.Equal(t, f.Str("dr-a"), ev.Grantee)
			order = append(order, ev.GrantId)
		}
	}
	require.Equal(t, []uint64{7, 6, 5, 4, 3, 2, 1}, order)
	g, err := f.K.GetGrant(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_EXPIRED, g.Status)
	require.Equal(t, t0.Add(time.Hour+2*time.Second), *g.EndedAt, "ended when marked, in the third block")
	g, err = f.K.GetGrant(f.Ctx, later)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_ACTIVE, g.Status)
	n, err := f.K.ActiveCount.Get(f.Ctx, f.Addr("patient-1"))
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "the count follows the marking")
}

// Marking and pruning have a limit each in one BeginBlock: a block that
// marks the limit still prunes up to the limit.
func TestExpiryAndPruneLimitsAreSeparate(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.ExpiryPruneLimit = 2; p.EndedGrantRetention = time.Hour })
	for range 3 {
		require.NoError(t, f.revoke(t, "patient-1", f.grant(t, f.grantMsg("dr-a"))))
	}
	for range 3 {
		msg := f.grantMsg("dr-b")
		msg.ExpiresAt = t0.Add(time.Minute)
		f.grant(t, msg)
	}
	var expired, pruned int
	for _, e := range f.beginBlock(t, t0.Add(time.Hour)) {
		switch e.(type) {
		case *types.EventConsentExpired:
			expired++
		case *types.EventConsentPruned:
			pruned++
		}
	}
	require.Equal(t, 2, expired)
	require.Equal(t, 2, pruned)
}

// With no retention an expired grant is deleted in the very BeginBlock that
// marks it: marking comes first.
func TestZeroRetentionPrunesInTheMarkingBlock(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.EndedGrantRetention = 0 })
	msg := f.grantMsg("dr-a")
	msg.ExpiresAt = t0.Add(time.Minute)
	id := f.grant(t, msg)
	events := f.beginBlock(t, t0.Add(time.Minute))
	require.Len(t, events, 2)
	require.Equal(t, &types.EventConsentExpired{GrantId: id, Patient: f.Str("patient-1"), Grantee: f.Str("dr-a")}, events[0])
	require.Equal(t, &types.EventConsentPruned{GrantId: id, Patient: f.Str("patient-1")}, events[1])
	_, err := f.K.GetGrant(f.Ctx, id)
	testutil.RequireCode(t, err, types.ErrGrantNotFound)
}

// Ended grants stay listed, under their status, until the retention has
// passed since they ended; then every query forgets them, and nothing else.
func TestEndedGrantsListedUntilPruned(t *testing.T) {
	f := newFixture(t)
	retention := types.DefaultEndedGrantRetention
	revoked := f.grant(t, f.grantMsg("dr-a"))
	short := f.grantMsg("dr-a")
	short.ExpiresAt = t0.Add(time.Hour)
	expired := f.grant(t, short)
	long := f.grantMsg("dr-a")
	long.ExpiresAt = t0.Add(200 * 24 * time.Hour)
	active := f.grant(t, long)
	require.NoError(t, f.revoke(t, "patient-1", revoked))
	f.beginBlock(t, t0.Add(time.Hour))

	listed := func(st types.GrantStatus) []uint64 {
		res, err := f.Queries.GrantsByGrantee(f.Ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.Str("dr-a"), Status: st})
		require.NoError(t, err)
		var ids []uint64
		for _, g := range res.Grants {
			ids = append(ids, g.Id)
		}
		return ids
	}
	f.beginBlock(t, t0.Add(retention-time.Nanosecond))
	require.Equal(t, []uint64{revoked}, listed(types.GrantStatus_GRANT_STATUS_REVOKED))
	require.Equal(t, []uint64{expired}, listed(types.GrantStatus_GRANT_STATUS_EXPIRED))
	require.Equal(t, []uint64{revoked, expired, active}, listed(types.GrantStatus_GRANT_STATUS_UNSPECIFIED))

	pruned := f.beginBlock(t, t0.Add(retention))
	require.Equal(t, []proto.Message{&types.EventConsentPruned{GrantId: revoked, Patient: f.Str("patient-1")}}, pruned,
		"the expired grant ended an hour later, when it was marked")
	f.beginBlock(t, t0.Add(retention+time.Hour))
	require.Empty(t, listed(types.GrantStatus_GRANT_STATUS_REVOKED))
	require.Empty(t, listed(types.GrantStatus_GRANT_STATUS_EXPIRED))
	require.Equal(t, []uint64{active}, listed(types.GrantStatus_GRANT_STATUS_UNSPECIFIED))
	for _, id := range []uint64{revoked, expired} {
		_, err := f.Queries.Grant(f.Ctx, &types.QueryGrantRequest{GrantId: id})
		testutil.RequireStatus(t, err, codes.NotFound, id)
	}
	byPatient, err := f.Queries.GrantsByPatient(f.Ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-1")})
	require.NoError(t, err)
	require.Len(t, byPatient.Grants, 1)
	gs, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.Grants, 1, "a pruned grant is not exported either")
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed, "the active grant still decides")
}
