package cmd_test

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/cmd/medchaind/cmd"
)

// A transaction a user builds without naming a fee pays the nodes' default
// gas price, so it is not refused at the door; one naming a fee pays that.
func TestTxWithoutAFeePaysTheDefaultPrice(t *testing.T) {
	home := initHome(t)
	out, err := run(t, home, "keys", "add", "operator", "--keyring-backend", "test", "--home", home, "--output", "json")
	require.NoError(t, err, out)
	var key struct{ Address string }
	require.NoError(t, json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &key), out)

	fee := func(extra ...string) []any {
		t.Helper()
		args := append([]string{"tx", "bank", "send", "operator", key.Address, "1umed", "--generate-only",
			"--keyring-backend", "test", "--home", home, "--chain-id", "medchain-test", "--gas", "200000"}, extra...)
		out, err := runCapturingStdout(t, home, args...)
		require.NoError(t, err, out)
		var tx struct {
			AuthInfo struct {
				Fee struct{ Amount []any }
			} `json:"auth_info"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &tx), out)
		return tx.AuthInfo.Fee.Amount
	}
	require.Equal(t, []any{map[string]any{"denom": "umed", "amount": "2000"}}, fee(), "200,000 gas at 0.01umed")
	require.Equal(t, []any{map[string]any{"denom": "umed", "amount": "7"}}, fee("--fees", "7umed"))
	require.Equal(t, []any{map[string]any{"denom": "umed", "amount": "20000"}}, fee("--gas-prices", "0.1umed"))
}

// The offline record tools run from the root command as the README shows.
func TestRecordToolsFromTheRoot(t *testing.T) {
	home := initHome(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "lab.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"resourceType":"Observation"}`), 0o600))

	out, err := run(t, home, "records", "id", "Observation/lab-42", "--key-file", filepath.Join(dir, "id.key"), "--new-key")
	require.NoError(t, err, out)
	require.Regexp(t, `^[0-9a-f]{32}\s*$`, out)
	again, err := run(t, home, "records", "id", "Observation/lab-42", "--key-file", filepath.Join(dir, "id.key"))
	require.NoError(t, err)
	require.Equal(t, out, again, "the same local id gives the same opaque id")

	out, err = run(t, home, "records", "hash", file, "--new-salt", "--category", "mental-health")
	require.NoError(t, err, out)
	var h map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &h), out)
	require.Equal(t, "restricted", h["category"])
	require.Len(t, h["salt"], 64, "32 random bytes")
	require.Len(t, h["category_commitment"], 64)

	_, err = run(t, home, "records", "hash", file, "--salt", "00ff")
	require.ErrorContains(t, err, "32", "a short salt is refused")
}

func TestDefaultHome(t *testing.T) {
	require.Equal(t, ".medchain", filepath.Base(cmd.DefaultNodeHome))
}

// runCapturingStdout runs medchaind and returns what it printed, including
// what the SDK's tx commands write to the process's standard output.
func runCapturingStdout(t *testing.T, home string, args ...string) (string, error) {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	saved := os.Stdout
	os.Stdout = w
	out, runErr := run(t, home, args...)
	os.Stdout = saved
	require.NoError(t, w.Close())
	printed, err := io.ReadAll(r)
	require.NoError(t, err)
	return out + string(printed), runErr
}

// A proposal built by the CLI carries the message with the consortium's
// module account as its authority; one without a title, or an upgrade
// without a height, is refused before anything is signed.
func TestProposeBuildsAuthorityMessages(t *testing.T) {
	home := initHome(t)
	out, err := run(t, home, "keys", "add", "operator", "--keyring-backend", "test", "--home", home, "--output", "json")
	require.NoError(t, err, out)
	common := []string{"--generate-only", "--keyring-backend", "test", "--home", home, "--chain-id", "medchain-test", "--from", "operator"}
	other := "med1q6saqhwam6dhrmuqjxpphvh90h0jaaahp9yuqs"

	out, err = runCapturingStdout(t, home, append([]string{"tx", "consortium", "propose", "suspend-member", other,
		"--title", "Suspend hospital X", "--summary", "Its node double-signed twice this week."}, common...)...)
	require.NoError(t, err, out)
	require.Contains(t, out, `"@type":"/medchain.consortium.v1.MsgSubmitProposal"`)
	require.Contains(t, out, `"@type":"/medchain.consortium.v1.MsgSuspendMember"`)
	require.Contains(t, out, `"authority":"med1wj6ghcm9xjg7kgpxuga65n54ycd7r6xwl8d8pu"`, "the consortium module account")

	out, err = runCapturingStdout(t, home, append([]string{"tx", "consortium", "propose", "software-upgrade", "v2",
		"--height", "100", "--title", "Upgrade to v2"}, common...)...)
	require.NoError(t, err, out)
	require.Contains(t, out, `"@type":"/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade"`)

	_, err = run(t, home, append([]string{"tx", "consortium", "propose", "remove-member", other}, common...)...)
	require.ErrorContains(t, err, "title", "a proposal needs a title")
	_, err = run(t, home, append([]string{"tx", "consortium", "propose", "software-upgrade", "v2", "--title", "x"}, common...)...)
	require.ErrorContains(t, err, "height")
}
