package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/audit/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the audit Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

var _ types.MsgServer = msgServer{}

func (s msgServer) RequestAccess(ctx context.Context, msg *types.MsgRequestAccess) (*types.MsgRequestAccessResponse, error) {
	signer, accessor, patient, err := s.addresses(msg.Signer, msg.Accessor, msg.Patient)
	if err != nil {
		return nil, err
	}
	e, err := s.k.RequestAccess(ctx, Request{
		Signer: signer, Accessor: accessor, Patient: patient, RecordID: msg.RecordId,
		Category: msg.Category, Action: msg.Action, Purpose: msg.Purpose,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgRequestAccessResponse{EventId: e.Id, Decision: e.Decision, GrantId: e.GrantId, Reason: e.Reason}, nil
}

func (s msgServer) EmergencyAccess(ctx context.Context, msg *types.MsgEmergencyAccess) (*types.MsgEmergencyAccessResponse, error) {
	signer, accessor, patient, err := s.addresses(msg.Signer, msg.Accessor, msg.Patient)
	if err != nil {
		return nil, err
	}
	e, err := s.k.EmergencyAccess(ctx, Request{
		Signer: signer, Accessor: accessor, Patient: patient, RecordID: msg.RecordId,
		Category: msg.Category, Justification: msg.Justification,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgEmergencyAccessResponse{EventId: e.Id}, nil
}

func (s msgServer) addresses(addrs ...string) (sdk.AccAddress, sdk.AccAddress, sdk.AccAddress, error) {
	out := make([]sdk.AccAddress, len(addrs))
	for i, a := range addrs {
		bz, err := s.k.addressCodec.StringToBytes(a)
		if err != nil {
			return nil, nil, nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%q: %v", a, err)
		}
		out[i] = bz
	}
	return out[0], out[1], out[2], nil
}
