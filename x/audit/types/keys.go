package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the audit module's name, store key and route.
	ModuleName = "audit"
	StoreKey   = ModuleName
)

// Store prefixes of the keeper's collections.
var (
	EventsKey     = collections.NewPrefix(0)
	EventSeqKey   = collections.NewPrefix(1)
	ByPatientKey  = collections.NewPrefix(2)
	ByAccessorKey = collections.NewPrefix(3)
	ByRecordKey   = collections.NewPrefix(4)
	ByMemberKey   = collections.NewPrefix(5)
	EmergencyKey  = collections.NewPrefix(6)
)
