// Package testutil holds test doubles shared by the modules' tests.
package testutil

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

// Accounts stands in for x/auth's account keeper: it records which accounts exist.
type Accounts struct{ accs map[string]sdk.AccountI }

// NewAccounts returns an empty account set.
func NewAccounts() *Accounts { return &Accounts{accs: map[string]sdk.AccountI{}} }

// HasAccount reports whether addr has an account.
func (a *Accounts) HasAccount(_ context.Context, addr sdk.AccAddress) bool {
	_, ok := a.accs[string(addr)]
	return ok
}

// NewAccountWithAddress returns a new base account for addr (not stored).
func (a *Accounts) NewAccountWithAddress(_ context.Context, addr sdk.AccAddress) sdk.AccountI {
	return authtypes.NewBaseAccountWithAddress(addr)
}

// SetAccount stores acc.
func (a *Accounts) SetAccount(_ context.Context, acc sdk.AccountI) {
	a.accs[string(acc.GetAddress())] = acc
}
