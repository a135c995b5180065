package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consortium/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the consortium's Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

var _ types.MsgServer = msgServer{}

func (s msgServer) AddAgent(ctx context.Context, msg *types.MsgAddAgent) (*types.MsgAddAgentResponse, error) {
	op, agent, err := s.addresses(msg.Operator, msg.Agent)
	if err != nil {
		return nil, err
	}
	if err := s.k.AddAgent(ctx, op, agent, msg.Role); err != nil {
		return nil, err
	}
	return &types.MsgAddAgentResponse{}, nil
}

func (s msgServer) RemoveAgent(ctx context.Context, msg *types.MsgRemoveAgent) (*types.MsgRemoveAgentResponse, error) {
	op, agent, err := s.addresses(msg.Operator, msg.Agent)
	if err != nil {
		return nil, err
	}
	if err := s.k.RemoveAgent(ctx, op, agent); err != nil {
		return nil, err
	}
	return &types.MsgRemoveAgentResponse{}, nil
}

func (s msgServer) addresses(operator, agent string) (sdk.AccAddress, sdk.AccAddress, error) {
	op, err := s.k.addressCodec.StringToBytes(operator)
	if err != nil {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidAddress, "operator %q: %v", operator, err)
	}
	ag, err := s.k.addressCodec.StringToBytes(agent)
	if err != nil {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidAddress, "agent %q: %v", agent, err)
	}
	return op, ag, nil
}
