// Package clikit holds what medchaind's hand-written commands share: command
// groups, the query and transaction steps every such command starts or ends
// with, paging through a list query, and printing JSON, FHIR bundles and
// evidence bundles.
package clikit

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"
)

// RunE is what cobra runs for a command.
type RunE = func(cmd *cobra.Command, args []string) error

// Group is a command that only holds its subcommands.
func Group(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short}
	cmd.AddCommand(subs...)
	return cmd
}

// Query runs run with the command's query context (--node and the other
// query flags).
func Query(run func(cmd *cobra.Command, clientCtx client.Context, args []string) error) RunE {
	return func(cmd *cobra.Command, args []string) error {
		clientCtx, err := client.GetClientQueryContext(cmd)
		if err != nil {
			return err
		}
		return run(cmd, clientCtx, args)
	}
}

// Tx signs and broadcasts (or, with --generate-only, prints) the message
// build makes with the command's transaction context (--from and the other
// transaction flags). Nothing is signed when build fails.
func Tx(build func(cmd *cobra.Command, clientCtx client.Context, args []string) (sdk.Msg, error)) RunE {
	return func(cmd *cobra.Command, args []string) error {
		clientCtx, err := client.GetClientTxContext(cmd)
		if err != nil {
			return err
		}
		msg, err := build(cmd, clientCtx, args)
		if err != nil {
			return err
		}
		return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
	}
}

// PrintJSON writes v to w as JSON indented by two spaces, and a newline.
func PrintJSON(w io.Writer, v any) error {
	bz, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, string(bz))
	return err
}
