package clikit_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/lightproof"
)

// evidenceCmd is an evidence command whose check refuses the argument
// "bad", and which records whether check and its prover ran.
func evidenceCmd(checked, proved *bool) *cobra.Command {
	return clikit.EvidenceCmd(&cobra.Command{Use: "evidence ID", Args: cobra.ExactArgs(1)},
		func(_ *cobra.Command, args []string) (map[string]string, clikit.Prover, error) {
			*checked = true
			if args[0] == "bad" {
				return nil, nil, errors.New("id: not a record id")
			}
			return map[string]string{"id": args[0]}, func(context.Context, *lightproof.Builder) error {
				*proved = true
				return nil
			}, nil
		})
}

// An evidence command takes the bundle flags, and a usage error is not
// answered with the whole usage text.
func TestEvidenceCmdFlags(t *testing.T) {
	var checked, proved bool
	cmd := evidenceCmd(&checked, &proved)
	for _, f := range []string{lightproof.FlagOut, lightproof.FlagTrustHeight, "node"} {
		require.NotNil(t, cmd.Flags().Lookup(f), f)
	}
	require.True(t, cmd.SilenceUsage)
	out, err := execute(t, cmd)
	require.ErrorContains(t, err, "accepts 1 arg(s)")
	require.False(t, checked, "arguments are counted before check")
	require.NotContains(t, out, "Usage:")
}

// What check refuses stops the command before any node is asked; with no
// node to ask (none given, one of no URL, one that is down) nothing is
// proven. Either way no bundle file is written.
func TestEvidenceCmdRefusals(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"check refuses":       {[]string{"bad", "--node", "tcp://127.0.0.1:1"}, "id: not a record id"},
		"no --node":           {[]string{"r1"}, ""},
		"a --node of no URL":  {[]string{"r1", "--node", badNode}, ""},
		"a node that is down": {[]string{"r1", "--node", "tcp://127.0.0.1:1"}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			var checked, proved bool
			out := filepath.Join(t.TempDir(), "bundle.json")
			_, err := execute(t, evidenceCmd(&checked, &proved), append(tc.args, "--out", out)...)
			require.Error(t, err)
			if tc.want != "" {
				require.EqualError(t, err, tc.want)
			}
			require.True(t, checked, "check runs before the node is asked")
			require.False(t, proved, "no value is added without a builder")
			_, err = os.Stat(out)
			require.ErrorIs(t, err, os.ErrNotExist)
		})
	}
}

// Prove hands back no builder when there is no node, without calling the
// prover.
func TestProveNeedsANode(t *testing.T) {
	var proved bool
	cmd := &cobra.Command{Use: "verify", RunE: func(cmd *cobra.Command, _ []string) error {
		b, err := clikit.Prove(cmd, func(context.Context, *lightproof.Builder) error {
			proved = true
			return nil
		})
		require.Nil(t, b)
		return err
	}}
	lightproof.AddBundleFlags(cmd)
	_, err := execute(t, cmd)
	require.Error(t, err)
	require.False(t, proved)
}
