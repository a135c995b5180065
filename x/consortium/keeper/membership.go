package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// CheckAuthority refuses any signer but the module account: the messages
// it signs arrive only through a passed proposal.
func (k Keeper) CheckAuthority(authority string) error {
	if authority != k.authority {
		return errorsmod.Wrapf(types.ErrNotAuthority, "signer %s; authority is %s", authority, k.authority)
	}
	return nil
}

// AdmitMember adds m as an active member from now: with a consensus key it
// validates from the next validator set, its node IDs may peer, its operator
// may sign. An address that is or was an operator, an agent or a patient
// cannot be admitted.
func (k Keeper) AdmitMember(ctx context.Context, m types.Member) error {
	op, err := k.addressCodec.StringToBytes(m.Operator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "operator %q", m.Operator)
	}
	if err := k.checkEnrollable(ctx, op); err != nil {
		return err
	}
	if former, err := k.FormerAgents.Has(ctx, op); err != nil {
		return err
	} else if former {
		return errorsmod.Wrapf(types.ErrInvalidMember, "%s was an agent", m.Operator)
	}
	m.Status, m.JoinedAt = types.MemberStatus_MEMBER_STATUS_ACTIVE, sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.SetMember(ctx, m); err != nil {
		return err
	}
	k.EnsureAccount(ctx, op)
	return k.emit(ctx, &types.EventMemberAdmitted{Operator: m.Operator})
}

// SuspendMember takes an active member's validator power, signers and nodes
// away until a proposal reinstates it.
func (k Keeper) SuspendMember(ctx context.Context, op sdk.AccAddress) error {
	m, err := k.ActiveMember(ctx, op)
	if err != nil {
		return err
	}
	if err := k.keepValidatorFloor(ctx, m, false); err != nil {
		return err
	}
	return k.suspend(ctx, m.Operator, "suspended by proposal")
}

// ReinstateMember makes a suspended member active again.
func (k Keeper) ReinstateMember(ctx context.Context, op sdk.AccAddress) error {
	m, err := k.GetMember(ctx, op)
	if err != nil {
		return err
	}
	if m.Status != types.MemberStatus_MEMBER_STATUS_SUSPENDED {
		return errorsmod.Wrapf(types.ErrMemberNotActive, "%s is %s, not suspended", m.Operator, m.Status)
	}
	m.Status = types.MemberStatus_MEMBER_STATUS_ACTIVE
	if err := k.SetMember(ctx, m); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventMemberReinstated{Operator: m.Operator})
}

// RemoveMember ends a membership for good: the member stays on record as
// removed, its node IDs are released, its agents become former agents and
// its open invitations end. Its operator never signs again and never
// becomes a patient.
func (k Keeper) RemoveMember(ctx context.Context, op sdk.AccAddress) error {
	m, err := k.GetMember(ctx, op)
	if err != nil {
		return err
	}
	if m.Status == types.MemberStatus_MEMBER_STATUS_REMOVED {
		return errorsmod.Wrapf(types.ErrMemberRemoved, "%s", m.Operator)
	}
	if err := k.keepValidatorFloor(ctx, m, false); err != nil {
		return err
	}
	if err := k.dropAgents(ctx, op); err != nil {
		return err
	}
	m.Status, m.NodeIds = types.MemberStatus_MEMBER_STATUS_REMOVED, nil
	if err := k.SetMember(ctx, m); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventMemberRemoved{Operator: m.Operator})
}

// UpdateMember replaces a member's name, roles, node IDs and consensus key
// (a key rotation takes effect with the next validator set); its status and
// joined_at stay.
func (k Keeper) UpdateMember(ctx context.Context, next types.Member) error {
	op, err := k.addressCodec.StringToBytes(next.Operator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "operator %q", next.Operator)
	}
	m, err := k.GetMember(ctx, op)
	if err != nil {
		return err
	}
	if m.Status == types.MemberStatus_MEMBER_STATUS_REMOVED {
		return errorsmod.Wrapf(types.ErrMemberRemoved, "%s", m.Operator)
	}
	next.Status, next.JoinedAt = m.Status, m.JoinedAt
	if err := k.keepValidatorFloor(ctx, m, next.IsValidator()); err != nil {
		return err
	}
	if err := k.SetMember(ctx, next); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventMemberUpdated{Operator: m.Operator})
}

// UpdateParams replaces the module's parameters.
func (k Keeper) UpdateParams(ctx context.Context, p types.Params) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, p); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventParamsUpdated{})
}

// keepValidatorFloor refuses a change to m after which fewer than
// min_validators members would validate; stillValidates says whether m
// validates after it.
func (k Keeper) keepValidatorFloor(ctx context.Context, m types.Member, stillValidates bool) error {
	if !m.IsValidator() || stillValidates {
		return nil
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	vals, err := k.desiredValidators(ctx)
	if err != nil {
		return err
	}
	if uint32(len(vals))-1 < params.MinValidators {
		return errorsmod.Wrapf(types.ErrTooFewValidators, "%d validating members, min_validators is %d", len(vals), params.MinValidators)
	}
	return nil
}

// dropAgents makes every agent of op a former agent and ends op's open
// invitations.
func (k Keeper) dropAgents(ctx context.Context, op sdk.AccAddress) error {
	agents, err := modulekit.SecondKeys(ctx, k.AgentsByMember, op)
	if err != nil {
		return err
	}
	for _, a := range agents {
		if err := k.RemoveAgent(ctx, op, a); err != nil {
			return err
		}
	}
	invited, err := modulekit.SecondKeys(ctx, k.InvitedBy, op)
	if err != nil {
		return err
	}
	for _, a := range invited {
		if err := k.removeInvitation(ctx, a, op); err != nil {
			return err
		}
	}
	if err := k.AgentCount.Remove(ctx, op); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return nil
}

func (k Keeper) emit(ctx context.Context, event proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(event)
}
