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

// actingFor is the context key MsgActAsPatient sets for the messages it
// carries: the patient whose controller signed them.
type actingFor struct{}

// Identity returns a patient identity as of the block time, and its open
// recovery: a recovery past its effective time counts as done (BeginBlock
// writes it down, at most types.RecoveryLimit per block), and an address
// never rotated is its own controller.
func (k Keeper) Identity(ctx context.Context, patient sdk.AccAddress) (types.Identity, *types.Recovery, error) {
	p, err := k.addressCodec.BytesToString(patient)
	if err != nil {
		return types.Identity{}, nil, err
	}
	id, err := k.Identities.Get(ctx, patient)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		id = types.Identity{Patient: p, Controller: p}
	case err != nil:
		return id, nil, err
	}
	rec, err := k.Recoveries.Get(ctx, patient)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return id, nil, nil
	case err != nil:
		return id, nil, err
	}
	if rec.Reached() && !sdk.UnwrapSDKContext(ctx).BlockTime().Before(*rec.EffectiveAt) {
		id.Controller, id.LockedUntil = rec.NewController, nil
		return id, nil, nil
	}
	return id, &rec, nil
}

// AuthorizePatient says whether a message signed as patient may act: yes if
// the patient address is its own controller; otherwise only when its
// current controller sent it through MsgActAsPatient — so an old key, and
// any x/authz grant it gave, is refused. granting (a grant, an approval,
// new guardians, a new key) is also refused while the identity is locked.
func (k Keeper) AuthorizePatient(ctx context.Context, patient sdk.AccAddress, granting bool) error {
	_, _, err := k.authorize(ctx, patient, granting)
	return err
}

// authorize is AuthorizePatient returning the identity and open recovery
// it read, for the identity messages that go on to change them.
func (k Keeper) authorize(ctx context.Context, patient sdk.AccAddress, granting bool) (types.Identity, *types.Recovery, error) {
	id, rec, err := k.Identity(ctx, patient)
	if err != nil {
		return id, rec, err
	}
	if id.Controller != id.Patient {
		if acting, _ := ctx.Value(actingFor{}).(string); acting != id.Patient {
			return id, rec, errorsmod.Wrapf(types.ErrKeyRotated, "%s is controlled by %s", id.Patient, id.Controller)
		}
	}
	if granting && id.LockedAt(sdk.UnwrapSDKContext(ctx).BlockTime()) {
		return id, rec, errorsmod.Wrapf(types.ErrIdentityLocked, "until %s", id.LockedUntil.UTC())
	}
	return id, rec, nil
}

// KeyRotated reports whether addr is a patient address whose controller is
// another key: its own signature is then refused everywhere.
func (k Keeper) KeyRotated(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	id, _, err := k.Identity(ctx, addr)
	return err == nil && id.Controller != id.Patient, err
}

// IsController reports whether addr currently controls a patient identity.
func (k Keeper) IsController(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	patient, err := k.Controllers.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return k.isPendingController(ctx, addr)
	}
	if err != nil {
		return false, err
	}
	id, _, err := k.Identity(ctx, patient)
	if err != nil {
		return false, err
	}
	s, err := k.addressCodec.BytesToString(addr)
	return s == id.Controller, err
}

// isPendingController reports whether addr takes over an identity by a
// recovery past its effective time that BeginBlock has not written down yet.
func (k Keeper) isPendingController(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	patient, found, err := modulekit.Lookup(ctx, k.PendingControllers, addr)
	if err != nil || !found {
		return false, err
	}
	rec, err := k.Recoveries.Get(ctx, patient)
	if err != nil {
		return false, err
	}
	return rec.Reached() && !sdk.UnwrapSDKContext(ctx).BlockTime().Before(*rec.EffectiveAt), nil
}

// endRecovery deletes patient's open recovery and frees its new key.
func (k Keeper) endRecovery(ctx context.Context, patient sdk.AccAddress, rec types.Recovery) error {
	next, err := k.addressCodec.StringToBytes(rec.NewController)
	if err != nil {
		return err
	}
	if err := k.PendingControllers.Remove(ctx, next); err != nil {
		return err
	}
	if rec.Reached() {
		if err := k.RecoveryQueue.Remove(ctx, collections.Join(rec.EffectiveAt.UnixNano(), patient)); err != nil {
			return err
		}
	}
	return k.Recoveries.Remove(ctx, patient)
}

// setIdentity stores id, or deletes it when it says nothing beyond the
// default (own controller, no guardians, no lock).
func (k Keeper) setIdentity(ctx context.Context, patient sdk.AccAddress, id types.Identity) error {
	if id.Controller == id.Patient && len(id.Guardians) == 0 && id.LockedUntil == nil {
		return k.Identities.Remove(ctx, patient)
	}
	return k.Identities.Set(ctx, patient, id)
}

// rotate gives the identity a new controller, moving the controller index.
func (k Keeper) rotate(ctx context.Context, patient sdk.AccAddress, id types.Identity, newController string, byRecovery bool) error {
	if id.Controller != id.Patient {
		old, err := k.addressCodec.StringToBytes(id.Controller)
		if err != nil {
			return err
		}
		if err := k.Controllers.Remove(ctx, old); err != nil {
			return err
		}
	}
	next, err := k.addressCodec.StringToBytes(newController)
	if err != nil {
		return err
	}
	if err := k.Controllers.Set(ctx, next, patient); err != nil {
		return err
	}
	id.Controller, id.LockedUntil = newController, nil
	if err := k.setIdentity(ctx, patient, id); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventKeyRotated{
		Patient: id.Patient, NewController: newController, ByRecovery: byRecovery,
	})
}

// checkFreshKey refuses a controller that is anything else already: a
// member, an agent (now or before), a patient, a guardian of this identity,
// or another identity's controller (now or by an open recovery).
func (k Keeper) checkFreshKey(ctx context.Context, addr sdk.AccAddress, id types.Identity) error {
	checks := []func(context.Context, sdk.AccAddress) (bool, error){k.IsOrWasParticipant, k.Patients.Has, k.Controllers.Has, k.PendingControllers.Has}
	for _, has := range checks {
		if taken, err := has(ctx, addr); err != nil || taken {
			if err != nil {
				return err
			}
			return errorsmod.Wrapf(types.ErrInvalidController, "%s", addr)
		}
	}
	s, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		return err
	}
	for _, g := range id.Guardians {
		if g == s {
			return errorsmod.Wrapf(types.ErrInvalidController, "%s is a guardian", s)
		}
	}
	return nil
}

// MigrateIdentityParams (state version 1 to 2) gives a chain that predates
// patient identities their parameters' defaults.
func (k Keeper) MigrateIdentityParams(ctx sdk.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if p.MaxGuardians == 0 {
		p.MaxGuardians = types.DefaultMaxGuardians
	}
	if p.MinRecoveryDelay == 0 {
		p.MinRecoveryDelay = types.DefaultMinRecoveryDelay
	}
	return k.Params.Set(ctx, p)
}
