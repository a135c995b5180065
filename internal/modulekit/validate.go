package modulekit

import (
	"fmt"
	"strings"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// CheckAddress returns errInvalid naming field when s is not a bech32
// account address of this chain. Messages call it in ValidateBasic, so a
// malformed address is refused in CheckTx, before the mempool.
func CheckAddress(errInvalid *errorsmod.Error, field, s string) error {
	if s == "" {
		return errorsmod.Wrapf(errInvalid, "%s is required", field)
	}
	if _, err := sdk.AccAddressFromBech32(s); err != nil {
		return errorsmod.Wrapf(errInvalid, "%s %q: %v", field, s, err)
	}
	if strings.ToLower(s) != s {
		return errorsmod.Wrapf(errInvalid, "%s %q must be written in lower case", field, s)
	}
	return nil
}

// CheckAddresses checks pairs of (field, address) in order.
func CheckAddresses(errInvalid *errorsmod.Error, fieldsAndAddrs ...string) error {
	for i := 0; i+1 < len(fieldsAndAddrs); i += 2 {
		if err := CheckAddress(errInvalid, fieldsAndAddrs[i], fieldsAndAddrs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// CheckID returns errMissing when a message names id 0 of what: ids start
// at 1, so 0 names nothing (refused in CheckTx, before the mempool).
func CheckID(errMissing *errorsmod.Error, what string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(errMissing, "%s ids start at 1", what)
	}
	return nil
}

// CheckAddressAndID checks a message that names one entry by id: its
// signer's address field, then the id.
func CheckAddressAndID(errInvalid *errorsmod.Error, field, s string, errMissing *errorsmod.Error, what string, id uint64) error {
	if err := CheckAddress(errInvalid, field, s); err != nil {
		return err
	}
	return CheckID(errMissing, what, id)
}

// ParseAddress decodes a message's address field with the module's codec;
// a malformed one is errInvalid naming the field.
func ParseAddress(ac address.Codec, errInvalid *errorsmod.Error, field, s string) (sdk.AccAddress, error) {
	if err := Canonical(ac, s); err != nil {
		return nil, errorsmod.Wrapf(errInvalid, "%s: %v", field, err)
	}
	return ac.StringToBytes(s)
}

// ParseAddresses decodes (field, address) pairs in order.
func ParseAddresses(ac address.Codec, errInvalid *errorsmod.Error, fieldsAndAddrs ...string) ([]sdk.AccAddress, error) {
	out := make([]sdk.AccAddress, 0, len(fieldsAndAddrs)/2)
	for i := 0; i+1 < len(fieldsAndAddrs); i += 2 {
		a, err := ParseAddress(ac, errInvalid, fieldsAndAddrs[i], fieldsAndAddrs[i+1])
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// AddressStrings encodes addresses with the module's codec, in order: the
// strings events and stored entries carry.
func AddressStrings(ac address.Codec, addrs ...sdk.AccAddress) ([]string, error) {
	out := make([]string, len(addrs))
	for i, a := range addrs {
		s, err := ac.BytesToString(a)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// Canonical decodes s with the module's codec and refuses any spelling but
// the canonical (lower-case) one, so one account is one string wherever
// state is keyed or compared by its address.
func Canonical(ac address.Codec, s string) error {
	bz, err := ac.StringToBytes(s)
	if err != nil {
		return err
	}
	if len(bz) == 0 {
		return fmt.Errorf("empty address")
	}
	if again, err := ac.BytesToString(bz); err != nil || again != s {
		return fmt.Errorf("%q is not in canonical form (%s)", s, again)
	}
	return nil
}
