package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consent/types"
)

// MarkExpired marks at most expiry_prune_limit grants whose expiry has passed
// as expired, oldest first, with an event each. A backlog drains over later
// blocks; decisions never wait for it, since they check expiry themselves.
func (k Keeper) MarkExpired(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	due, err := dueIDs(ctx, k.ExpiryQueue, now.UnixNano(), params.ExpiryPruneLimit)
	if err != nil {
		return err
	}
	for _, id := range due {
		g, err := k.Grants.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := k.end(ctx, g, types.GrantStatus_GRANT_STATUS_EXPIRED, now); err != nil {
			return err
		}
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentExpired{
			GrantId: id, Patient: g.Patient, Grantee: g.Grantee,
		}); err != nil {
			return err
		}
	}
	return nil
}

// PruneEnded deletes at most expiry_prune_limit grants that were revoked or
// expired longer than ended_grant_retention ago, oldest first, with an
// event each; their history stays in the chain's events and audit trail.
func (k Keeper) PruneEnded(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	cutoff := sdk.UnwrapSDKContext(ctx).BlockTime().Add(-params.EndedGrantRetention)
	due, err := dueIDs(ctx, k.EndedQueue, cutoff.UnixNano(), params.ExpiryPruneLimit)
	if err != nil {
		return err
	}
	for _, id := range due {
		g, err := k.Grants.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := k.deleteGrant(ctx, g); err != nil {
			return err
		}
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentPruned{GrantId: id, Patient: g.Patient}); err != nil {
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
	patient, err := k.addressCodec.StringToBytes(g.Patient)
	if err != nil {
		return err
	}
	grantee, err := k.addressCodec.StringToBytes(g.Grantee)
	if err != nil {
		return err
	}
	if err := k.ByPatient.Remove(ctx, collections.Join(sdk.AccAddress(patient), g.Id)); err != nil {
		return err
	}
	if err := k.ByGrantee.Remove(ctx, collections.Join(sdk.AccAddress(grantee), g.Id)); err != nil {
		return err
	}
	if err := k.EndedQueue.Remove(ctx, collections.Join(g.EndedAt.UnixNano(), g.Id)); err != nil {
		return err
	}
	return k.Grants.Remove(ctx, g.Id)
}
