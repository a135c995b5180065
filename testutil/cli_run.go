package testutil

import (
	"bytes"

	"github.com/spf13/cobra"
)

// RunCmd runs cmd with args, in the context set on it (if any), and returns
// what it printed (standard output and standard error together) and its
// error.
func RunCmd(cmd *cobra.Command, args ...string) (string, error) {
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}
