package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// ConsentKeeper decides access; the decision carries the record's category
// and the accessor's member it looked up.
type ConsentKeeper interface {
	CheckAccess(ctx context.Context, req consenttypes.AccessRequest) (consenttypes.Decision, error)
}

// ConsortiumKeeper resolves an agent and the member it acts for.
type ConsortiumKeeper interface {
	AgentMember(ctx context.Context, addr sdk.AccAddress) (consortiumtypes.Agent, consortiumtypes.Member, error)
}

// RecordsKeeper finds a record's patient and category.
type RecordsKeeper interface {
	GetRecord(ctx context.Context, ref recordstypes.RecordRef) (recordstypes.RecordVersion, error)
}
