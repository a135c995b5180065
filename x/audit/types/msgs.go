package types

import (
	errorsmod "cosmossdk.io/errors"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"

	"github.com/medchain/medchain/internal/modulekit"
)

// ValidateBasic checks addresses, the target, action and purpose before the
// mempool (CheckTx).
func (m *MsgRequestAccess) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "signer", m.Signer, "accessor", m.Accessor, "patient", m.Patient); err != nil {
		return err
	}
	if err := ValidateTarget(m.RecordId, m.Category); err != nil {
		return err
	}
	if err := ValidateAction(m.Action); err != nil {
		return err
	}
	return consenttypes.ValidatePurpose(m.Purpose)
}

// ValidateBasic checks addresses, the target and the justification.
func (m *MsgEmergencyAccess) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "signer", m.Signer, "accessor", m.Accessor, "patient", m.Patient); err != nil {
		return err
	}
	if err := ValidateTarget(m.RecordId, m.Category); err != nil {
		return err
	}
	return ValidateJustification(m.Justification)
}

// ValidateTarget checks a request names a well-formed record id, or else a
// known category.
func ValidateTarget(recordID string, category recordstypes.Category) error {
	if recordID != "" {
		if err := recordstypes.ValidateRecordID(recordID); err != nil {
			return errorsmod.Wrap(ErrInvalidTarget, err.Error())
		}
		return nil
	}
	if err := recordstypes.ValidateCategory(category); err != nil {
		return errorsmod.Wrap(ErrInvalidTarget, err.Error())
	}
	return nil
}
