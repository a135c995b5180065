package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// ConsortiumKeeper resolves who a signer acts for.
type ConsortiumKeeper interface {
	// SignerMember returns the active member whose operator is addr or for
	// which addr is an agent.
	SignerMember(ctx context.Context, addr sdk.AccAddress) (consortiumtypes.Member, error)
	// IsAllowedSigner reports whether addr is a member operator or agent.
	IsAllowedSigner(ctx context.Context, addr sdk.AccAddress) (bool, error)
}

// AccountKeeper creates the auth account of a patient who has none.
type AccountKeeper interface {
	HasAccount(ctx context.Context, addr sdk.AccAddress) bool
	NewAccountWithAddress(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
	SetAccount(ctx context.Context, acc sdk.AccountI)
}
