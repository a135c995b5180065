package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
)

// MarkExpired marks at most expiry_prune_limit grants whose expiry has
// passed as expired, oldest first, with an event each. Decisions never
// depend on it: an expired grant denies from its expiry on.
func (k Keeper) MarkExpired(ctx context.Context) error {
	return k.forDue(ctx, k.ExpiryQueue, func(now time.Time, _ types.Params) time.Time { return now },
		func(g types.Grant, now time.Time) (proto.Message, error) {
			expiredCount.Inc()
			return &types.EventConsentExpired{GrantId: g.Id, Patient: g.Patient, Grantee: g.Grantee},
				k.end(ctx, g, types.GrantStatus_GRANT_STATUS_EXPIRED, now)
		})
}

// PruneEnded deletes at most expiry_prune_limit grants that were revoked or
// expired longer than ended_grant_retention ago, oldest first, with an
// event each; their history stays in the chain's events and audit trail.
func (k Keeper) PruneEnded(ctx context.Context) error {
	return k.forDue(ctx, k.EndedQueue, func(now time.Time, p types.Params) time.Time { return now.Add(-p.EndedGrantRetention) },
		func(g types.Grant, _ time.Time) (proto.Message, error) {
			prunedCount.Inc()
			return &types.EventConsentPruned{GrantId: g.Id, Patient: g.Patient}, k.deleteGrant(ctx, g)
		})
}

// forDue applies do to at most expiry_prune_limit grants of a (time, id)
// queue due by cutoff(block time, params), oldest first, and emits the
// event each returns.
func (k Keeper) forDue(ctx context.Context, queue collections.KeySet[collections.Pair[int64, uint64]],
	cutoff func(time.Time, types.Params) time.Time, do func(types.Grant, time.Time) (proto.Message, error),
) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	due, err := dueIDs(ctx, queue, cutoff(now, params).UnixNano(), params.ExpiryPruneLimit)
	if err != nil {
		return err
	}
	for _, id := range due {
		g, err := k.Grants.Get(ctx, id)
		if err != nil {
			return err
		}
		event, err := do(g, now)
		if err != nil {
			return err
		}
		if err := sdkCtx.EventManager().EmitTypedEvent(event); err != nil {
			return err
		}
	}
	return nil
}

// dueIDs lists at most limit ids of a (time, id) queue whose time is at or
// before until, oldest first.
func dueIDs(ctx context.Context, queue collections.KeySet[collections.Pair[int64, uint64]], until int64, limit uint32) ([]uint64, error) {
	var due []uint64
	err := queue.Walk(ctx, nil, func(key collections.Pair[int64, uint64]) (bool, error) {
		if key.K1() > until {
			return true, nil
		}
		due = append(due, key.K2())
		return uint32(len(due)) >= limit, nil
	})
	return due, err
}

// deleteGrant removes an ended grant and its index entries.
func (k Keeper) deleteGrant(ctx context.Context, g types.Grant) error {
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "patient", g.Patient, "grantee", g.Grantee)
	if err != nil {
		return err
	}
	if err := k.ByPatient.Remove(ctx, collections.Join(a[0], g.Id)); err != nil {
		return err
	}
	if err := k.ByGrantee.Remove(ctx, collections.Join(a[1], g.Id)); err != nil {
		return err
	}
	if err := k.EndedQueue.Remove(ctx, collections.Join(g.EndedAt.UnixNano(), g.Id)); err != nil {
		return err
	}
	return k.Grants.Remove(ctx, g.Id)
}
