package keeper_test

import (
	"fmt"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// 10,000 grants (100 patients × 100) expire at the same instant.
func TestMassExpiryDrainsInBoundedBlocks(t *testing.T) {
	const patients, perPatient, total = 100, 100, 10_000
	f := newFixture(t)
	params := types.DefaultParams()
	require.EqualValues(t, 200, params.ExpiryPruneLimit)
	expiry := t0.Add(time.Hour)
	for p := range patients {
		for range perPatient {
			_, err := f.k.Grant(f.ctx, keeper.GrantRequest{
				Patient: addr(fmt.Sprintf("patient-%d", p)), Grantee: addr("hospital-a"),
				Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
				Purposes:   []types.Purpose{treat}, ExpiresAt: expiry,
			})
			require.NoError(t, err)
		}
	}
	decide := func(p int) bool {
		d, err := f.k.CheckAccess(f.ctx, types.AccessRequest{
			Accessor: addr("dr-a"), Patient: addr(fmt.Sprintf("patient-%d", p)),
			Category: recordstypes.Category_CATEGORY_LAB, Purpose: treat,
		})
		require.NoError(t, err)
		return d.Allowed
	}
	require.True(t, decide(0), "before expiry the grants allow")

	// Blocks of one second from the first block after expiry.
	var blocks, marked int
	for block := 0; marked < total; block++ {
		f.ctx = f.ctx.WithBlockTime(expiry.Add(time.Duration(block) * time.Second)).WithEventManager(sdk.NewEventManager())
		if block == 0 {
			for p := range patients {
				require.False(t, decide(p), "patient %d: denied from the first block after expiry, before any marking", p)
			}
		}
		require.NoError(t, f.k.MarkExpired(f.ctx))
		n := len(f.ctx.EventManager().Events())
		require.LessOrEqual(t, n, int(params.ExpiryPruneLimit), "block %d marked %d", block, n)
		require.Positive(t, n, "block %d marked nothing while grants were due", block)
		marked += n
		blocks++
	}
	require.Equal(t, total, marked)
	require.Equal(t, (total+int(params.ExpiryPruneLimit)-1)/int(params.ExpiryPruneLimit), blocks)

	// Nothing is left active or queued, and a later block marks nothing.
	active, err := f.queries.GrantsByPatient(f.ctx, &types.QueryGrantsByPatientRequest{Patient: f.str("patient-7"), Status: types.GrantStatus_GRANT_STATUS_ACTIVE})
	require.NoError(t, err)
	require.Empty(t, active.Grants)
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.k.MarkExpired(f.ctx))
	require.Empty(t, f.ctx.EventManager().Events())
}
