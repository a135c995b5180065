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

	requestedCount = metrics.New(types.ModuleName, "requested") // consent requests opened
	// consent requests ended, by how: approved, declined, expired, withdrawn
	requestsEnded = metrics.NewLabelled(types.ModuleName, "requests_ended", "status", "approved", "declined", "expired", "withdrawn")
)
