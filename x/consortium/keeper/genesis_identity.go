package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// initIdentities loads identities and recoveries and rebuilds the
// controller index and the recovery queue.
func (k Keeper) initIdentities(ctx context.Context, gs types.GenesisState) error {
	for _, id := range gs.Identities {
		patient, err := k.addressCodec.StringToBytes(id.Patient)
		if err != nil {
			return err
		}
		if err := k.Identities.Set(ctx, patient, id); err != nil {
			return err
		}
		if id.Controller == id.Patient {
			continue
		}
		controller, err := k.addressCodec.StringToBytes(id.Controller)
		if err != nil {
			return err
		}
		if err := k.Controllers.Set(ctx, controller, patient); err != nil {
			return err
		}
	}
	for _, r := range gs.Recoveries {
		patient, err := k.addressCodec.StringToBytes(r.Patient)
		if err != nil {
			return err
		}
		if err := k.Recoveries.Set(ctx, patient, r); err != nil {
			return err
		}
		next, err := k.addressCodec.StringToBytes(r.NewController)
		if err != nil {
			return err
		}
		if err := k.PendingControllers.Set(ctx, next, patient); err != nil {
			return err
		}
		if r.Reached() {
			if err := k.RecoveryQueue.Set(ctx, collections.Join(r.EffectiveAt.UnixNano(), sdk.AccAddress(patient))); err != nil {
				return err
			}
		}
	}
	return nil
}

// exportIdentities adds every stored identity and open recovery to gs.
func (k Keeper) exportIdentities(ctx context.Context, gs *types.GenesisState) error {
	var err error
	if gs.Identities, err = modulekit.Values(ctx, k.Identities); err != nil {
		return err
	}
	gs.Recoveries, err = modulekit.Values(ctx, k.Recoveries)
	return err
}
