package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// NoteHashSize is the size of a break-glass note hash: the sha-256 of the
// clinician's note kept in the hospital's own system.
const NoteHashSize = modulekit.NoteHashSize

// ValidateAction checks a is a known action.
func ValidateAction(a Action) error {
	if !enums.Known(Action_name, a) {
		return errorsmod.Wrap(ErrInvalidAction, "one of read, copy, export, print, query")
	}
	return nil
}

// ValidateBreakGlass checks a break-glass justification: a known reason
// code and a 32-byte note hash.
func ValidateBreakGlass(reason BreakGlassReason, noteHash []byte) error {
	return modulekit.CheckJustification(ErrInvalidJustification, "break-glass", BreakGlassReason_name, reason, noteHash)
}

// ValidateTarget checks a request names a record (a custodian and an
// opaque record id, with no category or the record's), or else a category a
// record may carry on chain. A category is validated whenever it is given.
func ValidateTarget(custodian, recordID string, category recordstypes.Category) error {
	if category != recordstypes.Category_CATEGORY_UNSPECIFIED {
		if err := recordstypes.ValidateCategory(category); err != nil {
			return errorsmod.Wrap(ErrInvalidTarget, err.Error())
		}
	}
	if custodian == "" && recordID == "" {
		if category == recordstypes.Category_CATEGORY_UNSPECIFIED {
			return errorsmod.Wrap(ErrInvalidTarget, "give a record (custodian and record id) or a category")
		}
		return nil
	}
	if _, err := sdkAddress(custodian); err != nil {
		return errorsmod.Wrapf(ErrInvalidTarget, "custodian %q: %v", custodian, err)
	}
	if err := recordstypes.ValidateRecordID(recordID); err != nil {
		return errorsmod.Wrap(ErrInvalidTarget, err.Error())
	}
	return nil
}
