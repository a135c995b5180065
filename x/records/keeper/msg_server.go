package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/records/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the records Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

func (s msgServer) AnchorRecord(ctx context.Context, msg *types.MsgAnchorRecord) (*types.MsgAnchorRecordResponse, error) {
	a, err := modulekit.ParseAddresses(s.k.addressCodec, types.ErrInvalidAddress, "signer", msg.Signer, "patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	if msg.ContentHash == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidHash, "content hash is required")
	}
	err = s.k.Anchor(ctx, a[0], a[1], types.RecordVersion{
		RecordId: msg.RecordId, Category: msg.Category, CategoryCommitment: msg.CategoryCommitment,
		ContentHash: *msg.ContentHash, Uri: msg.Uri,
	})
	if err != nil {
		return nil, err
	}
	anchoredCount.Inc()
	return &types.MsgAnchorRecordResponse{Version: 1}, nil
}

func (s msgServer) AmendRecord(ctx context.Context, msg *types.MsgAmendRecord) (*types.MsgAmendRecordResponse, error) {
	signer, err := modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if msg.ContentHash == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidHash, "content hash is required")
	}
	v, err := s.k.Amend(ctx, signer, msg.RecordId, *msg.ContentHash, msg.Uri, msg.Reason, msg.NoteHash)
	if err != nil {
		return nil, err
	}
	amendedCount.Inc()
	return &types.MsgAmendRecordResponse{Version: v}, nil
}

func (s msgServer) AnchorBatch(ctx context.Context, msg *types.MsgAnchorBatch) (*types.MsgAnchorBatchResponse, error) {
	signer, err := modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	id, err := s.k.AnchorBatch(ctx, signer, msg.Root, msg.LeafCount, msg.Algorithm, msg.ManifestUri)
	if err != nil {
		return nil, err
	}
	batchesCount.Inc()
	return &types.MsgAnchorBatchResponse{BatchId: id}, nil
}
