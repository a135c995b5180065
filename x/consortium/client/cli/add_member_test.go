package cli_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/cometbft/cometbft/privval"
	"github.com/cosmos/cosmos-sdk/client"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/client/cli"
	"github.com/medchain/medchain/x/consortium/types"
)

var genesisTime = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// node is a home directory with a genesis, a test keyring holding the key
// "stmary", and a consensus key file.
type node struct {
	enc     app.EncodingConfig
	home    string
	genesis string
	pvKey   string
	stmary  sdk.AccAddress
}

func newNode(t *testing.T, gs *types.GenesisState) *node {
	t.Helper()
	n := &node{enc: app.MakeEncodingConfig(), home: t.TempDir()}
	require.NoError(t, os.MkdirAll(filepath.Join(n.home, "config"), 0o700))
	n.genesis = filepath.Join(n.home, "config", "genesis.json")
	state := map[string]json.RawMessage{}
	if gs != nil {
		state[types.ModuleName] = n.enc.Codec.MustMarshalJSON(gs)
	}
	bz, err := json.Marshal(state)
	require.NoError(t, err)
	gen := genutiltypes.NewAppGenesisWithVersion("medchain-test", bz)
	gen.GenesisTime = genesisTime
	require.NoError(t, gen.SaveAs(n.genesis))

	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, n.home, nil, n.enc.Codec)
	require.NoError(t, err)
	rec, _, err := kr.NewMnemonic("stmary", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	n.stmary, err = rec.GetAddress()
	require.NoError(t, err)

	n.pvKey = filepath.Join(n.home, "config", "priv_validator_key.json")
	privval.GenFilePV(n.pvKey, filepath.Join(n.home, "priv_validator_state.json")).Save()
	return n
}

// run executes add-member as medchaind does, with the node's home.
func (n *node) run(args ...string) (string, error) {
	cmd := cli.AddMemberCmd(n.home, addresscodec.NewBech32Codec(app.Bech32Prefix))
	clientCtx := client.Context{}.WithCodec(n.enc.Codec).WithInterfaceRegistry(n.enc.InterfaceRegistry).WithHomeDir(n.home)
	ctx := context.WithValue(context.Background(), client.ClientContextKey, &clientCtx)
	cmd.SetContext(context.WithValue(ctx, server.ServerContextKey, server.NewDefaultContext()))
	return testutil.RunCmd(cmd, args...)
}

func (n *node) members(t *testing.T) []types.Member {
	t.Helper()
	gen, err := genutiltypes.AppGenesisFromFile(n.genesis)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(gen.AppState, &state))
	var gs types.GenesisState
	n.enc.Codec.MustUnmarshalJSON(state[types.ModuleName], &gs)
	return gs.Members
}

// A member named by its keyring key, with roles, node IDs and the node's
// consensus key, joins at genesis time; the genesis then validates.
func TestAddMemberCmd(t *testing.T) {
	n := newNode(t, nil)
	idA, idB := testutil.NodeID("a"), testutil.NodeID("b")
	out, err := n.run("St. Mary Hospital", "stmary", "--keyring-backend", "test", "--roles", "hospital,emergency",
		"--node-id", idA+","+idB, "--pubkey-file", n.pvKey)
	require.NoError(t, err, out)
	op := sdk.AccAddress(n.stmary).String()
	require.Contains(t, out, op)

	pv := privval.LoadFilePVEmptyState(n.pvKey, "")
	require.Equal(t, []types.Member{{
		Operator: op, Name: "St. Mary Hospital", Roles: []types.Role{types.Role_ROLE_HOSPITAL, types.Role_ROLE_EMERGENCY},
		ConsensusPubkey: pv.Key.PubKey.Bytes(), NodeIds: []string{idA, idB},
		Status: types.MemberStatus_MEMBER_STATUS_ACTIVE, JoinedAt: genesisTime,
	}}, n.members(t))

	out, err = n.run("Health Authority", testutil.Addr("authority").String(), "--roles", "regulator", "--node-id", testutil.NodeID("c"))
	require.NoError(t, err, out)
	members := n.members(t)
	require.Len(t, members, 2)
	require.Nil(t, members[1].ConsensusPubkey, "no key given: not a validator")
	gs := types.GenesisState{Params: types.DefaultParams(), Members: members}
	require.NoError(t, gs.Validate(addresscodec.NewBech32Codec(app.Bech32Prefix)))
}

