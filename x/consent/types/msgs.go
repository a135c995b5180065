package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"
)

// ValidateBasic checks addresses, the scope lists and that an expiry is
// given, before the mempool (CheckTx). Whether the expiry lies in the
// allowed window depends on the block time and is checked in the block.
func (m *MsgGrantConsent) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "patient", m.Patient, "grantee", m.Grantee); err != nil {
		return err
	}
	if m.Patient == m.Grantee {
		return errorsmod.Wrap(ErrInvalidGrantee, "a patient does not grant to themself")
	}
	if err := ValidateScope(m.Categories, m.Records, m.Purposes); err != nil {
		return err
	}
	if m.ExpiresAt.IsZero() || m.ExpiresAt.Unix() <= 0 {
		return errorsmod.Wrap(ErrExpiryInPast, "expires_at is required")
	}
	return nil
}

// ValidateBasic checks the patient's address and the grant id.
func (m *MsgRevokeConsent) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "patient", m.Patient); err != nil {
		return err
	}
	if m.GrantId == 0 {
		return errorsmod.Wrap(ErrGrantNotFound, "grant ids start at 1")
	}
	return nil
}

// ValidateBasic checks the authority address and every parameter's bounds.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}
