package types

import (
	"slices"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"
)

// validateIdentities checks identities and recoveries: known patients, one
// of each per patient, controllers unique and fresh, guardian lists as
// MsgSetGuardians allows, recoveries of identities with guardians by their
// guardians, a recovery past its threshold with an effective time.
func (gs GenesisState) validateIdentities(ac address.Codec) error {
	patients := map[string]bool{}
	for _, p := range gs.Patients {
		patients[p] = true
	}
	ids := map[string]Identity{}
	controllers := map[string]bool{}
	for _, id := range gs.Identities {
		if !patients[id.Patient] || ids[id.Patient].Patient != "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "identity of %q: not a known patient, or twice", id.Patient)
		}
		ids[id.Patient] = id
		if err := modulekit.Canonical(ac, id.Controller); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "identity of %s: controller %v", id.Patient, err)
		}
		if id.Controller != id.Patient {
			if controllers[id.Controller] || patients[id.Controller] {
				return errorsmod.Wrapf(ErrInvalidController, "identity of %s: %s", id.Patient, id.Controller)
			}
			controllers[id.Controller] = true
		}
		set := MsgSetGuardians{Patient: id.Patient, Guardians: id.Guardians, Threshold: id.Threshold, Delay: id.Delay}
		if err := set.ValidateBasic(); err != nil {
			return errorsmod.Wrapf(err, "identity of %s", id.Patient)
		}
		if len(id.Guardians) > int(gs.Params.MaxGuardians) {
			return errorsmod.Wrapf(ErrInvalidGuardians, "identity of %s: %d guardians", id.Patient, len(id.Guardians))
		}
	}
	seen := map[string]bool{}
	for _, r := range gs.Recoveries {
		id, ok := ids[r.Patient]
		if !ok || seen[r.Patient] || len(r.Approvals) == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "recovery of %q: no identity with guardians, twice, or no approval", r.Patient)
		}
		seen[r.Patient] = true
		if err := modulekit.Canonical(ac, r.NewController); err != nil || controllers[r.NewController] || patients[r.NewController] {
			return errorsmod.Wrapf(ErrInvalidController, "recovery of %s: %s", r.Patient, r.NewController)
		}
		controllers[r.NewController] = true // one key is promised once
		for i, g := range r.Approvals {
			if slices.Contains(r.Approvals[:i], g) {
				return errorsmod.Wrapf(ErrAlreadyApproved, "recovery of %s: %s", r.Patient, g)
			}
		}
		if !slices.Contains(id.Guardians, r.Approvals[0]) {
			return errorsmod.Wrapf(ErrNotGuardian, "recovery of %s started by %s", r.Patient, r.Approvals[0])
		}
		if r.Reached() && !r.EffectiveAt.After(r.StartedAt) && id.Delay > 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "recovery of %s takes effect before it started", r.Patient)
		}
	}
	return nil
}
