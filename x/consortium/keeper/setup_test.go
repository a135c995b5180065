package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
	"github.com/medchain/medchain/x/consortium/keeper"
	"github.com/medchain/medchain/x/consortium/types"
)

type fixture struct {
	ctx      sdk.Context
	k        keeper.Keeper
	ac       address.Codec
	accounts *medtestutil.Accounts
	msgs     types.MsgServer
	queries  types.QueryServer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_test"))
	ctx := tctx.Ctx.WithBlockTime(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)).WithBlockHeight(1)
	ac := addresscodec.NewBech32Codec("med")
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	accounts := medtestutil.NewAccounts()
	authority, _ := ac.BytesToString(authtypes.NewModuleAddress(types.ModuleName))
	k := keeper.NewKeeper(cdc, runtime.NewKVStoreService(key), ac, accounts, authority)
	return &fixture{ctx: ctx, k: k, ac: ac, accounts: accounts, msgs: keeper.NewMsgServer(k), queries: keeper.NewQueryServer(k)}
}

// addr derives a deterministic test address from a name.
func addr(name string) sdk.AccAddress {
	h := sha256.Sum256([]byte("addr/" + name))
	return sdk.AccAddress(h[:20])
}

func (f *fixture) str(a sdk.AccAddress) string {
	s, err := f.ac.BytesToString(a)
	if err != nil {
		panic(err)
	}
	return s
}

// consKey derives a deterministic ed25519 public key from a name.
func consKey(name string) []byte {
	seed := sha256.Sum256([]byte("cons/" + name))
	return ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
}

// nodeID derives a deterministic node ID from a name.
func nodeID(name string) string {
	h := sha256.Sum256([]byte("node/" + name))
	return hex.EncodeToString(h[:20])
}

func (f *fixture) member(name string, validator bool, roles ...types.Role) types.Member {
	m := types.Member{
		Operator: f.str(addr(name)), Name: fmt.Sprintf("Institution %s", name), Roles: roles,
		NodeIds: []string{nodeID(name)}, Status: types.MemberStatus_MEMBER_STATUS_ACTIVE,
	}
	if validator {
		m.ConsensusPubkey = consKey(name)
	}
	return m
}

// genesis builds a consortium of two hospitals (validators) and a regulator.
func (f *fixture) genesis() types.GenesisState {
	return types.GenesisState{
		Params: types.DefaultParams(),
		Members: []types.Member{
			f.member("hospital-a", true, types.Role_ROLE_HOSPITAL, types.Role_ROLE_EMERGENCY),
			f.member("hospital-b", true, types.Role_ROLE_HOSPITAL),
			f.member("regulator", false, types.Role_ROLE_REGULATOR),
		},
	}
}

func (f *fixture) initGenesis(t *testing.T) {
	t.Helper()
	gs := f.genesis()
	_, err := f.k.InitGenesis(f.ctx, gs)
	require.NoError(t, err)
}
