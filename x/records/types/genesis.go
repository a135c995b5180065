package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has no records.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks every version and batch, that versions of a record are
// numbered 1, 2, … with one patient and custodian, and that batch ids are unique.
func (gs GenesisState) Validate(ac address.Codec) error {
	type rec struct {
		next               uint32
		patient, custodian string
	}
	seen := map[string]*rec{}
	for _, v := range gs.Versions {
		if err := v.Validate(ac); err != nil {
			return err
		}
		r := seen[v.RecordId]
		if r == nil {
			r = &rec{next: 1, patient: v.Patient, custodian: v.Custodian}
			seen[v.RecordId] = r
		}
		if v.Version != r.next || v.Patient != r.patient || v.Custodian != r.custodian {
			return errorsmod.Wrapf(ErrInvalidGenesis, "record %s: versions must run 1, 2, … in order with one patient and custodian", v.RecordId)
		}
		r.next++
	}
	batches := map[uint64]bool{}
	for _, b := range gs.Batches {
		if b.Id == 0 || batches[b.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch id %d is zero or repeated", b.Id)
		}
		batches[b.Id] = true
		if err := ValidateBatch(b.Root, b.LeafCount, b.Algorithm, b.ManifestUri); err != nil {
			return fmt.Errorf("batch %d: %w", b.Id, err)
		}
	}
	return nil
}

// Validate checks a stored record version's fields.
func (v RecordVersion) Validate(ac address.Codec) error {
	if err := ValidateRecordID(v.RecordId); err != nil {
		return err
	}
	for _, a := range []string{v.Patient, v.Custodian, v.AnchoredBy} {
		if _, err := ac.StringToBytes(a); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "record %s: %q", v.RecordId, a)
		}
	}
	if err := ValidateCategory(v.Category); err != nil {
		return err
	}
	if err := v.ContentHash.Validate(); err != nil {
		return err
	}
	if v.Version > 1 {
		if err := ValidateReason(v.Reason); err != nil {
			return err
		}
	}
	return ValidateURI(v.Uri)
}
