package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the records module's name, store key and route.
	ModuleName = "records"
	StoreKey   = ModuleName
)

// Store prefixes of the keeper's collections.
var (
	VersionsKey  = collections.NewPrefix(0)
	LatestKey    = collections.NewPrefix(1)
	ByPatientKey = collections.NewPrefix(2)
	ByHashKey    = collections.NewPrefix(3)
	BatchesKey   = collections.NewPrefix(4)
	BatchSeqKey  = collections.NewPrefix(5)
)
