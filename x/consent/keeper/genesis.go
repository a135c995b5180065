package keeper

import (
	"context"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
)

// InitGenesis loads params, grants and requests and rebuilds the indexes.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	var maxID uint64
	for _, g := range gs.Grants {
		a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "patient", g.Patient, "grantee", g.Grantee)
		if err != nil {
			return err
		}
		if err := k.indexGrant(ctx, g, a[0], a[1]); err != nil {
			return err
		}
		maxID = max(maxID, g.Id)
	}
	if err := modulekit.SetLastID(ctx, k.GrantSeq, maxID); err != nil {
		return err
	}
	var maxRequest uint64
	for _, r := range gs.Requests {
		a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "requester", r.Requester, "patient", r.Patient)
		if err != nil {
			return err
		}
		if err := k.indexRequest(ctx, r, a[0], a[1]); err != nil {
			return err
		}
		maxRequest = max(maxRequest, r.Id)
	}
	return modulekit.SetLastID(ctx, k.RequestSeq, maxRequest)
}

// ExportGenesis returns params, every grant and every request.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if gs.Grants, err = modulekit.Values(ctx, k.Grants); err != nil {
		return nil, err
	}
	gs.Requests, err = modulekit.Values(ctx, k.Requests)
	return gs, err
}
