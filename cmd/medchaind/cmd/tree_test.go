package cmd_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/cmd/medchaind/cmd"
)

// find walks the command tree along path, as a user types it.
func find(t *testing.T, root *cobra.Command, path ...string) *cobra.Command {
	t.Helper()
	c, rest, err := root.Find(path)
	require.NoError(t, err, strings.Join(path, " "))
	require.Empty(t, rest, "%s: no such command", strings.Join(path, " "))
	require.Equal(t, path[len(path)-1], c.Name(), strings.Join(path, " "))
	return c
}

// Every command the README and the module READMEs show exists where they
// say, with the arguments they show.
func TestCommandTreeMatchesTheDocs(t *testing.T) {
	root := cmd.NewRootCmd()
	for _, path := range [][]string{
		{"init"}, {"start"}, {"export"}, {"status"}, {"keys", "add"},
		{"genesis", "add-member"}, {"genesis", "add-genesis-account"}, {"genesis", "validate"},
		{"records", "id"}, {"records", "hash"}, {"records", "verify"}, {"records", "batch", "build"}, {"records", "batch", "verify"},
		{"consent", "export"}, {"audit", "export"},
		{"patient", "hd-path"}, {"patient", "address"}, {"patient", "records"},
		{"query", "consortium", "members"}, {"query", "consortium", "agents"}, {"query", "consortium", "invitations"},
		{"query", "consortium", "validators"}, {"query", "records", "record"}, {"query", "records", "by-patient"},
		{"query", "consent", "check"}, {"query", "consent", "by-patient"}, {"query", "audit", "by-patient"},
		{"query", "audit", "emergency"}, {"query", "tx"},
		{"tx", "consortium", "add-agent"}, {"tx", "consortium", "accept-agent"}, {"tx", "consortium", "remove-agent"},
		{"tx", "records", "anchor"}, {"tx", "records", "amend"}, {"tx", "records", "anchor-batch"},
		{"tx", "consent", "grant"}, {"tx", "consent", "revoke"},
		{"tx", "audit", "request"}, {"tx", "audit", "break-glass"}, {"tx", "bank", "send"}, {"tx", "feegrant", "grant"},
		// The operator's standard commands (docs/operators.md).
		{"version"}, {"prune"}, {"snapshots", "list"}, {"snapshots", "export"}, {"snapshots", "restore"},
		{"snapshots", "load"}, {"config", "get"}, {"config", "set"}, {"config", "migrate"}, {"config", "diff"},
		{"debug", "pubkey-raw"}, {"debug", "addr"}, {"signer"},
		// Patients in the loop, and patient identities (README).
		{"tx", "consent", "request"}, {"tx", "consent", "approve"}, {"tx", "consent", "decline"}, {"tx", "consent", "withdraw"},
		{"query", "consent", "request"}, {"query", "consent", "requests-to"}, {"query", "consent", "requests-from"}, {"watch"},
		{"tx", "consortium", "rotate-key"}, {"tx", "consortium", "set-guardians"}, {"tx", "consortium", "start-recovery"},
		{"tx", "consortium", "approve-recovery"}, {"tx", "consortium", "cancel-recovery"}, {"tx", "consortium", "as-patient"},
		{"query", "consortium", "identity"},
		// Regulators verify (docs/regulators.md).
		{"query", "verify", "record"}, {"query", "verify", "grant"}, {"query", "verify", "request"}, {"query", "verify", "event"},
		{"audit", "evidence"}, {"records", "evidence"}, {"evidence", "verify"},
	} {
		find(t, root, path...)
	}
	// Arguments as the docs use them.
	require.Equal(t, "break-glass [patient] [custodian] [record-id] [reason]", find(t, root, "tx", "audit", "break-glass").Use)
	require.Equal(t, "accept-agent [member]", find(t, root, "tx", "consortium", "accept-agent").Use)
	require.Equal(t, "record [custodian] [record-id]", find(t, root, "query", "records", "record").Use)
	for _, flag := range []string{"custodian", "record-id", "category"} {
		require.NotNil(t, find(t, root, "tx", "audit", "request").Flags().Lookup(flag), "tx audit request --%s", flag)
	}
	require.NotNil(t, find(t, root, "tx", "audit", "break-glass").Flags().Lookup("note-hash"))
	require.NotNil(t, find(t, root, "tx", "consent", "grant").Flags().Lookup("records"))
	require.Equal(t, "set-guardians [threshold] [delay] [guardian]...", find(t, root, "tx", "consortium", "set-guardians").Use)
	for _, flag := range []string{"trust", "genesis"} {
		require.NotNil(t, find(t, root, "evidence", "verify").Flags().Lookup(flag), "evidence verify --%s", flag)
		require.NotNil(t, find(t, root, "query", "verify", "event").Flags().Lookup(flag), "query verify event --%s", flag)
	}
	for _, flag := range []string{"patient", "from", "to", "trust-height", "out", "node"} {
		require.NotNil(t, find(t, root, "audit", "evidence").Flags().Lookup(flag), "audit evidence --%s", flag)
	}
	for _, flag := range []string{"patient", "accessor", "member", "from-height", "to-height", "poll", "node"} {
		require.NotNil(t, find(t, root, "watch").Flags().Lookup(flag), "watch --%s", flag)
	}
	for _, flag := range []string{"for", "reason", "categories", "records", "purposes"} {
		require.NotNil(t, find(t, root, "tx", "consent", "request").Flags().Lookup(flag), "tx consent request --%s", flag)
	}
	require.NotNil(t, find(t, root, "records", "verify").Flags().Lookup("custodian"))
	require.NotNil(t, find(t, root, "start").Flags().Lookup(cmd.FlagUnsafeUnfilteredPeers))
}

