package keeper

import (
	"context"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// Keeper owns the consortium's state. Its collections are the module's state manifest.
type Keeper struct {
	cdc          codec.Codec
	addressCodec address.Codec
	accounts     types.AccountKeeper
	// router executes passed proposals' messages.
	router types.MsgRouter
	// authority may change params and membership (the module account, driven by membership votes).
	authority string

	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
	// Members holds every member by operator address.
	Members collections.Map[sdk.AccAddress, types.Member]
	// NodeIDs maps a registered CometBFT node ID to its member's operator (peer allowlist).
	NodeIDs collections.Map[string, sdk.AccAddress]
	// Agents holds every agent by its own address.
	Agents collections.Map[sdk.AccAddress, types.Agent]
	// AgentsByMember indexes agents under their member: (operator, agent).
	AgentsByMember collections.KeySet[collections.Pair[sdk.AccAddress, sdk.AccAddress]]
	// AgentCount is the number of agents of each member (bounded by params).
	AgentCount collections.Map[sdk.AccAddress, uint32]
	// Validators is the validator set last reported to CometBFT, by operator.
	Validators collections.Map[sdk.AccAddress, types.Validator]
	// Invitations are open offers to enrol an agent, by (agent, member operator).
	Invitations collections.Map[collections.Pair[sdk.AccAddress, sdk.AccAddress], types.AgentInvitation]
	// InvitedBy indexes open invitations under their member: (operator, agent).
	InvitedBy collections.KeySet[collections.Pair[sdk.AccAddress, sdk.AccAddress]]
	// FormerAgents are addresses that were agents once; they never become patients.
	FormerAgents collections.KeySet[sdk.AccAddress]
	// Patients are known patients (an anchored record names them); they may sign.
	Patients collections.KeySet[sdk.AccAddress]
	// Proposals holds every proposal, open or decided, by id.
	Proposals collections.Map[uint64, types.Proposal]
	// ProposalSeq is the last proposal id issued.
	ProposalSeq collections.Sequence
	// Votes holds every vote by (proposal id, voter).
	Votes collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Vote]
	// OpenProposals counts each member's open proposals (bounded by params).
	OpenProposals collections.Map[sdk.AccAddress, uint32]
	// VotingQueue orders open proposals by (voting end in ns, id) for EndBlock.
	VotingQueue collections.KeySet[collections.Pair[int64, uint64]]
	// Identities holds the patient identities with another controller, guardians or a lock.
	Identities collections.Map[sdk.AccAddress, types.Identity]
	// Controllers maps each controller key (other than a patient's own) to the patient it acts for.
	Controllers collections.Map[sdk.AccAddress, sdk.AccAddress]
	// Recoveries holds each patient's open recovery (at most one).
	Recoveries collections.Map[sdk.AccAddress, types.Recovery]
	// PendingControllers maps each open recovery's new key to its patient, so no key is promised twice.
	PendingControllers collections.Map[sdk.AccAddress, sdk.AccAddress]
	// RecoveryQueue orders recoveries past their threshold by (effective_at in ns, patient) for BeginBlock.
	RecoveryQueue collections.KeySet[collections.Pair[int64, sdk.AccAddress]]
}

// NewKeeper builds the keeper over the module's store.
func NewKeeper(cdc codec.Codec, storeService corestore.KVStoreService, ac address.Codec, accounts types.AccountKeeper,
	router types.MsgRouter, authority string,
) Keeper {
	if _, err := ac.StringToBytes(authority); err != nil {
		panic("consortium: invalid authority address: " + err.Error())
	}
	sb := collections.NewSchemaBuilder(storeService)
	byPair := collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey)
	k := Keeper{
		cdc:            cdc,
		addressCodec:   ac,
		accounts:       accounts,
		router:         router,
		authority:      authority,
		Params:         collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Members:        collections.NewMap(sb, types.MembersKey, "members", sdk.AccAddressKey, codec.CollValue[types.Member](cdc)),
		NodeIDs:        collections.NewMap(sb, types.NodeIDsKey, "node_ids", collections.StringKey, collcodec.KeyToValueCodec(sdk.AccAddressKey)),
		Agents:         collections.NewMap(sb, types.AgentsKey, "agents", sdk.AccAddressKey, codec.CollValue[types.Agent](cdc)),
		AgentsByMember: collections.NewKeySet(sb, types.AgentsByMemberKey, "agents_by_member", byPair),
		AgentCount:     collections.NewMap(sb, types.AgentCountKey, "agent_count", sdk.AccAddressKey, collections.Uint32Value),
		Validators:     collections.NewMap(sb, types.ValidatorsKey, "validators", sdk.AccAddressKey, codec.CollValue[types.Validator](cdc)),
		Invitations:    collections.NewMap(sb, types.InvitationsKey, "invitations", byPair, codec.CollValue[types.AgentInvitation](cdc)),
		InvitedBy:      collections.NewKeySet(sb, types.InvitedByKey, "invited_by", byPair),
		FormerAgents:   collections.NewKeySet(sb, types.FormerAgentsKey, "former_agents", sdk.AccAddressKey),
		Patients:       collections.NewKeySet(sb, types.PatientsKey, "patients", sdk.AccAddressKey),
		Proposals:      collections.NewMap(sb, types.ProposalsKey, "proposals", collections.Uint64Key, codec.CollValue[types.Proposal](cdc)),
		ProposalSeq:    collections.NewSequence(sb, types.ProposalSeqKey, "proposal_seq"),
		Votes: collections.NewMap(sb, types.VotesKey, "votes", collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey),
			codec.CollValue[types.Vote](cdc)),
		OpenProposals:      collections.NewMap(sb, types.OpenProposalsKey, "open_proposals", sdk.AccAddressKey, collections.Uint32Value),
		VotingQueue:        collections.NewKeySet(sb, types.VotingQueueKey, "voting_queue", collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)),
		Identities:         collections.NewMap(sb, types.IdentitiesKey, "identities", sdk.AccAddressKey, codec.CollValue[types.Identity](cdc)),
		Controllers:        collections.NewMap(sb, types.ControllersKey, "controllers", sdk.AccAddressKey, collcodec.KeyToValueCodec(sdk.AccAddressKey)),
		Recoveries:         collections.NewMap(sb, types.RecoveriesKey, "recoveries", sdk.AccAddressKey, codec.CollValue[types.Recovery](cdc)),
		PendingControllers: collections.NewMap(sb, types.PendingControllersKey, "pending_controllers", sdk.AccAddressKey, collcodec.KeyToValueCodec(sdk.AccAddressKey)),
		RecoveryQueue:      collections.NewKeySet(sb, types.RecoveryQueueKey, "recovery_queue", collections.PairKeyCodec(collections.Int64Key, sdk.AccAddressKey)),
	}
	k.Schema = modulekit.MustBuild(sb)
	return k
}

// Authority is the address allowed to change params and membership.
func (k Keeper) Authority() string { return k.authority }

// AddressCodec converts between account addresses and their bech32 strings.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// GetParams returns the module parameters.
func (k Keeper) GetParams(ctx context.Context) (types.Params, error) { return k.Params.Get(ctx) }
