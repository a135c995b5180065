package types

import "github.com/medchain/medchain/internal/enums"

// Code is the decision's short name: allowed, denied, emergency.
func (d Decision) Code() string { return enums.Short("DECISION_", Decision_name, d) }

// Code is the break-glass reason's short name: patient_unable_to_consent, ….
func (r BreakGlassReason) Code() string {
	return enums.Short("BREAK_GLASS_REASON_", BreakGlassReason_name, r)
}
