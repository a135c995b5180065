package types

import (
	"strings"

	"github.com/medchain/medchain/internal/enums"
)

// Code is the purpose's HL7 v3 PurposeOfUse code: TREAT, ETREAT, HRESCH, ….
func (p Purpose) Code() string { return strings.ToUpper(enums.Short("PURPOSE_", Purpose_name, p)) }

// Label is the status's short name: pending, approved, declined, expired, withdrawn.
func (s RequestStatus) Label() string { return enums.Short("REQUEST_STATUS_", RequestStatus_name, s) }

// ParseRequestReason reads a request reason code (referral, follow_up, …).
func ParseRequestReason(s string) (RequestReason, error) {
	return enums.Parse[RequestReason]("reason", "REQUEST_REASON_", RequestReason_value, s)
}

// ParseRequestStatus reads a request status (pending, approved, …).
func ParseRequestStatus(s string) (RequestStatus, error) {
	return enums.Parse[RequestStatus]("status", "REQUEST_STATUS_", RequestStatus_value, s)
}

// ParsePurposes reads comma-separated purposes of use (treat, ETREAT, …).
func ParsePurposes(s string) ([]Purpose, error) {
	return enums.ParseList[Purpose]("purpose", "PURPOSE_", Purpose_value, s)
}
