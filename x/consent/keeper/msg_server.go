package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consent/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the consent Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

func (s msgServer) GrantConsent(ctx context.Context, msg *types.MsgGrantConsent) (*types.MsgGrantConsentResponse, error) {
	patient, err := s.address("patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	grantee, err := s.address("grantee", msg.Grantee)
	if err != nil {
		return nil, err
	}
	id, err := s.k.Grant(ctx, GrantRequest{
		Patient: patient, Grantee: grantee, Categories: msg.Categories, Records: msg.Records,
		Purposes: msg.Purposes, ExpiresAt: msg.ExpiresAt,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgGrantConsentResponse{GrantId: id}, nil
}

func (s msgServer) RevokeConsent(ctx context.Context, msg *types.MsgRevokeConsent) (*types.MsgRevokeConsentResponse, error) {
	patient, err := s.address("patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	if err := s.k.Revoke(ctx, patient, msg.GrantId); err != nil {
		return nil, err
	}
	return &types.MsgRevokeConsentResponse{}, nil
}

func (s msgServer) address(field, addr string) (sdk.AccAddress, error) {
	bz, err := s.k.addressCodec.StringToBytes(addr)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%s %q: %v", field, addr, err)
	}
	return bz, nil
}

func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	return &types.MsgUpdateParamsResponse{}, s.k.UpdateParams(ctx, msg.Authority, msg.Params)
}
