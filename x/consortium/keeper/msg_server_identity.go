package keeper

import (
	"context"

	"github.com/medchain/medchain/x/consortium/types"
)

func (s msgServer) ActAsPatient(ctx context.Context, msg *types.MsgActAsPatient) (*types.MsgActAsPatientResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	results, err := s.k.ActAsPatient(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgActAsPatientResponse{Results: results}, nil
}

func (s msgServer) RotateKey(ctx context.Context, msg *types.MsgRotateKey) (*types.MsgRotateKeyResponse, error) {
	return &types.MsgRotateKeyResponse{}, s.k.RotateKey(ctx, msg)
}

func (s msgServer) SetGuardians(ctx context.Context, msg *types.MsgSetGuardians) (*types.MsgSetGuardiansResponse, error) {
	return &types.MsgSetGuardiansResponse{}, s.k.SetGuardians(ctx, msg)
}

func (s msgServer) StartRecovery(ctx context.Context, msg *types.MsgStartRecovery) (*types.MsgStartRecoveryResponse, error) {
	return &types.MsgStartRecoveryResponse{}, s.k.StartRecovery(ctx, msg)
}

func (s msgServer) ApproveRecovery(ctx context.Context, msg *types.MsgApproveRecovery) (*types.MsgApproveRecoveryResponse, error) {
	return &types.MsgApproveRecoveryResponse{}, s.k.ApproveRecovery(ctx, msg)
}

func (s msgServer) CancelRecovery(ctx context.Context, msg *types.MsgCancelRecovery) (*types.MsgCancelRecoveryResponse, error) {
	return &types.MsgCancelRecoveryResponse{}, s.k.CancelRecovery(ctx, msg)
}
