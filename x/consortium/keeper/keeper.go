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
	addressCodec address.Codec
	accounts     types.AccountKeeper
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
}

// NewKeeper builds the keeper over the module's store.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, ac address.Codec, accounts types.AccountKeeper, authority string) Keeper {
	if _, err := ac.StringToBytes(authority); err != nil {
		panic("consortium: invalid authority address: " + err.Error())
	}
	sb := collections.NewSchemaBuilder(storeService)
	byPair := collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey)
	k := Keeper{
		addressCodec:   ac,
		accounts:       accounts,
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