// run executes medchaind with args and returns its combined output.
func run(t *testing.T, home string, args ...string) (string, error) {
	t.Helper()
	return runWithContext(context.Background(), home, args...)
}

// A node whose config.toml turns the peer filter off refuses to start, and
// says how to fix it; it never opens its ports.
func TestStartRefusesAnUnfilteredNode(t *testing.T) {
	home := initHome(t)
	cfgFile := filepath.Join(home, "config", "config.toml")
	bz, err := os.ReadFile(cfgFile)
	require.NoError(t, err)
	require.Contains(t, string(bz), "filter_peers = true")
	require.NoError(t, os.WriteFile(cfgFile, bytes.Replace(bz, []byte("filter_peers = true"), []byte("filter_peers = false"), 1), 0o600))

	_, err = run(t, home, "start", "--home", home)
	require.ErrorContains(t, err, "filter_peers = false")
	require.ErrorContains(t, err, "--"+cmd.FlagUnsafeUnfilteredPeers)
	_, statErr := os.Stat(filepath.Join(home, "data", "application.db"))
	require.True(t, os.IsNotExist(statErr), "the refused node opened no database")
}

// An operator's first genesis: the default one names no member and is
// refused with the command that fixes it; after add-member with the node's
// own consensus key it validates.
func TestGenesisNeedsAMemberWithAConsensusKey(t *testing.T) {
	home := initHome(t)
	out, err := run(t, home, "genesis", "validate", "--home", home)
	require.Error(t, err, out)
	require.ErrorContains(t, err, "add-member")

	addr := "med1q6saqhwam6dhrmuqjxpphvh90h0jaaahp9yuqs"
	out, err = run(t, home, "genesis", "add-member", "Hospital X", addr, "--roles", "hospital,emergency",
		"--pubkey-file", filepath.Join(home, "config", "priv_validator_key.json"), "--home", home)
	require.NoError(t, err, out)
	out, err = run(t, home, "genesis", "validate", "--home", home)
	require.NoError(t, err, out)

	out, err = run(t, home, "genesis", "add-member", "Hospital X again", addr, "--roles", "hospital", "--home", home)
	require.Error(t, err, "one operator is one member: %s", out)
}
