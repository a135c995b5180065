package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// ConsortiumKeeper resolves who a signer acts for and keeps the register of
// known patients.
type ConsortiumKeeper interface {
	// SignerMember returns the active member whose operator is addr or for
	// which addr is an agent.
	SignerMember(ctx context.Context, addr sdk.AccAddress) (consortiumtypes.Member, error)
	// RegisterPatient makes addr a known patient; it refuses an address that
	// is or was a member operator or an agent.
	RegisterPatient(ctx context.Context, addr sdk.AccAddress) error
}
