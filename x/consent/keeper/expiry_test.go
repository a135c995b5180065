package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// 10,000 grants (100 patients × 100) expire at the same instant: every
// decision denies from the first block after, and BeginBlock marks them in
// bounded blocks.
func TestMassExpiryDrainsInBoundedBlocks(t *testing.T) {
	const patients, perPatient, total = 100, 100, 10_000
	f := newFixture(t)
	params := types.DefaultParams()
	require.EqualValues(t, 200, params.ExpiryPruneLimit)
	expiry := t0.Add(time.Hour)
	f.grantMany(t, patients, perPatient, func() keeper.GrantRequest {
		return keeper.GrantRequest{Grantee: f.Addr("hospital-a"), Categories: []recordstypes.Category{lab}, Purposes: []types.Purpose{treat}, ExpiresAt: expiry}
	})
	decide := func(p int) bool {
		d, err := f.K.CheckAccess(f.Ctx, types.AccessRequest{
			Accessor: f.Addr("dr-a"), Patient: f.Addr(fmt.Sprintf("patient-%d", p)), Category: lab, Purpose: treat,
		})
		require.NoError(t, err)
		return d.Allowed
	}
	require.True(t, decide(0), "before expiry the grants allow")

	var blocks, marked int
	for block := 0; marked < total; block++ {
		f.At(expiry.Add(time.Duration(block) * time.Second))
		ctx := f.FreshEvents()
		if block == 0 {
			for p := range patients {
				require.False(t, decide(p), "patient %d: denied from the first block after expiry, before any marking", p)
			}
		}
		require.NoError(t, f.K.MarkExpired(ctx))
		n := len(testutil.EventTypes(ctx))
		require.LessOrEqual(t, n, int(params.ExpiryPruneLimit), "block %d marked %d", block, n)
		require.Positive(t, n, "block %d marked nothing while grants were due", block)
		marked += n
		blocks++
	}
	require.Equal(t, total, marked)
	require.Equal(t, (total+int(params.ExpiryPruneLimit)-1)/int(params.ExpiryPruneLimit), blocks)

	active, err := f.Queries.GrantsByPatient(f.Ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-7"), Status: types.GrantStatus_GRANT_STATUS_ACTIVE})
	require.NoError(t, err)
	require.Empty(t, active.Grants)
	ctx := f.FreshEvents()
	require.NoError(t, f.K.MarkExpired(ctx))
	require.Empty(t, testutil.EventTypes(ctx), "a later block marks nothing")
}

// Ended grants do not pile up: 500 grant-and-revoke cycles leave 500
// ended grants only until the retention period passes, then BeginBlock
// deletes them, at most expiry_prune_limit per block; active grants stay.
func TestEndedGrantsArePrunedAfterRetention(t *testing.T) {
	f := newFixture(t)
	p := f.setParams(t, func(p *types.Params) { p.ExpiryPruneLimit = 100 })
	keep := f.grant(t, f.grantMsg("dr-b"))
	for range 500 {
		id := f.grant(t, f.grantMsg("dr-a"))
		require.NoError(t, f.revoke(t, "patient-1", id))
	}
	count := func() int {
		n := 0
		require.NoError(t, f.K.Grants.Walk(f.Ctx, nil, func(uint64, types.Grant) (bool, error) { n++; return false, nil }))
		return n
	}
	require.Equal(t, 501, count())

	// Before the retention period ends nothing is deleted.
	f.At(t0.Add(p.EndedGrantRetention - time.Second))
	require.NoError(t, f.K.PruneEnded(f.FreshEvents()))
	require.Equal(t, 501, count())

	f.At(t0.Add(p.EndedGrantRetention))
	for block := 1; block <= 5; block++ {
		ctx := f.FreshEvents()
		require.NoError(t, f.K.PruneEnded(ctx))
		require.Len(t, testutil.EventTypes(ctx), 100, "block %d deletes at most the limit", block)
		require.Equal(t, 501-100*block, count())
	}
	ctx := f.FreshEvents()
	require.NoError(t, f.K.PruneEnded(ctx))
	require.Empty(t, testutil.EventTypes(ctx))
	_, err := f.K.GetGrant(f.Ctx, keep)
	require.NoError(t, err, "an active grant is never pruned")
	byGrantee, err := f.Queries.GrantsByGrantee(f.Ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.Str("dr-a")})
	require.NoError(t, err)
	require.Empty(t, byGrantee.Grants, "the indexes went with the grants")
	_, err = f.K.GetGrant(f.Ctx, 2)
	testutil.RequireCode(t, err, types.ErrGrantNotFound)
}

// An expired grant is pruned the same way, counted from when it was marked.
func TestExpiredGrantsArePrunedToo(t *testing.T) {
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.ExpiresAt = t0.Add(time.Hour)
	id := f.grant(t, msg)
	f.At(t0.Add(2 * time.Hour))
	require.NoError(t, f.K.MarkExpired(f.Ctx))
	retention := types.DefaultParams().EndedGrantRetention
	f.At(t0.Add(2*time.Hour + retention - time.Nanosecond))
	require.NoError(t, f.K.PruneEnded(f.Ctx))
	_, err := f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	f.At(t0.Add(2*time.Hour + retention))
	require.NoError(t, f.K.PruneEnded(f.Ctx))
	_, err = f.K.GetGrant(f.Ctx, id)
	testutil.RequireCode(t, err, types.ErrGrantNotFound)
}
