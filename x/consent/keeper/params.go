package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consent/types"
)

// UpdateParams replaces the parameters; authority must be the consortium's
// module account, which signs only through a passed proposal.
func (k Keeper) UpdateParams(ctx context.Context, authority string, p types.Params) error {
	if want := k.consortium.Authority(); authority != want {
		return errorsmod.Wrapf(types.ErrNotAuthority, "signer %s; authority is %s", authority, want)
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, p); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{})
}

// MigrateRequestParams (state version 1 to 2) gives a chain that predates
// consent requests their parameters' defaults.
func (k Keeper) MigrateRequestParams(ctx sdk.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if p.RequestTtl == 0 {
		p.RequestTtl = types.DefaultRequestTTL
	}
	if p.MaxOpenRequestsPerPatient == 0 {
		p.MaxOpenRequestsPerPatient = types.DefaultMaxOpenRequests
	}
	return k.Params.Set(ctx, p)
}
