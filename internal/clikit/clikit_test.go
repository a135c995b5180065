package clikit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/clikit"
)

// badNode is a --node no RPC client can be made for.
const badNode = "tcp://[::1"

// execute runs cmd with args and a client context holding a codec and a
// transaction config; it returns what cmd printed.
func execute(t *testing.T, cmd *cobra.Command, args ...string) (string, error) {
	t.Helper()
	enc := moduletestutil.MakeTestEncodingConfig()
	banktypes.RegisterInterfaces(enc.InterfaceRegistry)
	var out bytes.Buffer
	clientCtx := client.Context{}.WithCodec(enc.Codec).WithInterfaceRegistry(enc.InterfaceRegistry).
		WithTxConfig(enc.TxConfig).WithHomeDir(t.TempDir()).WithOutput(&out)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.WithValue(context.Background(), client.ClientContextKey, &clientCtx))
	return out.String(), err
}

// A group only holds its subcommands, which a user reaches through it.
func TestGroup(t *testing.T) {
	var ran []string
	sub := func(name string) *cobra.Command {
		return &cobra.Command{Use: name, RunE: func(*cobra.Command, []string) error { ran = append(ran, name); return nil }}
	}
	g := clikit.Group("records", "Record commands", sub("hash"), clikit.Group("batch", "Batches", sub("build")))
	require.Equal(t, "records", g.Use)
	require.Equal(t, "Record commands", g.Short)
	require.Nil(t, g.RunE, "a group does nothing itself")
	require.Len(t, g.Commands(), 2)

	for _, path := range [][]string{{"hash"}, {"batch", "build"}} {
		_, err := execute(t, g, path...)
		require.NoError(t, err, path)
	}
	require.Equal(t, []string{"hash", "build"}, ran)
	c, rest, err := g.Find([]string{"batch", "build", "x"})
	require.NoError(t, err)
	require.Equal(t, "build", c.Name())
	require.Equal(t, []string{"x"}, rest)
}

// Query hands the command's query context to run, --node included; a
// context that cannot be made stops the command before run.
func TestQuery(t *testing.T) {
	var got client.Context
	var gotArgs []string
	newCmd := func() *cobra.Command {
		cmd := &cobra.Command{Use: "q", RunE: clikit.Query(func(cmd *cobra.Command, clientCtx client.Context, args []string) error {
			got, gotArgs = clientCtx, args
			return nil
		})}
		flags.AddQueryFlagsToCmd(cmd)
		return cmd
	}
	_, err := execute(t, newCmd(), "a", "b", "--node", "tcp://127.0.0.1:1")
	require.NoError(t, err)
	require.Equal(t, "tcp://127.0.0.1:1", got.NodeURI)
	require.NotNil(t, got.Client, "an RPC client on --node")
	require.NotNil(t, got.Codec, "what the command's context holds")
	require.Equal(t, []string{"a", "b"}, gotArgs)

	gotArgs = nil
	_, err = execute(t, newCmd(), "a", "--node", badNode)
	require.Error(t, err)
	require.Nil(t, gotArgs, "run never ran")

	failing := &cobra.Command{Use: "q", RunE: clikit.Query(func(*cobra.Command, client.Context, []string) error {
		return errors.New("no such record")
	})}
	flags.AddQueryFlagsToCmd(failing)
	_, err = execute(t, failing)
	require.EqualError(t, err, "no such record", "run's error is the command's")
}

// Tx signs what build makes with the --from address; with --generate-only
// it prints the unsigned transaction. A build that fails, or a context that
// cannot be made, sends and prints nothing.
func TestTx(t *testing.T) {
	from, to := sdk.AccAddress(bytes.Repeat([]byte{1}, 20)), sdk.AccAddress(bytes.Repeat([]byte{2}, 20))
	var built int
	newCmd := func(fail bool) *cobra.Command {
		cmd := &cobra.Command{Use: "send", Args: cobra.ExactArgs(1), RunE: clikit.Tx(
			func(_ *cobra.Command, clientCtx client.Context, args []string) (sdk.Msg, error) {
				built++
				if fail {
					return nil, errors.New("amount: not a coin")
				}
				amount, err := sdk.ParseCoinsNormalized(args[0])
				return &banktypes.MsgSend{FromAddress: clientCtx.GetFromAddress().String(), ToAddress: to.String(), Amount: amount}, err
			})}
		flags.AddTxFlagsToCmd(cmd)
		return cmd
	}
	offline := []string{"--from", from.String(), "--generate-only", "--chain-id", "medchain-test"}

	out, err := execute(t, newCmd(false), append([]string{"5umed"}, offline...)...)
	require.NoError(t, err, out)
	var unsigned struct {
		Body struct {
			Messages []map[string]any `json:"messages"`
		} `json:"body"`
		Signatures []any `json:"signatures"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &unsigned), out)
	require.Len(t, unsigned.Body.Messages, 1)
	msg := unsigned.Body.Messages[0]
	require.Equal(t, "/cosmos.bank.v1beta1.MsgSend", msg["@type"])
	require.Equal(t, from.String(), msg["from_address"], "the signer is --from")
	require.Equal(t, to.String(), msg["to_address"])
	require.Empty(t, unsigned.Signatures, "--generate-only signs nothing")

	out, err = execute(t, newCmd(true), append([]string{"5umed"}, offline...)...)
	require.EqualError(t, err, "amount: not a coin")
	require.NotContains(t, out, "MsgSend", "nothing printed when build fails")

	built = 0
	out, err = execute(t, newCmd(false), append([]string{"5umed", "--node", badNode}, offline...)...)
	require.Error(t, err)
	require.Zero(t, built, "no message is built without a context")
	require.NotContains(t, out, "MsgSend")
}

// PrintJSON indents by two spaces and ends the line; what cannot be JSON
// prints nothing.
func TestPrintJSON(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, clikit.PrintJSON(&out, map[string]any{"b": []int{1}, "a": "<x>"}))
	require.Equal(t, "{\n  \"a\": \"\\u003cx\\u003e\",\n  \"b\": [\n    1\n  ]\n}\n", out.String())

	out.Reset()
	require.NoError(t, clikit.PrintJSON(&out, []string{}))
	require.Equal(t, "[]\n", out.String(), "an empty list is a list, not null")

	out.Reset()
	require.Error(t, clikit.PrintJSON(&out, map[string]any{"c": make(chan int)}))
	require.Empty(t, out.String())
}
