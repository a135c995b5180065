package keeper

import (
	"github.com/medchain/medchain/internal/metrics"
	"github.com/medchain/medchain/x/consent/types"
)

var (
	grantedCount = metrics.New(types.ModuleName, "granted") // grants given
	revokedCount = metrics.New(types.ModuleName, "revoked") // grants revoked by their patient
	expiredCount = metrics.New(types.ModuleName, "expired") // grants that reached their expiry
	prunedCount  = metrics.New(types.ModuleName, "pruned")  // ended grants removed after their retention
)
