package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/types"
)

// record numbers e, stores it with its indexes and emits EventAccessRecorded.
func (k Keeper) record(ctx context.Context, e *types.AccessEvent) error {
	id, err := modulekit.NextID(ctx, k.EventSeq)
	if err != nil {
		return err
	}
	e.Id = id
	if err := k.index(ctx, *e); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAccessRecorded{
		EventId: e.Id, Patient: e.Patient, Accessor: e.Accessor, Custodian: e.Custodian, RecordId: e.RecordId,
		Decision: e.Decision, GrantId: e.GrantId,
	})
}

// index stores e and its index entries.
func (k Keeper) index(ctx context.Context, e types.AccessEvent) error {
	if err := k.Events.Set(ctx, e.Id, e); err != nil {
		return err
	}
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "patient", e.Patient, "accessor", e.Accessor)
	if err != nil {
		return err
	}
	if err := k.ByPatient.Set(ctx, collections.Join(a[0], e.Id)); err != nil {
		return err
	}
	if err := k.ByAccessor.Set(ctx, collections.Join(a[1], e.Id)); err != nil {
		return err
	}
	if e.RecordId != "" {
		custodian, err := k.addressCodec.StringToBytes(e.Custodian)
		if err != nil {
			return err
		}
		if err := k.ByRecord.Set(ctx, collections.Join3(sdk.AccAddress(custodian), e.RecordId, e.Id)); err != nil {
			return err
		}
	}
	if e.AccessorMember != "" {
		member, err := k.addressCodec.StringToBytes(e.AccessorMember)
		if err != nil {
			return err
		}
		if err := k.ByMember.Set(ctx, collections.Join(sdk.AccAddress(member), e.Id)); err != nil {
			return err
		}
	}
	if e.Decision == types.Decision_DECISION_EMERGENCY {
		return k.Emergency.Set(ctx, e.Id)
	}
	return nil
}

// GetEvent returns an access event.
func (k Keeper) GetEvent(ctx context.Context, id uint64) (types.AccessEvent, error) {
	return modulekit.Get(ctx, k.Events, id, types.ErrEventNotFound)
}

// InitGenesis loads every event and rebuilds the indexes.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	var last uint64
	for _, e := range gs.Events {
		if err := k.index(ctx, e); err != nil {
			return err
		}
		last = e.Id
	}
	return modulekit.SetLastID(ctx, k.EventSeq, last)
}

// ExportGenesis returns every event.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	events, err := modulekit.Values(ctx, k.Events)
	return &types.GenesisState{Events: events}, err
}
