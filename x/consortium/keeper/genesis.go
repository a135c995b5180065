package keeper

import (
	"context"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consortium/types"
)

// InitGenesis loads the consortium, creates auth accounts for members and
// agents that have none, and returns the initial validator set.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) ([]abci.ValidatorUpdate, error) {
	if err := gs.Validate(k.addressCodec); err != nil {
		return nil, err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return nil, err
	}
	for _, m := range gs.Members {
		if err := k.SetMember(ctx, m); err != nil {
			return nil, fmt.Errorf("member %s: %w", m.Operator, err)
		}
		op, _ := k.addressCodec.StringToBytes(m.Operator)
		k.EnsureAccount(ctx, op)
	}
	for _, a := range gs.Agents {
		op, _ := k.addressCodec.StringToBytes(a.Member)
		addr, _ := k.addressCodec.StringToBytes(a.Address)
		if err := k.setAgent(ctx, op, addr, a); err != nil {
			return nil, err
		}
		count, err := k.agentCount(ctx, op)
		if err != nil {
			return nil, err
		}
		if err := k.AgentCount.Set(ctx, op, count+1); err != nil {
			return nil, err
		}
		k.EnsureAccount(ctx, addr)
	}
	return k.ApplyValidatorSet(ctx)
}

// ExportGenesis returns the consortium's params, members and agents.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	err = k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		gs.Members = append(gs.Members, m)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Agents.Walk(ctx, nil, func(_ sdk.AccAddress, a types.Agent) (bool, error) {
		gs.Agents = append(gs.Agents, a)
		return false, nil
	})
	return gs, err
}