// Every refusal leaves genesis.json as it was.
func TestAddMemberCmdRefusals(t *testing.T) {
	existing := testutil.Member(addresscodec.NewBech32Codec(app.Bech32Prefix), "hospital-a", 7, types.Role_ROLE_HOSPITAL)
	gs := types.DefaultGenesis()
	gs.Members = []types.Member{existing}
	key := func(b byte) string { return base64.StdEncoding.EncodeToString(append(make([]byte, 31), b)) }
	addr := testutil.Addr("new").String()
	cases := []struct {
		name string
		args func(n *node) []string
		code *errorsmod.Error
		msg  string
	}{
		{"no roles", func(*node) []string { return []string{"X", addr} }, nil, `"roles" not set`},
		{"unknown role", func(*node) []string { return []string{"X", addr, "--roles", "hospital,surgeon"} }, nil, `unknown role "surgeon"`},
		{"one argument", func(*node) []string { return []string{addr, "--roles", "lab"} }, nil, "accepts 2 arg(s)"},
		{"unknown key", func(*node) []string {
			return []string{"X", "nobody", "--roles", "lab", "--keyring-backend", "test"}
		}, nil, "neither an address nor a key"},
		{"another chain's address", func(*node) []string {
			return []string{"X", "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a", "--roles", "lab", "--keyring-backend", "test"}
		}, nil, "neither an address nor a key"},
		{"blank name", func(*node) []string { return []string{" ", addr, "--roles", "lab"} }, types.ErrInvalidMember, ""},
		{"regulator with a consensus key", func(*node) []string {
			return []string{"X", addr, "--roles", "regulator", "--pubkey", key(1)}
		}, types.ErrInvalidMember, ""},
		{"upper-case node ID", func(*node) []string {
			return []string{"X", addr, "--roles", "lab", "--node-id", strings.ToUpper(testutil.NodeID("x"))}
		}, types.ErrInvalidNodeID, ""},
		{"node ID of an existing member", func(*node) []string {
			return []string{"X", addr, "--roles", "lab", "--node-id", existing.NodeIds[0]}
		}, types.ErrDuplicateNodeID, ""},
		{"consensus key of an existing member", func(*node) []string {
			return []string{"X", addr, "--roles", "hospital", "--pubkey", key(7)}
		}, types.ErrInvalidPubKey, ""},
		{"operator already a member", func(*node) []string {
			return []string{"Hospital A again", existing.Operator, "--roles", "hospital"}
		}, types.ErrDuplicateMember, ""},
		{"31-byte key", func(*node) []string {
			return []string{"X", addr, "--roles", "hospital", "--pubkey", base64.StdEncoding.EncodeToString(make([]byte, 31))}
		}, types.ErrInvalidPubKey, ""},
		{"key file of another algorithm", func(n *node) []string {
			f := filepath.Join(n.home, "secp.json")
			require.NoError(t, os.WriteFile(f, []byte(`{"pub_key":{"type":"tendermint/PubKeySecp256k1","value":"`+key(1)+`"}}`), 0o600))
			return []string{"X", addr, "--roles", "hospital", "--pubkey-file", f}
		}, types.ErrInvalidPubKey, ""},
		{"key file that is not JSON", func(n *node) []string {
			f := filepath.Join(n.home, "garbage.json")
			require.NoError(t, os.WriteFile(f, []byte("ed25519:AAAA"), 0o600))
			return []string{"X", addr, "--roles", "hospital", "--pubkey-file", f}
		}, nil, "garbage.json"},
		{"missing key file", func(n *node) []string {
			return []string{"X", addr, "--roles", "hospital", "--pubkey-file", filepath.Join(n.home, "absent.json")}
		}, nil, "absent.json"},
		{"both key flags", func(n *node) []string {
			return []string{"X", addr, "--roles", "hospital", "--pubkey", key(1), "--pubkey-file", n.pvKey}
		}, nil, "not both"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := newNode(t, gs)
			before, err := os.ReadFile(n.genesis)
			require.NoError(t, err)
			out, err := n.run(tc.args(n)...)
			require.Error(t, err, out)
			if tc.code != nil {
				require.ErrorIs(t, err, tc.code)
			} else {
				require.ErrorContains(t, err, tc.msg)
			}
			after, err := os.ReadFile(n.genesis)
			require.NoError(t, err)
			require.Equal(t, before, after)
		})
	}
}

// add-member checks the consortium as far as it goes: max_members holds,
// and a genesis it cannot read is refused, not overwritten.
func TestAddGenesisMemberRefusesWhatItCannotExtend(t *testing.T) {
	ac := addresscodec.NewBech32Codec(app.Bech32Prefix)
	gs := types.DefaultGenesis()
	gs.Params.MaxMembers = 1
	gs.Members = []types.Member{testutil.Member(ac, "hospital-a", 1, types.Role_ROLE_HOSPITAL)}
	n := newNode(t, gs)
	lab := testutil.Member(ac, "lab", 0, types.Role_ROLE_LAB)
	require.ErrorIs(t, cli.AddGenesisMember(n.enc.Codec, ac, n.genesis, lab), types.ErrTooManyMembers)

	gen, err := genutiltypes.AppGenesisFromFile(n.genesis)
	require.NoError(t, err)
	gen.AppState = json.RawMessage(`{"consortium":{"members":"not a list"}}`)
	require.NoError(t, gen.SaveAs(n.genesis))
	require.ErrorContains(t, cli.AddGenesisMember(n.enc.Codec, ac, n.genesis, lab), "consortium genesis")

	require.ErrorContains(t, cli.AddGenesisMember(n.enc.Codec, ac, filepath.Join(n.home, "none.json"), lab), "reading genesis")
}
