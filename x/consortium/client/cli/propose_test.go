package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/client/cli"
	"github.com/medchain/medchain/x/consortium/types"
)

// generateOnly runs cmd with args, --generate-only, and returns what it
// printed (the unsigned transaction's JSON).
func generateOnly(t *testing.T, cmd *cobra.Command, from string, args ...string) (string, error) {
	t.Helper()
	enc := app.MakeEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	upgradetypes.RegisterInterfaces(enc.InterfaceRegistry)
	var out bytes.Buffer
	clientCtx := client.Context{}.WithCodec(enc.Codec).WithInterfaceRegistry(enc.InterfaceRegistry).
		WithTxConfig(enc.TxConfig).WithChainID("medchain-test").WithHomeDir(t.TempDir()).WithOutput(&out)
	ctx := context.WithValue(context.Background(), client.ClientContextKey, &clientCtx)
	ctx = context.WithValue(ctx, server.ServerContextKey, server.NewDefaultContext())
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(append(args, "--from", from, "--generate-only", "--chain-id", "medchain-test"))
	err := cmd.ExecuteContext(ctx)
	return out.String(), err
}

// propose runs `tx consortium propose ARGS --generate-only` from proposer
// and returns the one proposal the unsigned transaction carries.
func propose(t *testing.T, proposer sdk.AccAddress, args ...string) (*types.MsgSubmitProposal, error) {
	t.Helper()
	out, err := generateOnly(t, cli.ProposeCmd(), proposer.String(), args...)
	if err != nil {
		return nil, err
	}
	enc := app.MakeEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	upgradetypes.RegisterInterfaces(enc.InterfaceRegistry)
	tx, err := enc.TxConfig.TxJSONDecoder()([]byte(out))
	require.NoError(t, err, out)
	msgs := tx.GetMsgs()
	require.Len(t, msgs, 1)
	p, ok := msgs[0].(*types.MsgSubmitProposal)
	require.True(t, ok, "%T", msgs[0])
	return p, nil
}

// Each kind of proposal carries the message it names, with the consortium
// module account as its authority and the proposer as signer.
func TestProposeBuildsAuthorityMessages(t *testing.T) {
	proposer, target := testutil.Addr("op"), testutil.Addr("hospital-e").String()
	for _, tc := range []struct {
		args []string
		want sdk.Msg
	}{
		{[]string{"suspend-member", target}, &types.MsgSuspendMember{Authority: cli.Authority(), Operator: target}},
		{[]string{"reinstate-member", target}, &types.MsgReinstateMember{Authority: cli.Authority(), Operator: target}},
		{[]string{"remove-member", target}, &types.MsgRemoveMember{Authority: cli.Authority(), Operator: target}},
		{[]string{"cancel-upgrade"}, &upgradetypes.MsgCancelUpgrade{Authority: cli.Authority()}},
		{[]string{"software-upgrade", "v2", "--height", "1200"}, &upgradetypes.MsgSoftwareUpgrade{
			Authority: cli.Authority(), Plan: upgradetypes.Plan{Name: "v2", Height: 1200}}},
	} {
		p, err := propose(t, proposer, append(tc.args, "--title", "A change", "--summary", "Why.")...)
		require.NoError(t, err, tc.args)
		require.Equal(t, proposer.String(), p.Proposer)
		require.Equal(t, "A change", p.Title)
		msgs, err := p.GetMsgs()
		require.NoError(t, err)
		require.Len(t, msgs, 1)
		require.Equal(t, tc.want, msgs[0], tc.args)
	}
}

// A proposal read from a file keeps every message in order; a malformed
// file, a missing title, a blank one or an invalid carried message is
// refused before anything is signed.
func TestProposeRefusesBeforeSigning(t *testing.T) {
	proposer, target := testutil.Addr("op"), testutil.Addr("hospital-e").String()
	file := filepath.Join(t.TempDir(), "msgs.json")
	require.NoError(t, os.WriteFile(file, []byte(`[
		{"@type": "/medchain.consortium.v1.MsgSuspendMember", "authority": "`+cli.Authority()+`", "operator": "`+target+`"},
		{"@type": "/medchain.consortium.v1.MsgReinstateMember", "authority": "`+cli.Authority()+`", "operator": "`+target+`"}]`), 0o600))
	p, err := propose(t, proposer, "messages", file, "--title", "Suspend, then reinstate")
	require.NoError(t, err)
	require.Len(t, p.Messages, 2)
	require.Equal(t, "/medchain.consortium.v1.MsgReinstateMember", p.Messages[1].TypeUrl)

	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"@type": "/medchain.consortium.v1.MsgSuspendMember"}`), 0o600))
	_, err = propose(t, proposer, "messages", bad, "--title", "Not an array")
	require.ErrorContains(t, err, "want a JSON array of messages")

	_, err = propose(t, proposer, "suspend-member", target)
	require.ErrorContains(t, err, `"title" not set`)
	_, err = propose(t, proposer, "suspend-member", target, "--title", "   ")
	testutil.RequireCode(t, err, types.ErrInvalidProposal)
	_, err = propose(t, proposer, "suspend-member", "not-an-address", "--title", "Bad target")
	testutil.RequireCode(t, err, types.ErrInvalidAddress)
	_, err = propose(t, proposer, "software-upgrade", "v2", "--height", "0", "--title", "No height")
	require.Error(t, err, "an upgrade plan needs a height")
	_, err = propose(t, proposer, "admit-member", "Hospital E", target, "--roles", "surgeon", "--title", "Unknown role")
	require.ErrorContains(t, err, "unknown role")
}
