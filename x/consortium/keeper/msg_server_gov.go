package keeper

import (
	"context"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

func (s msgServer) SubmitProposal(ctx context.Context, msg *types.MsgSubmitProposal) (*types.MsgSubmitProposalResponse, error) {
	proposer, err := modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "proposer", msg.Proposer)
	if err != nil {
		return nil, err
	}
	id, err := s.k.SubmitProposal(ctx, proposer, msg.Messages, msg.Title, msg.Summary)
	return &types.MsgSubmitProposalResponse{ProposalId: id}, err
}

func (s msgServer) Vote(ctx context.Context, msg *types.MsgVote) (*types.MsgVoteResponse, error) {
	voter, err := modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "voter", msg.Voter)
	if err != nil {
		return nil, err
	}
	status, err := s.k.Vote(ctx, voter, msg.ProposalId, msg.Option)
	return &types.MsgVoteResponse{Status: status}, err
}

func (s msgServer) WithdrawProposal(ctx context.Context, msg *types.MsgWithdrawProposal) (*types.MsgWithdrawProposalResponse, error) {
	proposer, err := modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "proposer", msg.Proposer)
	if err != nil {
		return nil, err
	}
	return &types.MsgWithdrawProposalResponse{}, s.k.WithdrawProposal(ctx, proposer, msg.ProposalId)
}

func (s msgServer) AdmitMember(ctx context.Context, msg *types.MsgAdmitMember) (*types.MsgAdmitMemberResponse, error) {
	if err := s.k.CheckAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgAdmitMemberResponse{}, s.k.AdmitMember(ctx, msg.Member)
}

func (s msgServer) SuspendMember(ctx context.Context, msg *types.MsgSuspendMember) (*types.MsgSuspendMemberResponse, error) {
	op, err := s.authorityAndOperator(msg.Authority, msg.Operator)
	if err != nil {
		return nil, err
	}
	return &types.MsgSuspendMemberResponse{}, s.k.SuspendMember(ctx, op)
}

func (s msgServer) ReinstateMember(ctx context.Context, msg *types.MsgReinstateMember) (*types.MsgReinstateMemberResponse, error) {
	op, err := s.authorityAndOperator(msg.Authority, msg.Operator)
	if err != nil {
		return nil, err
	}
	return &types.MsgReinstateMemberResponse{}, s.k.ReinstateMember(ctx, op)
}

func (s msgServer) RemoveMember(ctx context.Context, msg *types.MsgRemoveMember) (*types.MsgRemoveMemberResponse, error) {
	op, err := s.authorityAndOperator(msg.Authority, msg.Operator)
	if err != nil {
		return nil, err
	}
	return &types.MsgRemoveMemberResponse{}, s.k.RemoveMember(ctx, op)
}

func (s msgServer) UpdateMember(ctx context.Context, msg *types.MsgUpdateMember) (*types.MsgUpdateMemberResponse, error) {
	if err := s.k.CheckAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgUpdateMemberResponse{}, s.k.UpdateMember(ctx, msg.Member)
}

func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := s.k.CheckAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, s.k.UpdateParams(ctx, msg.Params)
}

func (s msgServer) authorityAndOperator(authority, operator string) ([]byte, error) {
	if err := s.k.CheckAuthority(authority); err != nil {
		return nil, err
	}
	return modulekit.ParseAddress(s.k.addressCodec, types.ErrInvalidAddress, "operator", operator)
}
