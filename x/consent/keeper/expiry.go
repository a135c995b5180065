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
	var due []uint64
	err = k.ExpiryQueue.Walk(ctx, nil, func(key collections.Pair[int64, uint64]) (bool, error) {
		if key.K1() > now.UnixNano() {
			return true, nil
		}
		due = append(due, key.K2())
		return uint32(len(due)) >= params.ExpiryPruneLimit, nil
	})
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
