package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/records/types"
)

// InitGenesis loads every version and batch and rebuilds the indexes; the
// consortium's genesis already lists the known patients.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	for _, v := range gs.Versions {
		custodian, err := k.addressCodec.StringToBytes(v.Custodian)
		if err != nil {
			return err
		}
		if err := k.storeVersion(ctx, custodian, v); err != nil {
			return err
		}
		if v.Version > 1 {
			continue
		}
		patient, err := k.addressCodec.StringToBytes(v.Patient)
		if err != nil {
			return err
		}
		if err := k.consortium.RegisterPatient(ctx, patient); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidPatient, "record %s/%s: %v", v.Custodian, v.RecordId, err)
		}
		if err := k.ByPatient.Set(ctx, collections.Join3(sdk.AccAddress(patient), sdk.AccAddress(custodian), v.RecordId)); err != nil {
			return err
		}
	}
	var maxID uint64
	for _, b := range gs.Batches {
		if err := k.Batches.Set(ctx, b.Id, b); err != nil {
			return err
		}
		maxID = max(maxID, b.Id)
	}
	return modulekit.SetLastID(ctx, k.BatchSeq, maxID)
}

// ExportGenesis returns every version and batch.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	versions, err := modulekit.Values(ctx, k.Versions)
	if err != nil {
		return nil, err
	}
	batches, err := modulekit.Values(ctx, k.Batches)
	return &types.GenesisState{Versions: versions, Batches: batches}, err
}
