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

// IsAllowedSigner reports whether addr may sign transactions: the operator
// of an active member, an agent of one, a known patient still controlled by
// its own key, or the controller of a patient identity (the signer
// allowlist). A patient address controlled by another key gets
// ErrKeyRotated: its old key is refused before the mempool.
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
	if !errors.Is(err, collections.ErrNotFound) {
		return false, err
	}
	patient, err := k.Patients.Has(ctx, addr)
	if err != nil || !patient {
		if err != nil {
			return false, err
		}
		return k.IsController(ctx, addr)
	}
	rotated, err := k.KeyRotated(ctx, addr)
	if err == nil && rotated {
		return false, errorsmod.Wrapf(types.ErrKeyRotated, "%s", addr)
	}
	return err == nil, err
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
	op, found, err := modulekit.Lookup(ctx, k.NodeIDs, nodeID)
	if err != nil || !found {
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
	m, err := k.Members.Get(ctx, addr)
	switch {
	case err == nil && m.IsActive():
		return m, nil
	case err == nil:
		return m, errorsmod.Wrapf(types.ErrMemberNotActive, "%s is %s", m.Operator, m.Status)
	case !errors.Is(err, collections.ErrNotFound):
		return m, err
	}
	_, m, err = k.AgentMember(ctx, addr)
	return m, err
}

// AgentMember returns the agent registered at addr and the active member it
// acts for, reading each once.
func (k Keeper) AgentMember(ctx context.Context, addr sdk.AccAddress) (types.Agent, types.Member, error) {
	a, err := k.Agents.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return a, types.Member{}, errorsmod.Wrapf(types.ErrSignerNotAllowed, "%s is no member's operator or agent", addr)
	}
	if err != nil {
		return a, types.Member{}, err
	}
	op, err := k.addressCodec.StringToBytes(a.Member)
	if err != nil {
		return a, types.Member{}, err
	}
	m, err := k.ActiveMember(ctx, op)
	return a, m, err
}
