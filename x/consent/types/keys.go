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

	RequestsKey            = collections.NewPrefix(9)
	RequestSeqKey          = collections.NewPrefix(10)
	RequestsByPatientKey   = collections.NewPrefix(11)
	RequestsByRequesterKey = collections.NewPrefix(12)
	OpenByPatientKey       = collections.NewPrefix(13)
	OpenByPairKey          = collections.NewPrefix(14)
	RequestExpiryQueueKey  = collections.NewPrefix(15)
	RequestEndedQueueKey   = collections.NewPrefix(16)
)
