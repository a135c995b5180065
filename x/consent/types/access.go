package types

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/enums"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// AccessRequest asks whether an accessor may access a patient's record (or a
// whole category) for a purpose.
type AccessRequest struct {
	Accessor, Patient sdk.AccAddress
	// Record names the record; nil when asking about a whole Category.
	Record   *recordstypes.RecordRef
	Category recordstypes.Category
	Purpose  Purpose
}

// Decision is the answer to an AccessRequest, with what CheckAccess looked
// up to reach it, so a caller recording the decision reads nothing twice.
type Decision struct {
	Allowed bool
	GrantID uint64
	Reason  DecisionReason
	// Category is the record's category (or the category asked about).
	Category recordstypes.Category
	// AccessorMember is the operator of the member the accessor acts for ("" if none).
	AccessorMember string
}

// Deny is d as a denial for reason.
func (d Decision) Deny(reason DecisionReason) Decision {
	d.Allowed, d.GrantID, d.Reason = false, 0, reason
	return d
}

// Code is the reason's short name: granted, no-matching-grant, ….
func (r DecisionReason) Code() string { return enums.Short("DECISION_REASON_", DecisionReason_name, r) }
