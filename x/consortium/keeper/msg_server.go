package keeper

import (
	"context"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the consortium's Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

func (s msgServer) AddAgent(ctx context.Context, msg *types.MsgAddAgent) (*types.MsgAddAgentResponse, error) {
	a, err := modulekit.ParseAddresses(s.k.addressCodec, types.ErrInvalidAddress, "operator", msg.Operator, "agent", msg.Agent)
	if err != nil {
		return nil, err
	}
	return &types.MsgAddAgentResponse{}, s.k.AddAgent(ctx, a[0], a[1], msg.Role)
}

func (s msgServer) AcceptAgent(ctx context.Context, msg *types.MsgAcceptAgent) (*types.MsgAcceptAgentResponse, error) {
	a, err := modulekit.ParseAddresses(s.k.addressCodec, types.ErrInvalidAddress, "agent", msg.Agent, "member", msg.Member)
	if err != nil {
		return nil, err
	}
	return &types.MsgAcceptAgentResponse{}, s.k.AcceptAgent(ctx, a[0], a[1])
}

func (s msgServer) RemoveAgent(ctx context.Context, msg *types.MsgRemoveAgent) (*types.MsgRemoveAgentResponse, error) {
	a, err := modulekit.ParseAddresses(s.k.addressCodec, types.ErrInvalidAddress, "signer", msg.Signer, "agent", msg.Agent)
	if err != nil {
		return nil, err
	}
	return &types.MsgRemoveAgentResponse{}, s.k.RemoveAgent(ctx, a[0], a[1])
}
