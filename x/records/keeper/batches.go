package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/records/merkle"
	"github.com/medchain/medchain/x/records/types"
)

// AnchorBatch stores a Merkle batch root for the signer's member and returns its id.
func (k Keeper) AnchorBatch(ctx context.Context, signer sdk.AccAddress, root []byte, leafCount uint64, algo types.HashAlgorithm, manifestURI string) (uint64, error) {
	if err := types.ValidateBatch(root, leafCount, algo, manifestURI); err != nil {
		return 0, err
	}
	custodian, _, err := k.Custodian(ctx, signer)
	if err != nil {
		return 0, err
	}
	id, err := modulekit.NextID(ctx, k.BatchSeq)
	if err != nil {
		return 0, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	by, err := k.addressCodec.BytesToString(signer)
	if err != nil {
		return 0, err
	}
	b := types.Batch{
		Id: id, Root: root, LeafCount: leafCount, Algorithm: algo, ManifestUri: manifestURI,
		Custodian: custodian.Operator, AnchoredBy: by, AnchoredAt: sdkCtx.BlockTime(), Height: sdkCtx.BlockHeight(),
	}
	if err := k.Batches.Set(ctx, id, b); err != nil {
		return 0, err
	}
	return id, sdkCtx.EventManager().EmitTypedEvent(&types.EventBatchAnchored{
		BatchId: id, Root: root, LeafCount: leafCount, Custodian: custodian.Operator,
	})
}

// GetBatch returns an anchored batch.
func (k Keeper) GetBatch(ctx context.Context, id uint64) (types.Batch, error) {
	return modulekit.Get(ctx, k.Batches, id, types.ErrBatchNotFound)
}

// VerifyInclusion checks leaf's proof against batch id; a nil error means included.
func (k Keeper) VerifyInclusion(ctx context.Context, id uint64, leaf []byte, index uint64, proof [][]byte) error {
	b, err := k.GetBatch(ctx, id)
	if err != nil {
		return err
	}
	return merkle.Verify(b.Root, b.LeafCount, index, leaf, proof)
}
