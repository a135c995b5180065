package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the consortium module's name, store key and route.
	ModuleName = "consortium"
	StoreKey   = ModuleName
)

// Store prefixes of the keeper's collections.
var (
	ParamsKey             = collections.NewPrefix(0)
	MembersKey            = collections.NewPrefix(1)
	NodeIDsKey            = collections.NewPrefix(2)
	AgentsKey             = collections.NewPrefix(3)
	AgentsByMemberKey     = collections.NewPrefix(4)
	AgentCountKey         = collections.NewPrefix(5)
	ValidatorsKey         = collections.NewPrefix(6)
	InvitationsKey        = collections.NewPrefix(7)
	InvitedByKey          = collections.NewPrefix(8)
	FormerAgentsKey       = collections.NewPrefix(9)
	PatientsKey           = collections.NewPrefix(10)
	ProposalsKey          = collections.NewPrefix(11)
	ProposalSeqKey        = collections.NewPrefix(12)
	VotesKey              = collections.NewPrefix(13)
	OpenProposalsKey      = collections.NewPrefix(14)
	VotingQueueKey        = collections.NewPrefix(15)
	IdentitiesKey         = collections.NewPrefix(16)
	ControllersKey        = collections.NewPrefix(17)
	RecoveriesKey         = collections.NewPrefix(18)
	RecoveryQueueKey      = collections.NewPrefix(19)
	PendingControllersKey = collections.NewPrefix(20)
)
