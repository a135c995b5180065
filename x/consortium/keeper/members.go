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

// GetMember returns the member whose operator is addr.
func (k Keeper) GetMember(ctx context.Context, addr sdk.AccAddress) (types.Member, error) {
	return modulekit.Get(ctx, k.Members, addr, types.ErrMemberNotFound)
}

// ActiveMember returns the member whose operator is addr, if it is active.
func (k Keeper) ActiveMember(ctx context.Context, addr sdk.AccAddress) (types.Member, error) {
	m, err := k.GetMember(ctx, addr)
	if err != nil {
		return m, err
	}
	if !m.IsActive() {
		return m, errorsmod.Wrapf(types.ErrMemberNotActive, "%s is %s", m.Operator, m.Status)
	}
	return m, nil
}

// SetMember stores a member and indexes its node IDs. It validates the member
// against params and checks node IDs are not claimed by another member; the
// member's previous node IDs are released.
func (k Keeper) SetMember(ctx context.Context, m types.Member) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if err := m.ValidateStateless(params.MaxNodeIdsPerMember); err != nil {
		return err
	}
	op, err := k.addressCodec.StringToBytes(m.Operator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "operator %q: %v", m.Operator, err)
	}
	if isAgent, err := k.Agents.Has(ctx, op); err != nil {
		return err
	} else if isAgent {
		return errorsmod.Wrapf(types.ErrInvalidMember, "%s is an agent", m.Operator)
	}
	prev, err := k.Members.Get(ctx, op)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		if err := k.checkMemberCapacity(ctx, params); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	for _, id := range m.NodeIds {
		owner, err := k.NodeIDs.Get(ctx, id)
		if err == nil && !owner.Equals(sdk.AccAddress(op)) {
			return errorsmod.Wrapf(types.ErrDuplicateNodeID, "%s belongs to %s", id, owner)
		}
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
	}
	for _, id := range prev.NodeIds {
		if err := k.NodeIDs.Remove(ctx, id); err != nil {
			return err
		}
	}
	for _, id := range m.NodeIds {
		if err := k.NodeIDs.Set(ctx, id, op); err != nil {
			return err
		}
	}
	return k.Members.Set(ctx, op, m)
}

func (k Keeper) checkMemberCapacity(ctx context.Context, params types.Params) error {
	n := uint32(0)
	it, err := k.Members.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		n++
		if n >= params.MaxMembers {
			return errorsmod.Wrapf(types.ErrTooManyMembers, "the consortium already has %d members", n)
		}
	}
	return nil
}
