package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
)

// MarkExpired marks at most expiry_prune_limit grants whose expiry has
// passed as expired, oldest first, with an event each. Decisions never
// depend on it: an expired grant denies from its expiry on.
func (k Keeper) MarkExpired(ctx context.Context) error {
	return k.forDue(ctx, k.ExpiryQueue, noDelay, func(id uint64, now time.Time) error {
		g, err := k.Grants.Get(ctx, id)
		if err != nil {
			return err
		}
		expiredCount.Inc()
		if err := k.end(ctx, g, types.GrantStatus_GRANT_STATUS_EXPIRED, now); err != nil {
			return err
		}
		return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentExpired{GrantId: g.Id, Patient: g.Patient, Grantee: g.Grantee})
	})
}

// PruneEnded deletes at most expiry_prune_limit grants that were revoked or
// expired longer than ended_grant_retention ago, oldest first, with an
// event each; their history stays in the chain's events and audit trail.
func (k Keeper) PruneEnded(ctx context.Context) error {
	return k.forDue(ctx, k.EndedQueue, afterRetention, func(id uint64, _ time.Time) error {
		g, err := k.Grants.Get(ctx, id)
		if err != nil {
			return err
		}
		prunedCount.Inc()
		if err := k.deleteGrant(ctx, g); err != nil {
			return err
		}
		return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentPruned{GrantId: g.Id, Patient: g.Patient})
	})
}

// MarkRequestsExpired marks at most expiry_prune_limit pending requests
// whose expiry has passed as expired, oldest first, with an event each.
// Answers never depend on it: a request cannot be answered from its expiry on.
func (k Keeper) MarkRequestsExpired(ctx context.Context) error {
	return k.forDue(ctx, k.RequestExpiryQueue, noDelay, func(id uint64, now time.Time) error {
		r, err := k.Requests.Get(ctx, id)
		if err != nil {
			return err
		}
		return k.endRequest(ctx, r, types.RequestStatus_REQUEST_STATUS_EXPIRED, now)
	})
}

// PruneEndedRequests deletes at most expiry_prune_limit requests that ended
// longer than ended_grant_retention ago, oldest first, with an event each.
func (k Keeper) PruneEndedRequests(ctx context.Context) error {
	return k.forDue(ctx, k.RequestEndedQueue, afterRetention, func(id uint64, _ time.Time) error {
		r, err := k.Requests.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := k.deleteRequest(ctx, r); err != nil {
			return err
		}
		return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentRequestPruned{RequestId: r.Id, Patient: r.Patient})
	})
}

// noDelay and afterRetention are the cutoffs of forDue's queues: due at
// the block time, or ended_grant_retention before it.
func noDelay(now time.Time, _ types.Params) time.Time { return now }

func afterRetention(now time.Time, p types.Params) time.Time { return now.Add(-p.EndedGrantRetention) }

// forDue applies do to at most expiry_prune_limit ids of a (time, id)
// queue due by cutoff(block time, params), oldest first.
func (k Keeper) forDue(ctx context.Context, queue collections.KeySet[collections.Pair[int64, uint64]],
	cutoff func(time.Time, types.Params) time.Time, do func(uint64, time.Time) error,
) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	due, err := dueIDs(ctx, queue, cutoff(now, params).UnixNano(), params.ExpiryPruneLimit)
	if err != nil {
		return err
	}
	for _, id := range due {
		if err := do(id, now); err != nil {
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
	if err := k.EndedQueue.Remove(ctx, collections.Join(g.EndedAt.UnixNano(), g.Id)); err != nil {
		return err
	}
	return removeIndexed(ctx, k.Grants, g.Id, addrIndex{k.ByPatient, a[0]}, addrIndex{k.ByGrantee, a[1]})
}

// deleteRequest removes an ended request and its index entries.
func (k Keeper) deleteRequest(ctx context.Context, r types.ConsentRequest) error {
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "patient", r.Patient, "requester", r.Requester)
	if err != nil {
		return err
	}
	if err := k.RequestEndedQueue.Remove(ctx, collections.Join(r.EndedAt.UnixNano(), r.Id)); err != nil {
		return err
	}
	return removeIndexed(ctx, k.Requests, r.Id, addrIndex{k.RequestsByPatient, a[0]}, addrIndex{k.RequestsByRequester, a[1]})
}
