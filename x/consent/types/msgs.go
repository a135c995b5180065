package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// ActsForPatient implements consortiumtypes.PatientMsg.
func (*MsgGrantConsent) ActsForPatient() {}

// ActsForPatient implements consortiumtypes.PatientMsg.
func (*MsgRevokeConsent) ActsForPatient() {}

// ActsForPatient implements consortiumtypes.PatientMsg.
func (*MsgRespondConsentRequest) ActsForPatient() {}

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
	return modulekit.CheckAddressAndID(ErrInvalidAddress, "patient", m.Patient, ErrGrantNotFound, "grant", m.GrantId)
}

// ValidateBasic checks addresses, the scope, the duration and the reason
// code before the mempool; the requester's membership, the patient and the
// caps are checked in the block.
func (m *MsgRequestConsent) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "requester", m.Requester, "patient", m.Patient); err != nil {
		return err
	}
	if m.Requester == m.Patient {
		return errorsmod.Wrap(ErrNotRequester, "a patient does not ask themself")
	}
	if err := ValidateScope(m.Categories, m.Records, m.Purposes); err != nil {
		return err
	}
	if err := ValidateRequestDuration(m.Duration); err != nil {
		return err
	}
	return ValidateRequestReason(m.NoteCode)
}

// ValidateBasic checks the patient's address, the request id, the answer,
// and on an approval the narrower scope and shorter duration if given.
func (m *MsgRespondConsentRequest) ValidateBasic() error {
	if err := modulekit.CheckAddressAndID(ErrInvalidAddress, "patient", m.Patient, ErrRequestNotFound, "request", m.RequestId); err != nil {
		return err
	}
	switch m.Response {
	case Response_RESPONSE_APPROVE:
	case Response_RESPONSE_DECLINE:
		if m.Scope != nil || m.Duration != nil {
			return errorsmod.Wrap(ErrInvalidResponse, "a decline carries no scope or duration")
		}
		return nil
	default:
		return errorsmod.Wrapf(ErrInvalidResponse, "response %d", m.Response)
	}
	if m.Scope != nil {
		if err := m.Scope.Validate(); err != nil {
			return err
		}
	}
	if m.Duration != nil {
		return ValidateRequestDuration(*m.Duration)
	}
	return nil
}

// ValidateBasic checks the requester's address and the request id.
func (m *MsgWithdrawConsentRequest) ValidateBasic() error {
	return modulekit.CheckAddressAndID(ErrInvalidAddress, "requester", m.Requester, ErrRequestNotFound, "request", m.RequestId)
}

// ValidateBasic checks the authority address and every parameter's bounds.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}

var (
	_ consortiumtypes.PatientMsg = (*MsgGrantConsent)(nil)
	_ consortiumtypes.PatientMsg = (*MsgRevokeConsent)(nil)
	_ consortiumtypes.PatientMsg = (*MsgRespondConsentRequest)(nil)
)
