package cmd_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
)

// requireFails runs medchaind with args in home and requires it to fail,
// saying want in its output or its error.
func requireFails(t *testing.T, home, want string, args ...string) {
	t.Helper()
	out, err := run(t, home, args...)
	require.Error(t, err, args)
	require.Contains(t, out+err.Error(), want, args)
}

// evidence verify refuses to guess what to trust, and names what is wrong
// with a file before any proof is looked at.
func TestEvidenceVerifyRefusesBadInput(t *testing.T) {
	home := initHome(t)
	dir := t.TempDir()
	bundle := filepath.Join(dir, "bundle.json")
	require.NoError(t, os.WriteFile(bundle, []byte(`{"format":"medchain-evidence/0"}`), 0o600))
	trust := "1:" + strings.Repeat("ab", 32)

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{bundle}, "offline, trust must be explicit: give --trust HEIGHT:HASH or --genesis FILE"},
		{[]string{bundle, "--trust", "1:abcd"}, "hash must be 64 hex characters"},
		{[]string{bundle, "--trust", "0:" + strings.Repeat("ab", 32)}, "height must be a positive integer"},
		{[]string{bundle, "--genesis", filepath.Join(dir, "none.json")}, "trust anchor"},
		{[]string{filepath.Join(dir, "missing.json"), "--trust", trust}, "no such file"},
		{[]string{bundle, "--trust", trust}, `bundle format is "medchain-evidence/0"`},
		{[]string{bundle, "--genesis", filepath.Join(home, "config", "genesis.json")}, "names no validator"},
	} {
		requireFails(t, home, tc.want, append([]string{"evidence", "verify"}, tc.args...)...)
	}
}

// query verify checks its arguments and the trust anchor before it asks
// any node (none listens here).
func TestQueryVerifyChecksBeforeAsking(t *testing.T) {
	home := initHome(t)
	trust := []string{"--home", home, "--trust", "1:" + strings.Repeat("ab", 32), "--node", "tcp://127.0.0.1:1"}
	custodian, err := sdk.Bech32ifyAddressBytes(app.Bech32Prefix, make([]byte, 20))
	require.NoError(t, err)
	record := strings.Repeat("ab", 16)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"grant", "1", "--home", home, "--genesis", filepath.Join(t.TempDir(), "none.json")}, "trust anchor"},
		{append([]string{"grant", "0"}, trust...), `id "0" must be a positive integer`},
		{append([]string{"event", "x"}, trust...), `id "x" must be a positive integer`},
		{append([]string{"request", "01"}, trust...), `id "01" must be a positive integer`},
		{append([]string{"record", custodian, record, "0"}, trust...), `version "0" must be a positive integer`},
		{append([]string{"record", "med1x", record}, trust...), "custodian"},
		{append([]string{"record", custodian, "Lab-42"}, trust...), "must be a lower-case UUID"},
		{append([]string{"grant", "1"}, trust...), "connection refused"},
	} {
		requireFails(t, home, tc.want, append([]string{"query", "verify"}, tc.args...)...)
	}
}

// eventBundle writes a bundle of one access event of med1patient, proven
// at height 3 of a proof chain, and returns its file, its text and the chain.
func eventBundle(t *testing.T) (string, string, *testutil.ProofChain) {
	event := audittypes.AccessEvent{Id: 1, Patient: "med1patient", Accessor: "med1doctor", Decision: audittypes.Decision_DECISION_ALLOWED, Height: 2}
	raw, err := event.Marshal()
	require.NoError(t, err)
	key, err := audittypes.EventEvidence.Key("1")
	require.NoError(t, err)
	chain := testutil.NewProofChain(t, audittypes.StoreKey)
	chain.Next(map[string]string{string(key): string(raw)})
	chain.Grow(4)
	bundle := chain.Bundle(audittypes.EventEvidence, 1, map[string]string{"patient": "med1patient"}, "1")
	path := filepath.Join(t.TempDir(), "bundle.json")
	var buf bytes.Buffer
	require.NoError(t, bundle.Encode(&buf))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
	return path, buf.String(), chain
}

// A bundle of an access event verifies offline from the trusted header and
// prints only what it proved; the same bundle with the event's patient
// changed names the item.
func TestEvidenceVerifyPrintsWhatItProved(t *testing.T) {
	home := initHome(t)
	path, text, chain := eventBundle(t)
	trust := fmt.Sprintf("1:%X", chain.Blocks[1].Hash())

	out, err := runCapturingStdout(t, home, "evidence", "verify", path, "--trust", trust)
	require.NoError(t, err, out)
	var v struct {
		Verified bool
		Height   int64
		Header   struct{ Height int64 }
		Items    []struct {
			Kind, ID string
			Value    json.RawMessage
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v), out)
	require.True(t, v.Verified)
	require.EqualValues(t, 3, v.Height)
	require.EqualValues(t, 4, v.Header.Height)
	require.Len(t, v.Items, 1)
	require.Equal(t, "access_event", v.Items[0].Kind)
	require.Contains(t, string(v.Items[0].Value), `"accessor": "med1doctor"`)

	forged := strings.Replace(text, `"patient": "med1patient"`, `"patient": "med1someone"`, 1)
	require.NotEqual(t, text, forged)
	require.NoError(t, os.WriteFile(path, []byte(forged), 0o600))
	requireFails(t, home, "item 0 (access_event 1): not what the bundle's subject asks", "evidence", "verify", path, "--trust", trust)
}

// A file larger than any bundle is refused before it is read.
func TestEvidenceVerifyRefusesAHugeFile(t *testing.T) {
	home := initHome(t)
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(lightproof.MaxBundleBytes+1)) // sparse: no disk used
	require.NoError(t, f.Close())
	requireFails(t, home, fmt.Sprintf("is %d bytes, more than the %d a bundle may have", lightproof.MaxBundleBytes+1, lightproof.MaxBundleBytes),
		"evidence", "verify", path, "--trust", "1:"+strings.Repeat("ab", 32))
}

// Trusting another header than the one a bundle starts from is refused,
// naming the first header; so is a header hash of another height.
func TestEvidenceVerifyFromAnotherAnchor(t *testing.T) {
	home := initHome(t)
	path, _, chain := eventBundle(t)
	for trust, want := range map[string]string{
		fmt.Sprintf("2:%X", chain.Blocks[2].Hash()): "light block 0 (height 1): is at height 1, not the trusted height 2",
		fmt.Sprintf("1:%X", chain.Blocks[2].Hash()): "light block 0 (height 1): has hash",
	} {
		requireFails(t, home, want, "evidence", "verify", path, "--trust", trust)
	}
}
