package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	consenttypes "github.com/medchain/medchain/x/consent/types"
)

func sdkAddress(s string) (sdk.AccAddress, error) { return sdk.AccAddressFromBech32(s) }

// ValidateBasic checks addresses, the target, action and purpose before the
// mempool (CheckTx).
func (m *MsgRequestAccess) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "accessor", m.Accessor, "patient", m.Patient); err != nil {
		return err
	}
	if err := ValidateTarget(m.Custodian, m.RecordId, m.Category); err != nil {
		return err
	}
	if err := ValidateAction(m.Action); err != nil {
		return err
	}
	return consenttypes.ValidatePurpose(m.Purpose)
}

// ValidateBasic checks addresses, the record and the justification code
// and note hash.
func (m *MsgEmergencyAccess) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "accessor", m.Accessor, "patient", m.Patient); err != nil {
		return err
	}
	if m.Custodian == "" || m.RecordId == "" {
		return errorsmod.Wrap(ErrInvalidTarget, "break-glass access names one record: its custodian and record id")
	}
	if err := ValidateTarget(m.Custodian, m.RecordId, 0); err != nil {
		return err
	}
	return ValidateBreakGlass(m.Reason, m.NoteHash)
}
