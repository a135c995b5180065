package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

func (q queryServer) Identity(ctx context.Context, req *types.QueryIdentityRequest) (*types.QueryIdentityResponse, error) {
	patient, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "patient", req.GetPatient())
	if err != nil {
		return nil, err
	}
	id, rec, err := q.k.Identity(ctx, patient)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	locked := id.LockedAt(sdk.UnwrapSDKContext(ctx).BlockTime())
	return &types.QueryIdentityResponse{Identity: id, Locked: locked, Recovery: rec}, nil
}
