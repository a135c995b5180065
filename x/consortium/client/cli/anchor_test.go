package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cometbft/cometbft/crypto/ed25519"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/client"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/x/consortium/client/cli"
	"github.com/medchain/medchain/x/consortium/types"
)

// The genesis anchor is the validator set InitGenesis reports: active
// members with a consensus key, at the genesis power, and nobody else.
func TestGenesisAnchor(t *testing.T) {
	enc := app.MakeEncodingConfig()
	ac := addresscodec.NewBech32Codec(app.Bech32Prefix)
	path := writeGenesis(t, &enc)

	_, err := cli.GenesisAnchor(enc.Codec, path)
	require.ErrorContains(t, err, "names no validator")

	keys := map[byte]ed25519.PrivKey{}
	for i, roles := range [][]types.Role{{types.Role_ROLE_HOSPITAL}, {types.Role_ROLE_HOSPITAL}, {types.Role_ROLE_REGULATOR}} {
		b := byte(i + 1)
		op, err := ac.BytesToString(append(make([]byte, 19), b))
		require.NoError(t, err)
		m := types.Member{Operator: op, Name: "Member", Roles: roles, Status: types.MemberStatus_MEMBER_STATUS_ACTIVE}
		if roles[0] == types.Role_ROLE_HOSPITAL {
			keys[b] = ed25519.GenPrivKey()
			m.ConsensusPubkey = keys[b].PubKey().Bytes()
		}
		require.NoError(t, cli.AddGenesisMember(enc.Codec, ac, path, m))
	}
	anchor, err := cli.GenesisAnchor(enc.Codec, path)
	require.NoError(t, err)
	want := cmttypes.NewValidatorSet([]*cmttypes.Validator{
		cmttypes.NewValidator(keys[1].PubKey(), types.DefaultValidatorPower),
		cmttypes.NewValidator(keys[2].PubKey(), types.DefaultValidatorPower),
	})
	require.Equal(t, want.Hash(), anchor.Genesis.Hash(), "the two hospitals, not the regulator")
	require.EqualValues(t, 1, anchor.Height)
	require.Equal(t, "medchain-test", anchor.ChainID)

	_, err = cli.GenesisAnchor(enc.Codec, filepath.Join(t.TempDir(), "none.json"))
	require.ErrorContains(t, err, "give --trust HEIGHT:HASH or --genesis FILE")
	broken := filepath.Join(t.TempDir(), "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte(`{"chain_id":"x","app_state":{"consortium":{"members":7}}}`), 0o600))
	_, err = cli.GenesisAnchor(enc.Codec, broken)
	require.ErrorContains(t, err, "consortium state")
}

// --trust wins over --genesis; without either the home's genesis.json is
// the anchor.
func TestTrustAnchorFlags(t *testing.T) {
	enc := app.MakeEncodingConfig()
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, "config"), 0o700))
	genesis := writeGenesis(t, &enc)
	data, err := os.ReadFile(genesis)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(home, "config", "genesis.json"), data, 0o600))

	newCmd := func(args ...string) *cobra.Command {
		cmd := &cobra.Command{}
		cli.AddTrustFlags(cmd, "")
		require.NoError(t, cmd.ParseFlags(args))
		cmd.SetContext(context.WithValue(context.Background(), client.ClientContextKey, &client.Context{HomeDir: home, Codec: enc.Codec}))
		return cmd
	}
	hash := strings.Repeat("AB", 32)
	a, err := cli.TrustAnchor(newCmd("--trust", "9:"+hash, "--genesis", "/nonexistent"))
	require.NoError(t, err)
	require.EqualValues(t, 9, a.Height)
	require.Nil(t, a.Genesis)

	_, err = cli.TrustAnchor(newCmd())
	require.ErrorContains(t, err, "names no validator", "the home's genesis.json was read")
	_, err = cli.TrustAnchor(newCmd("--genesis", "/nonexistent/genesis.json"))
	require.ErrorContains(t, err, "trust anchor")
}
