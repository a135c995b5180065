package keeper

import (
	"context"
	"errors"

	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// GetAgent returns the agent registered at addr.
func (k Keeper) GetAgent(ctx context.Context, addr sdk.AccAddress) (types.Agent, error) {
	return modulekit.Get(ctx, k.Agents, addr, types.ErrAgentNotFound)
}

// AddAgent registers agent for the active member whose operator is op.
// It creates the agent's auth account if it has none, so the agent can sign.
func (k Keeper) AddAgent(ctx context.Context, op, agent sdk.AccAddress, role types.AgentRole) error {
	if err := types.ValidateAgentRole(role); err != nil {
		return err
	}
	member, err := k.ActiveMember(ctx, op)
	if err != nil {
		return err
	}
	if isMember, err := k.Members.Has(ctx, agent); err != nil {
		return err
	} else if isMember {
		return errorsmod.Wrapf(types.ErrAddressIsMember, "%s cannot also be an agent", agent)
	}
	if existing, err := k.Agents.Get(ctx, agent); err == nil {
		return errorsmod.Wrapf(types.ErrDuplicateAgent, "%s already acts for %s", agent, existing.Member)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	count, err := k.agentCount(ctx, op)
	if err != nil {
		return err
	}
	if count >= params.MaxAgentsPerMember {
		return errorsmod.Wrapf(types.ErrTooManyAgents, "%s has %d agents, the maximum", member.Operator, count)
	}
	agentStr, err := k.addressCodec.BytesToString(agent)
	if err != nil {
		return err
	}
	a := types.Agent{
		Address: agentStr,
		Member:  member.Operator,
		Role:    role,
		AddedAt: sdk.UnwrapSDKContext(ctx).BlockTime(),
	}
	if err := k.setAgent(ctx, op, agent, a); err != nil {
		return err
	}
	if err := k.AgentCount.Set(ctx, op, count+1); err != nil {
		return err
	}
	k.EnsureAccount(ctx, agent)
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAgentAdded{
		Member: member.Operator, Agent: agentStr, Role: role,
	})
}

// RemoveAgent removes agent from the member whose operator is op. Only the
// agent's own member may remove it.
func (k Keeper) RemoveAgent(ctx context.Context, op, agent sdk.AccAddress) error {
	if _, err := k.GetMember(ctx, op); err != nil {
		return err
	}
	a, err := k.GetAgent(ctx, agent)
	if err != nil {
		return err
	}
	owner, err := k.addressCodec.StringToBytes(a.Member)
	if err != nil {
		return err
	}
	if !sdk.AccAddress(owner).Equals(op) {
		return errorsmod.Wrapf(types.ErrNotOperator, "%s acts for %s", a.Address, a.Member)
	}
	if err := k.Agents.Remove(ctx, agent); err != nil {
		return err
	}
	if err := k.AgentsByMember.Remove(ctx, collections.Join(op, agent)); err != nil {
		return err
	}
	count, err := k.agentCount(ctx, op)
	if err != nil {
		return err
	}
	if err := k.AgentCount.Set(ctx, op, count-1); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAgentRemoved{
		Member: a.Member, Agent: a.Address,
	})
}

func (k Keeper) setAgent(ctx context.Context, op, agent sdk.AccAddress, a types.Agent) error {
	if err := k.Agents.Set(ctx, agent, a); err != nil {
		return err
	}
	return k.AgentsByMember.Set(ctx, collections.Join(op, agent))
}

func (k Keeper) agentCount(ctx context.Context, op sdk.AccAddress) (uint32, error) {
	n, err := k.AgentCount.Get(ctx, op)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

// EnsureAccount creates addr's auth account if it has none.
func (k Keeper) EnsureAccount(ctx context.Context, addr sdk.AccAddress) {
	if !k.accounts.HasAccount(ctx, addr) {
		k.accounts.SetAccount(ctx, k.accounts.NewAccountWithAddress(ctx, addr))
	}
}
