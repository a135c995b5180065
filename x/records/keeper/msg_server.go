package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/records/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the records Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

var _ types.MsgServer = msgServer{}

func (s msgServer) AnchorRecord(ctx context.Context, msg *types.MsgAnchorRecord) (*types.MsgAnchorRecordResponse, error) {
	signer, err := s.address("signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	patient, err := s.address("patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	if msg.ContentHash == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidHash, "content hash is required")
	}
	if err := s.k.Anchor(ctx, signer, patient, msg.RecordId, msg.Category, *msg.ContentHash, msg.Uri); err != nil {
		return nil, err
	}
	return &types.MsgAnchorRecordResponse{Version: 1}, nil
}

func (s msgServer) AmendRecord(ctx context.Context, msg *types.MsgAmendRecord) (*types.MsgAmendRecordResponse, error) {
	signer, err := s.address("signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if msg.ContentHash == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidHash, "content hash is required")
	}
	v, err := s.k.Amend(ctx, signer, msg.RecordId, *msg.ContentHash, msg.Uri, msg.Reason)
	if err != nil {
		return nil, err
	}
	return &types.MsgAmendRecordResponse{Version: v}, nil
}

func (s msgServer) AnchorBatch(ctx context.Context, msg *types.MsgAnchorBatch) (*types.MsgAnchorBatchResponse, error) {
	signer, err := s.address("signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	id, err := s.k.AnchorBatch(ctx, signer, msg.Root, msg.LeafCount, msg.Algorithm, msg.ManifestUri)
	if err != nil {
		return nil, err
	}
	return &types.MsgAnchorBatchResponse{BatchId: id}, nil
}

func (s msgServer) address(field, addr string) (sdk.AccAddress, error) {
	bz, err := s.k.addressCodec.StringToBytes(addr)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%s %q: %v", field, addr, err)
	}
	return bz, nil
}
