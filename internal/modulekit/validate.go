package modulekit

import (
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
