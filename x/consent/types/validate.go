package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Bounds on a grant's scope lists.
const (
	MaxCategories = 16
	MaxRecords    = 64
	MaxPurposes   = 8
)

// ValidatePurpose checks p is a known HL7 v3 purpose of use.
func ValidatePurpose(p Purpose) error {
	if !enums.Known(Purpose_name, p) {
		return errorsmod.Wrapf(ErrInvalidPurpose, "unknown purpose %d (TREAT, ETREAT, HPAYMT, HOPERAT, HRESCH, PATRQT, PUBHLTH, …)", p)
	}
	return nil
}

// ValidateRecordRef checks a record reference: a custodian address and an
// opaque record id.
func ValidateRecordRef(r recordstypes.RecordRef) error {
	if err := modulekit.CheckAddress(ErrInvalidRecord, "custodian", r.Custodian); err != nil {
		return err
	}
	if err := recordstypes.ValidateRecordID(r.RecordId); err != nil {
		return errorsmod.Wrap(ErrInvalidRecord, err.Error())
	}
	return nil
}

// ValidateScope checks the lists of a grant: known, unrepeated, bounded, at
// least one purpose, and no category that is restricted or sensitive —
// those records are granted by record only.
func ValidateScope(categories []recordstypes.Category, records []recordstypes.RecordRef, purposes []Purpose) error {
	if len(categories) > MaxCategories {
		return errorsmod.Wrapf(ErrTooMany, "at most %d categories", MaxCategories)
	}
	if len(records) > MaxRecords {
		return errorsmod.Wrapf(ErrTooMany, "at most %d records", MaxRecords)
	}
	if len(purposes) == 0 {
		return errorsmod.Wrap(ErrInvalidPurpose, "at least one purpose is required")
	}
	if len(purposes) > MaxPurposes {
		return errorsmod.Wrapf(ErrTooMany, "at most %d purposes", MaxPurposes)
	}
	seenC := map[recordstypes.Category]bool{}
	for _, c := range categories {
		if c == recordstypes.Category_CATEGORY_RESTRICTED || c.IsSensitive() {
			return errorsmod.Wrapf(ErrRestricted, "category %s", c.Code())
		}
		if err := recordstypes.ValidateCategory(c); err != nil {
			return errorsmod.Wrap(ErrInvalidCategory, err.Error())
		}
		if seenC[c] {
			return errorsmod.Wrapf(ErrDuplicate, "category %s", c)
		}
		seenC[c] = true
	}
	seenR := map[recordstypes.RecordRef]bool{}
	for _, r := range records {
		if err := ValidateRecordRef(r); err != nil {
			return err
		}
		if seenR[r] {
			return errorsmod.Wrapf(ErrDuplicate, "record %s/%s", r.Custodian, r.RecordId)
		}
		seenR[r] = true
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

// Covers reports whether the grant's scope includes record (of category)
// for purpose; record is nil when asking about the category as a whole. A
// restricted record is covered only by a grant that names it.
func (g Grant) Covers(record *recordstypes.RecordRef, category recordstypes.Category, purpose Purpose) bool {
	purposeOK := false
	for _, p := range g.Purposes {
		purposeOK = purposeOK || p == purpose
	}
	if !purposeOK {
		return false
	}
	for _, r := range g.Records {
		if record != nil && r == *record {
			return true
		}
	}
	if category == recordstypes.Category_CATEGORY_RESTRICTED {
		return false
	}
	if len(g.Categories) == 0 && len(g.Records) == 0 {
		return true
	}
	for _, c := range g.Categories {
		if c == category {
			return true
		}
	}
	return false
}
