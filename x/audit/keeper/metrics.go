package keeper

import (
	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/metrics"
	"github.com/medchain/medchain/x/audit/types"
)

var (
	// accessCount counts access requests by decision (allowed, denied, emergency).
	accessCount = metrics.NewLabelled(types.ModuleName, "access", "decision",
		enums.Names("DECISION_", types.Decision_value)...)
	// breakGlassCount counts break-glass accesses by reason.
	breakGlassCount = metrics.NewLabelled(types.ModuleName, "break_glass", "reason",
		enums.Names("BREAK_GLASS_REASON_", types.BreakGlassReason_value)...)
)
