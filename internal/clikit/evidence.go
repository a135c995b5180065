package clikit

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/lightproof"
)

// Prover adds the values a command proves to a bundle's builder.
type Prover func(ctx context.Context, b *lightproof.Builder) error

// Prove is a builder on the command's node (--node) holding the values
// prove adds.
func Prove(cmd *cobra.Command, prove Prover) (*lightproof.Builder, error) {
	b, err := lightproof.ClientBuilder(cmd)
	if err != nil {
		return nil, err
	}
	if err := prove(cmd.Context(), b); err != nil {
		return nil, err
	}
	return b, nil
}

// EvidenceCmd makes cmd write an evidence bundle, from --trust-height to
// --out (see lightproof.AddBundleFlags): check reads the command's arguments
// and flags and says what the bundle is about (its subject) and which values
// prove it. Nothing is asked of the node when check fails.
func EvidenceCmd(cmd *cobra.Command, check func(cmd *cobra.Command, args []string) (map[string]string, Prover, error)) *cobra.Command {
	cmd.SilenceUsage = true
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		subject, prove, err := check(cmd, args)
		if err != nil {
			return err
		}
		b, err := Prove(cmd, prove)
		if err != nil {
			return err
		}
		return lightproof.WriteBundle(cmd.Context(), cmd, b, subject)
	}
	lightproof.AddBundleFlags(cmd)
	return cmd
}
