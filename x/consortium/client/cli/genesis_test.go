package cli_test

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/cometbft/cometbft/privval"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/x/consortium/client/cli"
	"github.com/medchain/medchain/x/consortium/types"
)

func writeGenesis(t *testing.T, a *app.EncodingConfig) string {
	t.Helper()
	state, err := json.Marshal(map[string]json.RawMessage{types.ModuleName: a.Codec.MustMarshalJSON(types.DefaultGenesis())})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "genesis.json")
	gen := genutiltypes.NewAppGenesisWithVersion("medchain-test", state)
	gen.GenesisTime = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, gen.SaveAs(path))
	return path
}

func TestAddGenesisMember(t *testing.T) {
	enc := app.MakeEncodingConfig()
	ac := addresscodec.NewBech32Codec(app.Bech32Prefix)
	path := writeGenesis(t, &enc)

	roles, err := types.ParseRoles("hospital,EMERGENCY")
	require.NoError(t, err)
	require.Equal(t, []types.Role{types.Role_ROLE_HOSPITAL, types.Role_ROLE_EMERGENCY}, roles)
	_, err = types.ParseRoles("surgeon")
	require.ErrorContains(t, err, `unknown role "surgeon": one of hospital, lab, pharmacy, insurer, regulator, emergency`)

	op := func(b byte) string {
		s, err := ac.BytesToString(append(make([]byte, 19), b))
		require.NoError(t, err)
		return s
	}
	hospital := types.Member{
		Operator: op(1), Name: "Hospital A", Roles: roles,
		ConsensusPubkey: make([]byte, 32), NodeIds: []string{"0123456789abcdef0123456789abcdef01234567"},
		Status: types.MemberStatus_MEMBER_STATUS_ACTIVE,
	}
	hospital.ConsensusPubkey[0] = 1
	require.NoError(t, cli.AddGenesisMember(enc.Codec, ac, path, hospital))

	// A second member may not reuse the node ID, and a bad member leaves the file as it was.
	intruder := hospital
	intruder.Operator, intruder.Name, intruder.ConsensusPubkey = op(2), "Copycat", nil
	require.ErrorIs(t, cli.AddGenesisMember(enc.Codec, ac, path, intruder), types.ErrDuplicateNodeID)

	gen, err := genutiltypes.AppGenesisFromFile(path)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(gen.AppState, &state))
	var gs types.GenesisState
	enc.Codec.MustUnmarshalJSON(state[types.ModuleName], &gs)
	require.Len(t, gs.Members, 1)
	require.Equal(t, "Hospital A", gs.Members[0].Name)
	require.Equal(t, gen.GenesisTime, gs.Members[0].JoinedAt, "members join at genesis time")
	require.NoError(t, gs.Validate(ac))
}

func TestAddMemberCmdReadsPrivValidatorKey(t *testing.T) {
	dir := t.TempDir()
	pv := privval.GenFilePV(filepath.Join(dir, "priv_validator_key.json"), filepath.Join(dir, "priv_validator_state.json"))
	pv.Save()
	want := pv.Key.PubKey.Bytes()

	got, err := cli.ReadPubKey(newFlags(t, "--pubkey-file", filepath.Join(dir, "priv_validator_key.json")))
	require.NoError(t, err)
	require.Equal(t, want, got)

	_, err = cli.ReadPubKey(newFlags(t, "--pubkey", "AAAA"))
	require.ErrorIs(t, err, types.ErrInvalidPubKey)
	_, err = cli.ReadPubKey(newFlags(t, "--pubkey", "x", "--pubkey-file", "y"))
	require.ErrorContains(t, err, "not both")
	none, err := cli.ReadPubKey(newFlags(t))
	require.NoError(t, err)
	require.Nil(t, none, "no key: not a validator")
}

func newFlags(t *testing.T, args ...string) *cobra.Command {
	cmd := cli.AddMemberCmd(t.TempDir(), addresscodec.NewBech32Codec(app.Bech32Prefix))
	require.NoError(t, cmd.ParseFlags(args))
	return cmd
}
