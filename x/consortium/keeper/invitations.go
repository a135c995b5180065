package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consortium/types"
)

// endInvitationBy withdraws signer's invitation of agent (signer is the
// inviting operator) or declines every invitation agent holds (signer is
// agent).
func (k Keeper) endInvitationBy(ctx context.Context, signer, agent sdk.AccAddress) error {
	var ended []types.AgentInvitation
	err := k.Invitations.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, sdk.AccAddress](agent),
		func(key collections.Pair[sdk.AccAddress, sdk.AccAddress], inv types.AgentInvitation) (bool, error) {
			if signer.Equals(agent) || signer.Equals(key.K2()) {
				ended = append(ended, inv)
			}
			return false, nil
		})
	if err != nil {
		return err
	}
	if len(ended) == 0 {
		return errorsmod.Wrapf(types.ErrAgentNotFound, "%s is not an agent and holds no invitation %s may end", agent, signer)
	}
	by, err := k.addressCodec.BytesToString(signer)
	if err != nil {
		return err
	}
	for _, inv := range ended {
		op, err := k.addressCodec.StringToBytes(inv.Member)
		if err != nil {
			return err
		}
		if err := k.removeInvitation(ctx, agent, op); err != nil {
			return err
		}
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAgentInvitationEnded{
			Member: inv.Member, Agent: inv.Agent, By: by,
		}); err != nil {
			return err
		}
	}
	return nil
}

// openInvitations counts op's unexpired invitations, removing its expired
// ones on the way (at most max_invitations_per_member are ever stored).
func (k Keeper) openInvitations(ctx context.Context, op sdk.AccAddress, now time.Time) (uint32, error) {
	var open uint32
	var expired []sdk.AccAddress
	err := k.InvitedBy.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, sdk.AccAddress](op),
		func(key collections.Pair[sdk.AccAddress, sdk.AccAddress]) (bool, error) {
			inv, err := k.Invitations.Get(ctx, collections.Join(key.K2(), op))
			if err != nil {
				return true, err
			}
			if !now.Before(inv.ExpiresAt) {
				expired = append(expired, key.K2())
			} else {
				open++
			}
			return false, nil
		})
	if err != nil {
		return 0, err
	}
	for _, agent := range expired {
		if err := k.removeInvitation(ctx, agent, op); err != nil {
			return 0, err
		}
	}
	return open, nil
}

// endInvitations removes every invitation agent holds, on its acceptance of
// accepted's: each other member learns its invitation ended, by the agent.
func (k Keeper) endInvitations(ctx context.Context, agent, accepted sdk.AccAddress) error {
	var ended []types.AgentInvitation
	var ops []sdk.AccAddress
	err := k.Invitations.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, sdk.AccAddress](agent),
		func(key collections.Pair[sdk.AccAddress, sdk.AccAddress], inv types.AgentInvitation) (bool, error) {
			ops = append(ops, key.K2())
			ended = append(ended, inv)
			return false, nil
		})
	if err != nil {
		return err
	}
	events := sdk.UnwrapSDKContext(ctx).EventManager()
	for i, op := range ops {
		if err := k.removeInvitation(ctx, agent, op); err != nil {
			return err
		}
		if op.Equals(accepted) {
			continue
		}
		if err := events.EmitTypedEvent(&types.EventAgentInvitationEnded{Member: ended[i].Member, Agent: ended[i].Agent, By: ended[i].Agent}); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) removeInvitation(ctx context.Context, agent, op sdk.AccAddress) error {
	if err := k.Invitations.Remove(ctx, collections.Join(agent, op)); err != nil {
		return err
	}
	return k.InvitedBy.Remove(ctx, collections.Join(op, agent))
}

// HasInvitation reports whether addr holds an open (unexpired) invitation.
func (k Keeper) HasInvitation(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	found := false
	err := k.Invitations.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, sdk.AccAddress](addr),
		func(_ collections.Pair[sdk.AccAddress, sdk.AccAddress], inv types.AgentInvitation) (bool, error) {
			found = now.Before(inv.ExpiresAt)
			return found, nil
		})
	return found, err
}
