package keeper

import (
	"context"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the consent Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

func (s msgServer) GrantConsent(ctx context.Context, msg *types.MsgGrantConsent) (*types.MsgGrantConsentResponse, error) {
	a, err := modulekit.ParseAddresses(s.k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient, "grantee", msg.Grantee)
	if err != nil {
		return nil, err
	}
	if err := s.k.consortium.AuthorizePatient(ctx, a[0], true); err != nil {
		return nil, err
	}
	id, err := s.k.Grant(ctx, GrantRequest{
		Patient: a[0], Grantee: a[1], Categories: msg.Categories, Records: msg.Records,
		Purposes: msg.Purposes, ExpiresAt: msg.ExpiresAt,
	})
	if err != nil {
		return nil, err
	}
	grantedCount.Inc()
	return &types.MsgGrantConsentResponse{GrantId: id}, nil
}

func (s msgServer) RevokeConsent(ctx context.Context, msg *types.MsgRevokeConsent) (*types.MsgRevokeConsentResponse, error) {
	patient, err := modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	if err := s.k.consortium.AuthorizePatient(ctx, patient, false); err != nil {
		return nil, err
	}
	if err := s.k.Revoke(ctx, patient, msg.GrantId); err != nil {
		return nil, err
	}
	revokedCount.Inc()
	return &types.MsgRevokeConsentResponse{}, nil
}

func (s msgServer) RequestConsent(ctx context.Context, msg *types.MsgRequestConsent) (*types.MsgRequestConsentResponse, error) {
	id, err := s.k.Ask(ctx, msg)
	if err != nil {
		return nil, err
	}
	requestedCount.Inc()
	return &types.MsgRequestConsentResponse{RequestId: id}, nil
}

func (s msgServer) RespondConsentRequest(ctx context.Context, msg *types.MsgRespondConsentRequest) (*types.MsgRespondConsentRequestResponse, error) {
	patient, err := modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	if err := s.k.consortium.AuthorizePatient(ctx, patient, msg.Response == types.Response_RESPONSE_APPROVE); err != nil {
		return nil, err
	}
	id, err := s.k.Respond(ctx, msg)
	if err != nil {
		return nil, err
	}
	if id != 0 {
		grantedCount.Inc()
	}
	return &types.MsgRespondConsentRequestResponse{GrantId: id}, nil
}

func (s msgServer) WithdrawConsentRequest(ctx context.Context, msg *types.MsgWithdrawConsentRequest) (*types.MsgWithdrawConsentRequestResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return &types.MsgWithdrawConsentRequestResponse{}, s.k.Withdraw(ctx, msg.Requester, msg.RequestId)
}

func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	return &types.MsgUpdateParamsResponse{}, s.k.UpdateParams(ctx, msg.Authority, msg.Params)
}
