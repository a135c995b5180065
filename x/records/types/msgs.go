package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"
)

// ValidateBasic checks every field that needs no state before the mempool
// (CheckTx): addresses, opaque record id, category (never a sensitive one),
// category commitment, hash algorithm and digest length, URI form.
func (m *MsgAnchorRecord) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "signer", m.Signer, "patient", m.Patient); err != nil {
		return err
	}
	if m.ContentHash == nil {
		return errorsmod.Wrap(ErrInvalidHash, "content hash is required")
	}
	return ValidateRecordFields(m.RecordId, m.Category, m.CategoryCommitment, m.ContentHash, m.Uri)
}

// ValidateBasic checks the signer, record id, hash, URI, reason code and note hash.
func (m *MsgAmendRecord) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "signer", m.Signer); err != nil {
		return err
	}
	if err := ValidateRecordID(m.RecordId); err != nil {
		return err
	}
	if err := m.ContentHash.Validate(); err != nil {
		return err
	}
	if err := ValidateURI(m.Uri); err != nil {
		return err
	}
	return ValidateAmendment(m.Reason, m.NoteHash)
}

// ValidateBasic checks the signer, root size, leaf count, algorithm and manifest URI.
func (m *MsgAnchorBatch) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "signer", m.Signer); err != nil {
		return err
	}
	return ValidateBatch(m.Root, m.LeafCount, m.Algorithm, m.ManifestUri)
}

// ValidateRecordFields checks a new record's id, category and its
// commitment, hash and URI.
func ValidateRecordFields(recordID string, category Category, commitment []byte, hash *ContentHash, uri string) error {
	if err := ValidateRecordID(recordID); err != nil {
		return err
	}
	if err := ValidateCategory(category); err != nil {
		return err
	}
	if err := ValidateCategoryCommitment(category, commitment); err != nil {
		return err
	}
	if err := hash.Validate(); err != nil {
		return err
	}
	return ValidateURI(uri)
}
