package types

import "github.com/medchain/medchain/internal/enums"

// Code is the decision's short name: allowed, denied, emergency.
func (d Decision) Code() string { return enums.Short("DECISION_", Decision_name, d) }

// Code is the action's short name: read, copy, export, print, query.
func (a Action) Code() string { return enums.Short("ACTION_", Action_name, a) }

// Code is the break-glass reason's short name: patient-unable-to-consent, …
// ("" for none).
func (r BreakGlassReason) Code() string {
	return enums.Short("BREAK_GLASS_REASON_", BreakGlassReason_name, r)
}
