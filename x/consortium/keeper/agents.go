package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// GetAgent returns the agent registered at addr.
func (k Keeper) GetAgent(ctx context.Context, addr sdk.AccAddress) (types.Agent, error) {
	return modulekit.Get(ctx, k.Agents, addr, types.ErrAgentNotFound)
}

// AddAgent invites agent to act for the active member whose operator is op.
// The address becomes an agent only when it accepts (AcceptAgent). A member
// operator (past or present), a current agent or a known patient cannot be
// invited. It creates the address's auth account, so it can sign its answer.
func (k Keeper) AddAgent(ctx context.Context, op, agent sdk.AccAddress, role types.AgentRole) error {
	if err := types.ValidateAgentRole(role); err != nil {
		return err
	}
	member, params, err := k.enrollable(ctx, op, agent)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	open, err := k.openInvitations(ctx, op, now)
	if err != nil {
		return err
	}
	if open >= params.MaxInvitationsPerMember {
		return errorsmod.Wrapf(types.ErrTooManyInvitations, "%s has %d open invitations; withdraw some first", member.Operator, open)
	}
	agentStr, err := k.addressCodec.BytesToString(agent)
	if err != nil {
		return err
	}
	inv := types.AgentInvitation{Agent: agentStr, Member: member.Operator, Role: role, InvitedAt: now, ExpiresAt: now.Add(params.AgentInvitationTtl)}
	if err := k.Invitations.Set(ctx, collections.Join(agent, op), inv); err != nil {
		return err
	}
	if err := k.InvitedBy.Set(ctx, collections.Join(op, agent)); err != nil {
		return err
	}
	k.EnsureAccount(ctx, agent)
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAgentInvited{Member: member.Operator, Agent: agentStr, Role: role})
}

// AcceptAgent enrols agent for the member whose operator is op, on the
// agent's own signature, if op's invitation is open and the member active.
// The agent's other invitations end.
func (k Keeper) AcceptAgent(ctx context.Context, agent, op sdk.AccAddress) error {
	inv, err := k.Invitations.Get(ctx, collections.Join(agent, op))
	if errors.Is(err, collections.ErrNotFound) {
		return errorsmod.Wrapf(types.ErrNoInvitation, "%s has no invitation from %s", agent, op)
	} else if err != nil {
		return err
	}
	if !sdk.UnwrapSDKContext(ctx).BlockTime().Before(inv.ExpiresAt) {
		return errorsmod.Wrapf(types.ErrInvitationExpired, "the invitation expired at %s", inv.ExpiresAt.UTC())
	}
	member, params, err := k.enrollable(ctx, op, agent)
	if err != nil {
		return err
	}
	count, err := modulekit.OrZero(ctx, k.AgentCount, op)
	if err != nil {
		return err
	}
	if count >= params.MaxAgentsPerMember {
		return errorsmod.Wrapf(types.ErrTooManyAgents, "%s has %d agents, the maximum", member.Operator, count)
	}
	if err := k.endInvitations(ctx, agent, op); err != nil {
		return err
	}
	a := types.Agent{Address: inv.Agent, Member: member.Operator, Role: inv.Role, AddedAt: sdk.UnwrapSDKContext(ctx).BlockTime()}
	if err := k.setAgent(ctx, op, agent, a); err != nil {
		return err
	}
	if err := k.AgentCount.Set(ctx, op, count+1); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAgentAdded{Member: member.Operator, Agent: inv.Agent, Role: inv.Role})
}

// RemoveAgent ends agent's enrolment, signed by its member's operator or by
// the agent itself; the address stays a former agent for good. For an
// address that is not an agent, the inviting member's operator withdraws
// its invitation, or the address declines all it received.
func (k Keeper) RemoveAgent(ctx context.Context, signer, agent sdk.AccAddress) error {
	a, err := k.Agents.Get(ctx, agent)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return k.endInvitationBy(ctx, signer, agent)
	case err != nil:
		return err
	}
	op, err := k.addressCodec.StringToBytes(a.Member)
	if err != nil {
		return err
	}
	if !signer.Equals(agent) && !signer.Equals(sdk.AccAddress(op)) {
		return errorsmod.Wrapf(types.ErrNotOperator, "%s acts for %s; only that member's operator or the agent may remove it", a.Address, a.Member)
	}
	if err := k.Agents.Remove(ctx, agent); err != nil {
		return err
	}
	if err := k.AgentsByMember.Remove(ctx, collections.Join(sdk.AccAddress(op), agent)); err != nil {
		return err
	}
	if err := k.FormerAgents.Set(ctx, agent); err != nil {
		return err
	}
	count, err := modulekit.OrZero(ctx, k.AgentCount, op)
	if err != nil {
		return err
	}
	if err := k.AgentCount.Set(ctx, op, count-1); err != nil {
		return err
	}
	by, err := k.addressCodec.BytesToString(signer)
	if err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAgentRemoved{Member: a.Member, Agent: a.Address, By: by})
}

// checkEnrollable refuses an address that is a member operator (of any
// status), already an agent, or a known patient.
func (k Keeper) checkEnrollable(ctx context.Context, addr sdk.AccAddress) error {
	if isMember, err := k.Members.Has(ctx, addr); err != nil {
		return err
	} else if isMember {
		return errorsmod.Wrapf(types.ErrAddressIsMember, "%s cannot also be an agent", addr)
	}
	if existing, err := k.Agents.Get(ctx, addr); err == nil {
		return errorsmod.Wrapf(types.ErrDuplicateAgent, "%s already acts for %s", addr, existing.Member)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if isPatient, err := k.Patients.Has(ctx, addr); err != nil {
		return err
	} else if isPatient {
		return errorsmod.Wrapf(types.ErrAddressIsPatient, "%s cannot be an agent", addr)
	}
	return nil
}

func (k Keeper) setAgent(ctx context.Context, op, agent sdk.AccAddress, a types.Agent) error {
	if err := k.Agents.Set(ctx, agent, a); err != nil {
		return err
	}
	return k.AgentsByMember.Set(ctx, collections.Join(op, agent))
}

// EnsureAccount creates addr's auth account if it has none.
func (k Keeper) EnsureAccount(ctx context.Context, addr sdk.AccAddress) {
	if !k.accounts.HasAccount(ctx, addr) {
		k.accounts.SetAccount(ctx, k.accounts.NewAccountWithAddress(ctx, addr))
	}
}

// enrollable is what an invitation and its acceptance both check: op is an
// active member's operator and agent may become an agent. It returns the
// member and the params.
func (k Keeper) enrollable(ctx context.Context, op, agent sdk.AccAddress) (types.Member, types.Params, error) {
	member, err := k.ActiveMember(ctx, op)
	if err != nil {
		return types.Member{}, types.Params{}, err
	}
	if err := k.checkEnrollable(ctx, agent); err != nil {
		return types.Member{}, types.Params{}, err
	}
	params, err := k.Params.Get(ctx)
	return member, params, err
}
