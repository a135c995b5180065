package modulekit

import (
	"crypto/sha256"

	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
)

// NoteHashSize is the size of a note hash: the sha-256 of a note kept off
// chain (an amendment's or a break-glass access's).
const NoteHashSize = sha256.Size

// CheckNoteHash returns errInvalid unless h is a note hash.
func CheckNoteHash(errInvalid *errorsmod.Error, h []byte) error {
	if len(h) != NoteHashSize {
		return errorsmod.Wrapf(errInvalid, "note hash must be the %d-byte sha-256 of the note kept off chain, got %d bytes", NoteHashSize, len(h))
	}
	return nil
}

// CheckJustification checks the justification of an exceptional act (an
// amendment, a break-glass access): a reason code among names, and the hash
// of the note kept off chain. what names the act in the error.
func CheckJustification[E ~int32](errInvalid *errorsmod.Error, what string, names map[int32]string, reason E, noteHash []byte) error {
	if !enums.Known(names, reason) {
		return errorsmod.Wrapf(errInvalid, "unknown %s reason %d", what, reason)
	}
	return CheckNoteHash(errInvalid, noteHash)
}
