package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// ConsentKeeper decides access.
type ConsentKeeper interface {
	CheckAccess(ctx context.Context, req consenttypes.AccessRequest) (consenttypes.Decision, error)
}

// ConsortiumKeeper resolves who acts for which member.
type ConsortiumKeeper interface {
	SignerMember(ctx context.Context, addr sdk.AccAddress) (consortiumtypes.Member, error)
	GetAgent(ctx context.Context, addr sdk.AccAddress) (consortiumtypes.Agent, error)
}

// RecordsKeeper finds a record's custodian and category.
type RecordsKeeper interface {
	GetVersion(ctx context.Context, recordID string, version uint32) (recordstypes.RecordVersion, error)
}
