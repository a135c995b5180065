package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"
)

// DefaultGenesis has no records.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks every version and batch, that the versions of each
// custodian's record are numbered 1, 2, … with one patient and category,
// and that batch ids are unique.
func (gs GenesisState) Validate(ac address.Codec) error {
	type rec struct {
		next     uint32
		patient  string
		category Category
	}
	seen := map[string]*rec{}
	for _, v := range gs.Versions {
		if err := v.Validate(ac); err != nil {
			return errorsmod.Wrapf(err, "record %s/%s version %d", v.Custodian, v.RecordId, v.Version)
		}
		key := v.Custodian + "/" + v.RecordId
		r := seen[key]
		if r == nil {
			r = &rec{next: 1, patient: v.Patient, category: v.Category}
			seen[key] = r
		}
		if v.Version != r.next || v.Patient != r.patient || v.Category != r.category {
			return errorsmod.Wrapf(ErrInvalidGenesis, "record %s: versions must run 1, 2, … in order with one patient and category", key)
		}
		if r.next > MaxVersions {
			return errorsmod.Wrapf(ErrTooManyVersions, "record %s", key)
		}
		r.next++
	}
	batches := modulekit.IDs{}
	for _, b := range gs.Batches {
		if err := batches.Add(ErrInvalidGenesis, "batch", b.Id); err != nil {
			return err
		}
		if err := modulekit.CanonicalEach(ac, ErrInvalidAddress, "batch", b.Id, b.Custodian, b.AnchoredBy); err != nil {
			return err
		}
		if err := ValidateBatch(b.Root, b.LeafCount, b.Algorithm, b.ManifestUri); err != nil {
			return errorsmod.Wrapf(err, "batch %d", b.Id)
		}
	}
	return nil
}

// Validate checks a stored record version's fields.
func (v RecordVersion) Validate(ac address.Codec) error {
	for _, a := range []string{v.Patient, v.Custodian, v.AnchoredBy} {
		if err := modulekit.Canonical(ac, a); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "%q", a)
		}
	}
	if err := ValidateRecordFields(v.RecordId, v.Category, v.CategoryCommitment, &v.ContentHash, v.Uri); err != nil {
		return err
	}
	if v.Version > 1 {
		return ValidateAmendment(v.AmendReason, v.NoteHash)
	}
	if v.AmendReason != AmendReason_AMEND_REASON_UNSPECIFIED || len(v.NoteHash) != 0 {
		return errorsmod.Wrap(ErrInvalidReason, "version 1 carries no amendment reason")
	}
	return nil
}
