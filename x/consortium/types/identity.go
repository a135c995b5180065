package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
)

// Bounds of patient identities.
const (
	// CeilingGuardians bounds the max_guardians param.
	CeilingGuardians = 20
	// MaxRecoveryDelay is the longest recovery delay.
	MaxRecoveryDelay = 90 * 24 * time.Hour
	// MaxActAsPatientMsgs is the most messages one MsgActAsPatient carries.
	MaxActAsPatientMsgs = 8
	// RecoveryLimit is the most recoveries one block completes; the rest
	// complete in the next blocks, and decisions already use the new
	// controller from its effective time.
	RecoveryLimit = 100
)

// PatientMsg is a message a patient signs — directly, through an app it
// authorised, or through its controller in MsgActAsPatient. Its msg server
// asks the consortium whether the signer may still act for the patient.
type PatientMsg interface {
	sdk.Msg
	// ActsForPatient marks the message as a patient's.
	ActsForPatient()
}

// ActsForPatient implements PatientMsg.
func (*MsgRotateKey) ActsForPatient() {}

// ActsForPatient implements PatientMsg.
func (*MsgSetGuardians) ActsForPatient() {}

// ActsForPatient implements PatientMsg.
func (*MsgCancelRecovery) ActsForPatient() {}

// LockedAt reports whether the identity is locked at block time now.
func (id Identity) LockedAt(now time.Time) bool {
	return id.LockedUntil != nil && now.Before(*id.LockedUntil)
}

// Reached reports whether the recovery has reached its threshold.
func (r Recovery) Reached() bool { return r.EffectiveAt != nil }

// ValidateBasic checks the controller, the patient and the carried
// messages' count; which messages may travel is checked in the block.
func (m *MsgActAsPatient) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "controller", m.Controller, "patient", m.Patient); err != nil {
		return err
	}
	if m.Controller == m.Patient {
		return errorsmod.Wrap(ErrNotController, "a patient signs its own messages directly")
	}
	if len(m.Msgs) == 0 || len(m.Msgs) > MaxActAsPatientMsgs {
		return errorsmod.Wrapf(ErrNotPatientMsg, "carry 1..%d messages, not %d", MaxActAsPatientMsgs, len(m.Msgs))
	}
	return nil
}

// GetMessages unpacks the carried messages.
func (m *MsgActAsPatient) GetMessages() ([]sdk.Msg, error) {
	msgs := make([]sdk.Msg, len(m.Msgs))
	for i, a := range m.Msgs {
		msg, ok := a.GetCachedValue().(sdk.Msg)
		if !ok {
			return nil, errorsmod.Wrapf(ErrNotPatientMsg, "message %d (%s) is not unpacked", i, a.TypeUrl)
		}
		msgs[i] = msg
	}
	return msgs, nil
}

// UnpackInterfaces implements codectypes.UnpackInterfacesMessage.
func (m *MsgActAsPatient) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	for _, a := range m.Msgs {
		var msg sdk.Msg
		if err := unpacker.UnpackAny(a, &msg); err != nil {
			return err
		}
	}
	return nil
}

// ValidateBasic checks both addresses differ.
func (m *MsgRotateKey) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "patient", m.Patient, "new_controller", m.NewController); err != nil {
		return err
	}
	if m.Patient == m.NewController {
		return errorsmod.Wrap(ErrInvalidController, "the patient address is not a new key")
	}
	return nil
}

// ValidateBasic checks the guardian list's shape: addresses, no repeats,
// not the patient, at most CeilingGuardians, a threshold within it (0 only
// with no guardians) and a delay up to MaxRecoveryDelay; the params' bounds
// and who may be a guardian are checked in the block.
func (m *MsgSetGuardians) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "patient", m.Patient); err != nil {
		return err
	}
	if len(m.Guardians) > CeilingGuardians {
		return errorsmod.Wrapf(ErrInvalidGuardians, "at most %d guardians", CeilingGuardians)
	}
	seen := map[string]bool{}
	for _, g := range m.Guardians {
		if err := modulekit.CheckAddress(ErrInvalidAddress, "guardian", g); err != nil {
			return err
		}
		if g == m.Patient || seen[g] {
			return errorsmod.Wrapf(ErrInvalidGuardians, "guardian %s is the patient or named twice", g)
		}
		seen[g] = true
	}
	switch {
	case len(m.Guardians) == 0 && m.Threshold != 0:
		return errorsmod.Wrap(ErrInvalidGuardians, "no guardians: threshold 0")
	case len(m.Guardians) > 0 && (m.Threshold == 0 || int(m.Threshold) > len(m.Guardians)):
		return errorsmod.Wrapf(ErrInvalidGuardians, "threshold %d of %d guardians", m.Threshold, len(m.Guardians))
	case m.Delay < 0 || m.Delay > MaxRecoveryDelay:
		return errorsmod.Wrapf(ErrInvalidGuardians, "delay %s: at most %s", m.Delay, MaxRecoveryDelay)
	}
	return nil
}

// ValidateBasic checks the three addresses.
func (m *MsgStartRecovery) ValidateBasic() error {
	return checkRecovery(m.Guardian, m.Patient, m.NewController)
}

// ValidateBasic checks the three addresses.
func (m *MsgApproveRecovery) ValidateBasic() error {
	return checkRecovery(m.Guardian, m.Patient, m.NewController)
}

func checkRecovery(guardian, patient, controller string) error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "guardian", guardian, "patient", patient, "new_controller", controller); err != nil {
		return err
	}
	if guardian == patient || controller == patient {
		return errorsmod.Wrap(ErrInvalidController, "the patient is neither its guardian nor its new key")
	}
	return nil
}

// ValidateBasic checks the patient address.
func (m *MsgCancelRecovery) ValidateBasic() error {
	return modulekit.CheckAddress(ErrInvalidAddress, "patient", m.Patient)
}
