package keeper

import (
	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/metrics"
	"github.com/medchain/medchain/x/consortium/types"
)

// decidedCount counts proposals decided, by outcome (passed, rejected, failed, …).
var decidedCount = metrics.NewLabelled(types.ModuleName, "proposals_decided", "status",
	enums.Names("PROPOSAL_STATUS_", types.ProposalStatus_value)...)
