package types

import "github.com/medchain/medchain/internal/enums"

// Code is the decision's short name: allowed, denied, emergency.
func (d Decision) Code() string { return enums.Short("DECISION_", Decision_name, d) }
