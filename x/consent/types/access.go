package types

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	recordstypes "github.com/medchain/medchain/x/records/types"
)

// AccessRequest asks whether an accessor may access a patient's record (or a
// whole category) for a purpose.
type AccessRequest struct {
	Accessor, Patient sdk.AccAddress
	RecordID          string
	Category          recordstypes.Category
	Purpose           Purpose
}

// Decision is the answer to an AccessRequest.
type Decision struct {
	Allowed bool
	GrantID uint64
	Reason  string
}
