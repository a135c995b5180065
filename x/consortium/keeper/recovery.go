package keeper

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// ActAsPatient runs patient messages that the identity's current controller
// signed. Each must be a patient message whose only signer is the patient;
// they run in order, marked as the controller's, and all or none take effect.
func (k Keeper) ActAsPatient(ctx context.Context, msg *types.MsgActAsPatient) ([]*codectypes.Any, error) {
	patient, err := modulekit.ParseAddress(k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	id, _, err := k.Identity(ctx, patient)
	if err != nil {
		return nil, err
	}
	if id.Controller != msg.Controller || id.Controller == id.Patient {
		return nil, errorsmod.Wrapf(types.ErrNotController, "%s is controlled by %s", id.Patient, id.Controller)
	}
	msgs, err := msg.GetMessages()
	if err != nil {
		return nil, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	acting := sdkCtx.WithValue(actingFor{}, id.Patient)
	results := make([]*codectypes.Any, len(msgs))
	for i, m := range msgs {
		if _, ok := m.(types.PatientMsg); !ok {
			return nil, errorsmod.Wrapf(types.ErrNotPatientMsg, "message %d is %s", i, sdk.MsgTypeURL(m))
		}
		signers, _, err := k.cdc.GetMsgV1Signers(m)
		if err != nil {
			return nil, err
		}
		if len(signers) != 1 || !patient.Equals(sdk.AccAddress(signers[0])) {
			return nil, errorsmod.Wrapf(types.ErrNotPatientMsg, "message %d is not signed by %s alone", i, id.Patient)
		}
		res, err := k.dispatch(acting, m)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "message %d (%s)", i, sdk.MsgTypeURL(m))
		}
		if len(res.MsgResponses) > 0 {
			results[i] = res.MsgResponses[0]
		}
	}
	return results, nil
}

// RotateKey gives the identity a fresh controller; the current controller
// signs (AuthorizePatient), and not while the identity is locked.
func (k Keeper) RotateKey(ctx context.Context, msg *types.MsgRotateKey) error {
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient, "new_controller", msg.NewController)
	if err != nil {
		return err
	}
	id, _, err := k.authorize(ctx, a[0], true)
	if err != nil {
		return err
	}
	if err := k.checkFreshKey(ctx, a[1], id); err != nil {
		return err
	}
	return k.rotate(ctx, a[0], id, msg.NewController, false)
}

// SetGuardians replaces the identity's guardians, threshold and delay;
// approvals of an open recovery by guardians no longer named stop counting.
func (k Keeper) SetGuardians(ctx context.Context, msg *types.MsgSetGuardians) error {
	patient, err := modulekit.ParseAddress(k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient)
	if err != nil {
		return err
	}
	if err := msg.ValidateBasic(); err != nil {
		return err
	}
	id, _, err := k.authorize(ctx, patient, true)
	if err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if len(msg.Guardians) > int(params.MaxGuardians) {
		return errorsmod.Wrapf(types.ErrInvalidGuardians, "at most %d guardians", params.MaxGuardians)
	}
	if len(msg.Guardians) > 0 && msg.Delay < params.MinRecoveryDelay {
		return errorsmod.Wrapf(types.ErrInvalidGuardians, "delay %s: at least %s", msg.Delay, params.MinRecoveryDelay)
	}
	for _, g := range msg.Guardians {
		if err := k.checkGuardian(ctx, g, id); err != nil {
			return err
		}
	}
	id.Guardians, id.Threshold, id.Delay = msg.Guardians, msg.Threshold, msg.Delay
	if len(msg.Guardians) == 0 {
		id.Delay = 0
		if rec, err := k.Recoveries.Get(ctx, patient); err == nil {
			if err := k.endRecovery(ctx, patient, rec); err != nil {
				return err
			}
		}
	}
	if err := k.setIdentity(ctx, patient, id); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventGuardiansSet{
		Patient: id.Patient, Guardians: uint32(len(id.Guardians)), Threshold: id.Threshold,
	})
}

// checkGuardian admits a known patient or an active member's operator or
// agent, never the identity's controller.
func (k Keeper) checkGuardian(ctx context.Context, g string, id types.Identity) error {
	addr, err := modulekit.ParseAddress(k.addressCodec, types.ErrInvalidAddress, "guardian", g)
	if err != nil {
		return err
	}
	if g == id.Controller {
		return errorsmod.Wrap(types.ErrInvalidGuardians, "the controller is not its own guardian")
	}
	if known, err := k.Patients.Has(ctx, addr); err != nil || known {
		return err
	}
	if _, err := k.SignerMember(ctx, addr); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidGuardians, "guardian %s is no known patient nor an active member's operator or agent", g)
	}
	return nil
}

// StartRecovery is a guardian opening the identity's recovery to a fresh
// key, counting as its first approval.
func (k Keeper) StartRecovery(ctx context.Context, msg *types.MsgStartRecovery) error {
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient, "new_controller", msg.NewController)
	if err != nil {
		return err
	}
	id, rec, err := k.Identity(ctx, a[0])
	if err != nil {
		return err
	}
	if !slices.Contains(id.Guardians, msg.Guardian) {
		return errorsmod.Wrapf(types.ErrNotGuardian, "%s", msg.Guardian)
	}
	if rec != nil {
		return errorsmod.Wrapf(types.ErrRecoveryOpen, "to %s", rec.NewController)
	}
	if err := k.checkFreshKey(ctx, a[1], id); err != nil {
		return err
	}
	if err := k.PendingControllers.Set(ctx, a[1], a[0]); err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	r := types.Recovery{Patient: id.Patient, NewController: msg.NewController, StartedAt: now}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecoveryStarted{
		Patient: id.Patient, Guardian: msg.Guardian, NewController: msg.NewController,
	}); err != nil {
		return err
	}
	return k.approve(ctx, a[0], id, r, msg.Guardian)
}

