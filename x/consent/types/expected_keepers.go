package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// ConsortiumKeeper resolves the member an operator or agent acts for.
type ConsortiumKeeper interface {
	SignerMember(ctx context.Context, addr sdk.AccAddress) (consortiumtypes.Member, error)
	// Authority is the consortium module account: the signer of parameter
	// changes, which only a passed proposal sends.
	Authority() string
}

// RecordsKeeper finds records, to scope grants and decisions.
type RecordsKeeper interface {
	// GetRecord returns the latest version of a custodian's record.
	GetRecord(ctx context.Context, ref recordstypes.RecordRef) (recordstypes.RecordVersion, error)
}
