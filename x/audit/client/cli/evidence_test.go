package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
)

// audit evidence refuses a patient or a range it cannot read before it
// asks a node, and writes no bundle file when it fails for any reason.
func TestEvidenceRefusals(t *testing.T) {
	patient := testutil.Addr("patient-1").String()
	down := []string{"--node", "tcp://127.0.0.1:1"}
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"no patient":          {down, `"patient" not set`},
		"a malformed patient": {append([]string{"--patient", "patient-1"}, down...), "--patient: decoding bech32 failed"},
		"--from not RFC 3339": {append([]string{"--patient", patient, "--from", "yesterday"}, down...), `--from: parsing time "yesterday"`},
		"--to without a time": {append([]string{"--patient", patient, "--to", "2026-06-01"}, down...), "--to: parsing time"},
		"an argument":         {append([]string{"med1x", "--patient", patient}, down...), `unknown command "med1x"`},
		"a node that is down": {append([]string{"--patient", patient}, down...), "connection refused"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bundle.json")
			_, err := testutil.RunCmd(Cmd(), append([]string{"evidence", "--out", path}, tc.args...)...)
			require.ErrorContains(t, err, tc.want)
			_, err = os.Stat(path)
			require.ErrorIs(t, err, os.ErrNotExist, "no bundle is written")
		})
	}
}
