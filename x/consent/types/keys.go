package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the consent module's name, store key and route.
	ModuleName = "consent"
	StoreKey   = ModuleName
)

// Store prefixes of the keeper's collections.
var (
	ParamsKey          = collections.NewPrefix(0)
	GrantsKey          = collections.NewPrefix(1)
	GrantSeqKey        = collections.NewPrefix(2)
	ByPatientKey       = collections.NewPrefix(3)
	ByGranteeKey       = collections.NewPrefix(4)
	ActiveByPatientKey = collections.NewPrefix(5)
	ExpiryQueueKey     = collections.NewPrefix(6)
	ActiveCountKey     = collections.NewPrefix(7)
	EndedQueueKey      = collections.NewPrefix(8)
)
