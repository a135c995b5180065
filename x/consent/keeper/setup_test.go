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
	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordskeeper "github.com/medchain/medchain/x/records/keeper"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var t0 = time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)

type fixture struct {
	ctx        sdk.Context
	k          keeper.Keeper
	consortium consortiumkeeper.Keeper
	records    recordskeeper.Keeper
	ac         address.Codec
	msgs       types.MsgServer
	queries    types.QueryServer
}

func addr(name string) sdk.AccAddress { return medtestutil.Addr(name) }

func (f *fixture) str(name string) string { return medtestutil.Bech32(f.ac, name) }

// newFixture: hospital-a (agents dr-a, nurse-a), hospital-b (agent dr-b), a
// lab; patient-1 has records lab-1 (lab) and mh-1 (mental health) at
// hospital-a; patient-2 has lab-2.
func newFixture(t testing.TB) *fixture {
	keys := storetypes.NewKVStoreKeys(consortiumtypes.StoreKey, recordstypes.StoreKey, types.StoreKey)
	return newFixtureOn(t, keys, testutil.DefaultContextWithKeys(keys, nil, nil))
}

func newFixtureOn(t testing.TB, keys map[string]*storetypes.KVStoreKey, ctx sdk.Context) *fixture {
	ctx = ctx.WithBlockTime(t0).WithBlockHeight(10)
	ac := addresscodec.NewBech32Codec("med")
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	authority, _ := ac.BytesToString(authtypes.NewModuleAddress(consortiumtypes.ModuleName))
	ck := consortiumkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[consortiumtypes.StoreKey]), ac, medtestutil.NewAccounts(), authority)
	rk := recordskeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[recordstypes.StoreKey]), ac, ck)
	k := keeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[types.StoreKey]), ac, ck, rk)
	f := &fixture{ctx: ctx, k: k, consortium: ck, records: rk, ac: ac, msgs: keeper.NewMsgServer(k), queries: keeper.NewQueryServer(k)}

	member := func(name string, key byte, roles ...consortiumtypes.Role) consortiumtypes.Member {
		return medtestutil.Member(ac, name, key, roles...)
	}
	agent := func(name, member string) consortiumtypes.Agent {
		return medtestutil.Agent(ac, name, member, consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	}
	_, err := ck.InitGenesis(ctx, consortiumtypes.GenesisState{
		Params: consortiumtypes.DefaultParams(),
		Members: []consortiumtypes.Member{
			member("hospital-a", 1, consortiumtypes.Role_ROLE_HOSPITAL),
			member("hospital-b", 2, consortiumtypes.Role_ROLE_HOSPITAL),
			member("lab-c", 0, consortiumtypes.Role_ROLE_LAB),
		},
		Agents: []consortiumtypes.Agent{agent("dr-a", "hospital-a"), agent("nurse-a", "hospital-a"), agent("dr-b", "hospital-b")},
	})
	require.NoError(t, err)
	require.NoError(t, k.Params.Set(ctx, types.DefaultParams()))
	f.anchorRecord(t, "lab-1", "patient-1", recordstypes.Category_CATEGORY_LAB)
	f.anchorRecord(t, "mh-1", "patient-1", recordstypes.Category_CATEGORY_MENTAL_HEALTH)
	f.anchorRecord(t, "lab-2", "patient-2", recordstypes.Category_CATEGORY_LAB)
	return f
}

func (f *fixture) anchorRecord(t testing.TB, id, patient string, c recordstypes.Category) {
	d := sha256.Sum256([]byte(id))
	require.NoError(t, f.records.Anchor(f.ctx, addr("dr-a"), addr(patient), id, c,
		recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: d[:]},
		"https://fhir.hospital-a.example/"+id))
}

// grant is patient-1 granting grantee labs for TREAT for 7 days.
func (f *fixture) grantMsg(grantee string) *types.MsgGrantConsent {
	return &types.MsgGrantConsent{
		Patient: f.str("patient-1"), Grantee: f.str(grantee),
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes:   []types.Purpose{types.Purpose_PURPOSE_TREAT}, ExpiresAt: t0.Add(7 * 24 * time.Hour),
	}
}

func (f *fixture) grant(t testing.TB, msg *types.MsgGrantConsent) uint64 {
	res, err := f.msgs.GrantConsent(f.ctx, msg)
	require.NoError(t, err)
	return res.GrantId
}

// check asks whether accessor may read patient-1's record for purpose.
func (f *fixture) check(t testing.TB, accessor, recordID string, purpose types.Purpose) types.Decision {
	d, err := f.k.CheckAccess(f.ctx, types.AccessRequest{
		Accessor: addr(accessor), Patient: addr("patient-1"), RecordID: recordID, Purpose: purpose,
	})
	require.NoError(t, err)
	return d
}
