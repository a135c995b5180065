package keeper

import (
	"github.com/medchain/medchain/internal/metrics"
	"github.com/medchain/medchain/x/records/types"
)

var (
	anchoredCount = metrics.New(types.ModuleName, "anchored") // records anchored, one by one or in batches
	amendedCount  = metrics.New(types.ModuleName, "amended")  // new versions of anchored records
	batchesCount  = metrics.New(types.ModuleName, "batches")  // batch anchors
)
