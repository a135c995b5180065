package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Bounds on a grant's scope lists.
const (
	MaxCategories = 16
	MaxRecordIDs  = 64
	MaxPurposes   = 8
)

// ValidatePurpose checks p is a known HL7 v3 purpose of use.
func ValidatePurpose(p Purpose) error {
	if !enums.Known(Purpose_name, p) {
		return errorsmod.Wrapf(ErrInvalidPurpose, "unknown purpose %d (TREAT, ETREAT, HPAYMT, HOPERAT, HRESCH, PATRQT, PUBHLTH, …)", p)
	}
	return nil
}

// ValidateScope checks the lists of a grant: known, unrepeated, bounded,
// and at least one purpose.
func ValidateScope(categories []recordstypes.Category, recordIDs []string, purposes []Purpose) error {
	if len(categories) > MaxCategories {
		return errorsmod.Wrapf(ErrTooMany, "at most %d categories", MaxCategories)
	}
	if len(recordIDs) > MaxRecordIDs {
		return errorsmod.Wrapf(ErrTooMany, "at most %d record ids", MaxRecordIDs)
	}
	if len(purposes) == 0 {
		return errorsmod.Wrap(ErrInvalidPurpose, "at least one purpose is required")
	}
	if len(purposes) > MaxPurposes {
		return errorsmod.Wrapf(ErrTooMany, "at most %d purposes", MaxPurposes)
	}
	seenC := map[recordstypes.Category]bool{}
	for _, c := range categories {
		if err := recordstypes.ValidateCategory(c); err != nil {
			return errorsmod.Wrap(ErrInvalidCategory, err.Error())
		}
		if seenC[c] {
			return errorsmod.Wrapf(ErrDuplicate, "category %s", c)
		}
		seenC[c] = true
	}
	seenR := map[string]bool{}
	for _, id := range recordIDs {
		if err := recordstypes.ValidateRecordID(id); err != nil {
			return errorsmod.Wrap(ErrRecordNotFound, err.Error())
		}
		if seenR[id] {
			return errorsmod.Wrapf(ErrDuplicate, "record %s", id)
		}
		seenR[id] = true
	}
	seenP := map[Purpose]bool{}
	for _, p := range purposes {
		if err := ValidatePurpose(p); err != nil {
			return err
		}
		if seenP[p] {
			return errorsmod.Wrapf(ErrDuplicate, "purpose %s", p)
		}
		seenP[p] = true
	}
	return nil
}

// Covers reports whether the grant's scope includes a record of category in
// recordID ("" when asking about the category as a whole) for purpose.
func (g Grant) Covers(recordID string, category recordstypes.Category, purpose Purpose) bool {
	purposeOK := false
	for _, p := range g.Purposes {
		purposeOK = purposeOK || p == purpose
	}
	if !purposeOK {
		return false
	}
	if len(g.Categories) == 0 && len(g.RecordIds) == 0 {
		return true
	}
	for _, c := range g.Categories {
		if c == category {
			return true
		}
	}
	for _, id := range g.RecordIds {
		if recordID != "" && id == recordID {
			return true
		}
	}
	return false
}
