package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/medchain/medchain/x/consortium/types"
)

// IsAllowedSigner reports whether addr may sign transactions as the operator
// of an active member or as an agent of one (the signer allowlist).
func (k Keeper) IsAllowedSigner(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	m, err := k.Members.Get(ctx, addr)
	if err == nil {
		return m.IsActive(), nil
	}
	if !errors.Is(err, collections.ErrNotFound) {
		return false, err
	}
	_, err = k.ActingMember(ctx, addr)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	}
	return false, err
}

// ActingMember returns the active member that agent addr acts for. It returns
// collections.ErrNotFound when addr is not an agent of an active member.
func (k Keeper) ActingMember(ctx context.Context, addr sdk.AccAddress) (sdk.AccAddress, error) {
	a, err := k.Agents.Get(ctx, addr)
	if err != nil {
		return nil, err
	}
	op, err := k.addressCodec.StringToBytes(a.Member)
	if err != nil {
		return nil, err
	}
	m, err := k.Members.Get(ctx, op)
	if err != nil {
		return nil, err
	}
	if !m.IsActive() {
		return nil, collections.ErrNotFound
	}
	return op, nil
}

// IsPeerAllowed reports whether nodeID is registered to an active member.
func (k Keeper) IsPeerAllowed(ctx context.Context, nodeID string) (bool, error) {
	op, err := k.NodeIDs.Get(ctx, nodeID)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	m, err := k.Members.Get(ctx, op)
	if err != nil {
		return false, err
	}
	return m.IsActive(), nil
}

// SignerMember returns the active member that addr signs for: the member whose
// operator addr is, or the member addr is an agent of.
func (k Keeper) SignerMember(ctx context.Context, addr sdk.AccAddress) (types.Member, error) {
	if _, err := k.Members.Get(ctx, addr); err == nil {
		return k.ActiveMember(ctx, addr)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return types.Member{}, err
	}
	op, err := k.ActingMember(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Member{}, errorsmod.Wrapf(types.ErrSignerNotAllowed, "%s", addr)
	}
	if err != nil {
		return types.Member{}, err
	}
	return k.GetMember(ctx, op)
}
