package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consortium/types"
)

// RegisterPatient makes addr a known patient, who may sign, with an auth
// account, when a record first names it. An address that is or was a
// member operator or an agent can never be a patient: that would bring a
// suspended member or a removed agent back onto the signer allowlist, or
// let a member sign as a patient.
func (k Keeper) RegisterPatient(ctx context.Context, addr sdk.AccAddress) error {
	known, err := k.Patients.Has(ctx, addr)
	if err != nil || known {
		return err
	}
	participant, err := k.IsOrWasParticipant(ctx, addr)
	if err != nil {
		return err
	}
	if participant {
		return errorsmod.Wrapf(types.ErrNotAPatient, "%s", addr)
	}
	if err := k.Patients.Set(ctx, addr); err != nil {
		return err
	}
	k.EnsureAccount(ctx, addr)
	s, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPatientKnown{Patient: s})
}

// IsPatient reports whether addr is a known patient.
func (k Keeper) IsPatient(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	return k.Patients.Has(ctx, addr)
}

// IsOrWasParticipant reports whether addr is a member operator (whatever
// its status), an agent, or a former agent.
func (k Keeper) IsOrWasParticipant(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	for _, has := range []func(context.Context, sdk.AccAddress) (bool, error){k.Members.Has, k.Agents.Has, k.FormerAgents.Has} {
		if ok, err := has(ctx, addr); err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}
