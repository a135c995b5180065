package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cometbft/cometbft/crypto/ed25519"
	cmttypes "github.com/cometbft/cometbft/types"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
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
