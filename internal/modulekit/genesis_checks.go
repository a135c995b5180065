package modulekit

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// IDs is the set of ids a genesis lists for one kind of entry.
type IDs map[uint64]bool

// Add takes id of an entry of kind what, or returns errInvalid when it is 0
// or listed before.
func (s IDs) Add(errInvalid *errorsmod.Error, what string, id uint64) error {
	if id == 0 || s[id] {
		return errorsmod.Wrapf(errInvalid, "%s id %d is zero or repeated", what, id)
	}
	s[id] = true
	return nil
}

// CanonicalEach checks the addresses of entry id of kind what are in
// canonical form; the first that is not is errInvalid naming the entry.
func CanonicalEach(ac address.Codec, errInvalid *errorsmod.Error, what string, id uint64, addrs ...string) error {
	for _, a := range addrs {
		if err := Canonical(ac, a); err != nil {
			return errorsmod.Wrapf(errInvalid, "%s %d: %q", what, id, a)
		}
	}
	return nil
}

// UniqueAddresses checks a genesis list of addresses of kind what: each in
// canonical form (else errInvalid), none twice (else errRepeated). It
// returns them as a set.
func UniqueAddresses(ac address.Codec, errInvalid, errRepeated *errorsmod.Error, what string, list []string) (map[string]bool, error) {
	set := make(map[string]bool, len(list))
	for _, a := range list {
		if err := Canonical(ac, a); err != nil {
			return nil, errorsmod.Wrapf(errInvalid, "%s %q: %v", what, a, err)
		}
		if set[a] {
			return nil, errorsmod.Wrapf(errRepeated, "%s %s listed twice", what, a)
		}
		set[a] = true
	}
	return set, nil
}
