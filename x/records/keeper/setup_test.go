package keeper_test

import (
	"crypto/sha256"
	"testing"
	"time"

	"cosmossdk.io/core/address"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	medtestutil "github.com/medchain/medchain/testutil"
	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	"github.com/medchain/medchain/x/records/keeper"
	"github.com/medchain/medchain/x/records/types"
)

type fixture struct {
	ctx        sdk.Context
	k          keeper.Keeper
	consortium consortiumkeeper.Keeper
	ac         address.Codec
	accounts   *medtestutil.Accounts
	msgs       types.MsgServer
	queries    types.QueryServer
}

func addr(name string) sdk.AccAddress { return medtestutil.Addr(name) }

func (f *fixture) str(name string) string { return medtestutil.Bech32(f.ac, name) }

// digest is a deterministic stand-in for a salted record hash.
func digest(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func sha(s string) *types.ContentHash {
	return &types.ContentHash{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: digest(s)}
}

// newFixture builds a consortium of a hospital (with agent dr-a and gateway
// gw-a), a second hospital (agent dr-b), a lab, an insurer and a regulator,
// over real consortium and records keepers.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	keys := storetypes.NewKVStoreKeys(consortiumtypes.StoreKey, types.StoreKey)
	ctx := testutil.DefaultContextWithKeys(keys, nil, nil).
		WithBlockTime(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)).WithBlockHeight(7)
	ac := addresscodec.NewBech32Codec("med")
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	accounts := medtestutil.NewAccounts()
	authority, _ := ac.BytesToString(authtypes.NewModuleAddress(consortiumtypes.ModuleName))
	ck := consortiumkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[consortiumtypes.StoreKey]), ac, accounts, authority)
	k := keeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[types.StoreKey]), ac, ck)
	f := &fixture{ctx: ctx, k: k, consortium: ck, ac: ac, accounts: accounts, msgs: keeper.NewMsgServer(k), queries: keeper.NewQueryServer(k)}

	member := func(name string, key byte, roles ...consortiumtypes.Role) consortiumtypes.Member {
		return medtestutil.Member(ac, name, key, roles...)
	}
	gs := consortiumtypes.GenesisState{
		Params: consortiumtypes.DefaultParams(),
		Members: []consortiumtypes.Member{
			member("hospital-a", 1, consortiumtypes.Role_ROLE_HOSPITAL),
			member("hospital-b", 2, consortiumtypes.Role_ROLE_HOSPITAL),
			member("lab-c", 0, consortiumtypes.Role_ROLE_LAB),
			member("insurer", 0, consortiumtypes.Role_ROLE_INSURER),
			member("regulator", 0, consortiumtypes.Role_ROLE_REGULATOR),
		},
		Agents: []consortiumtypes.Agent{
			{Address: f.str("dr-a"), Member: f.str("hospital-a"), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN},
			{Address: f.str("gw-a"), Member: f.str("hospital-a"), Role: consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY},
			{Address: f.str("dr-b"), Member: f.str("hospital-b"), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN},
		},
	}
	_, err := ck.InitGenesis(ctx, gs)
	require.NoError(t, err)
	return f
}

// anchorMsg is a valid anchor of record id for patient-1 by hospital-a's gateway.
func (f *fixture) anchorMsg(id string) *types.MsgAnchorRecord {
	return &types.MsgAnchorRecord{
		Signer: f.str("gw-a"), RecordId: id, Patient: f.str("patient-1"),
		Category: types.Category_CATEGORY_LAB, ContentHash: sha(id + "/v1"), Uri: "https://fhir.hospital-a.example/Observation/" + id,
	}
}

func (f *fixture) anchor(t *testing.T, msg *types.MsgAnchorRecord) {
	t.Helper()
	_, err := f.msgs.AnchorRecord(f.ctx, msg)
	require.NoError(t, err)
}

func (f *fixture) amendMsg(signer, id, content string) *types.MsgAmendRecord {
	return &types.MsgAmendRecord{
		Signer: f.str(signer), RecordId: id, ContentHash: sha(content),
		Uri: "https://fhir.hospital-a.example/Observation/" + id + "/_history/2", Reason: "corrected reference range",
	}
}
