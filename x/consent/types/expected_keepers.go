package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// ConsortiumKeeper resolves the member an operator or agent acts for, and
// knows which addresses are patients.
type ConsortiumKeeper interface {
	SignerMember(ctx context.Context, addr sdk.AccAddress) (consortiumtypes.Member, error)
	// IsPatient reports whether a record names addr as its patient.
	IsPatient(ctx context.Context, addr sdk.AccAddress) (bool, error)
	// AuthorizePatient says whether a message signed as patient may act
	// (its controller signed it), and, if granting, that it is not locked.
	AuthorizePatient(ctx context.Context, patient sdk.AccAddress, granting bool) error
	// Authority is the consortium module account: the signer of parameter
	// changes, which only a passed proposal sends.
	Authority() string
}

// RecordsKeeper finds records, to scope grants and decisions.
type RecordsKeeper interface {
	// GetRecord returns the latest version of a custodian's record.
	GetRecord(ctx context.Context, ref recordstypes.RecordRef) (recordstypes.RecordVersion, error)
}
