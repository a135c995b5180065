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
	// EnsureAccount creates addr's auth account if it has none.
	EnsureAccount(ctx context.Context, addr sdk.AccAddress)
}