// ApproveRecovery adds a guardian's approval to the open recovery.
func (k Keeper) ApproveRecovery(ctx context.Context, msg *types.MsgApproveRecovery) error {
	patient, err := modulekit.ParseAddress(k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient)
	if err != nil {
		return err
	}
	id, rec, err := k.Identity(ctx, patient)
	if err != nil {
		return err
	}
	if !slices.Contains(id.Guardians, msg.Guardian) {
		return errorsmod.Wrapf(types.ErrNotGuardian, "%s", msg.Guardian)
	}
	if rec == nil || rec.NewController != msg.NewController {
		return errorsmod.Wrapf(types.ErrNoRecovery, "of %s to %s", msg.Patient, msg.NewController)
	}
	if slices.Contains(rec.Approvals, msg.Guardian) {
		return errorsmod.Wrapf(types.ErrAlreadyApproved, "%s", msg.Guardian)
	}
	return k.approve(ctx, patient, id, *rec, msg.Guardian)
}

// approve records guardian's approval; when the approvals of current
// guardians reach the threshold, the identity locks and the new controller
// takes over after the delay.
func (k Keeper) approve(ctx context.Context, patient sdk.AccAddress, id types.Identity, r types.Recovery, guardian string) error {
	r.Approvals = append(r.Approvals, guardian)
	count := uint32(0)
	for _, g := range r.Approvals {
		if slices.Contains(id.Guardians, g) {
			count++
		}
	}
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	if err := em.EmitTypedEvent(&types.EventRecoveryApproved{Patient: id.Patient, Guardian: guardian, Approvals: count}); err != nil {
		return err
	}
	if !r.Reached() && count >= id.Threshold {
		at := sdk.UnwrapSDKContext(ctx).BlockTime().Add(id.Delay)
		r.EffectiveAt, id.LockedUntil = &at, &at
		if err := k.RecoveryQueue.Set(ctx, collections.Join(at.UnixNano(), patient)); err != nil {
			return err
		}
		if err := k.setIdentity(ctx, patient, id); err != nil {
			return err
		}
		if err := em.EmitTypedEvent(&types.EventIdentityLocked{Patient: id.Patient, EffectiveAt: at}); err != nil {
			return err
		}
	}
	return k.Recoveries.Set(ctx, patient, r)
}

// CancelRecovery is the controller ending the open recovery. A lock the
// recovery had placed lasts one more delay from now, so guardians facing a
// stolen key have time to start again, and the key cannot grant meanwhile.
func (k Keeper) CancelRecovery(ctx context.Context, msg *types.MsgCancelRecovery) error {
	patient, err := modulekit.ParseAddress(k.addressCodec, types.ErrInvalidAddress, "patient", msg.Patient)
	if err != nil {
		return err
	}
	id, rec, err := k.authorize(ctx, patient, false)
	if err != nil {
		return err
	}
	if rec == nil {
		return errorsmod.Wrapf(types.ErrNoRecovery, "of %s", msg.Patient)
	}
	if err := k.endRecovery(ctx, patient, *rec); err != nil {
		return err
	}
	if rec.Reached() {
		until := sdk.UnwrapSDKContext(ctx).BlockTime().Add(id.Delay)
		id.LockedUntil = &until
		if err := k.setIdentity(ctx, patient, id); err != nil {
			return err
		}
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecoveryCancelled{Patient: id.Patient, LockedUntil: id.LockedUntil})
}

// CompleteRecoveries writes down at most types.RecoveryLimit recoveries
// whose effective time has come, oldest first: the new controller takes
// over (decisions already used it from its effective time).
func (k Keeper) CompleteRecoveries(ctx context.Context) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	var due []collections.Pair[int64, sdk.AccAddress]
	err := k.RecoveryQueue.Walk(ctx, nil, func(key collections.Pair[int64, sdk.AccAddress]) (bool, error) {
		if key.K1() > now.UnixNano() {
			return true, nil
		}
		due = append(due, key)
		return len(due) >= types.RecoveryLimit, nil
	})
	if err != nil {
		return err
	}
	for _, key := range due {
		if err := k.complete(ctx, key); err != nil {
			return fmt.Errorf("recovery of %s: %w", key.K2(), err)
		}
	}
	return nil
}

// complete hands the identity to its recovery's new controller.
func (k Keeper) complete(ctx context.Context, key collections.Pair[int64, sdk.AccAddress]) error {
	patient := key.K2()
	rec, err := k.Recoveries.Get(ctx, patient)
	if errors.Is(err, collections.ErrNotFound) {
		return k.RecoveryQueue.Remove(ctx, key)
	}
	if err != nil {
		return err
	}
	id, err := k.Identities.Get(ctx, patient)
	if err != nil {
		return err
	}
	if err := k.endRecovery(ctx, patient, rec); err != nil {
		return err
	}
	return k.rotate(ctx, patient, id, rec.NewController, true)
}
