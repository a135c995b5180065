package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

func (q queryServer) Identity(ctx context.Context, req *types.QueryIdentityRequest) (*types.QueryIdentityResponse, error) {
	if req == nil {
		return nil, modulekit.EmptyRequest()
	}
	patient, err := modulekit.QueryAddress(q.k.addressCodec, "patient", req.Patient)
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
