package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// The README's integrator example, built and run as an integrator would
// against hospital-a's gRPC: it enrols a clinician, anchors a record, the
// patient's app grants, the clinician is allowed, and the audit reads back.
func (n *localnet) testIntegratorExample(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "integrator")
	build := exec.Command("go", "build", "-o", bin, "./examples/integrator")
	build.Dir = repoRoot(t)
	build.Env = os.Environ()
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	out, err = exec.Command(bin, "--grpc", fmt.Sprintf("%s:%d", n.ep[0].host, n.ep[0].grpc), "--home", n.nodeHome(0)).CombinedOutput()
	require.NoError(t, err, string(out))
	m := regexp.MustCompile(`(?s)anchored record ([0-9a-f]{32}) at height \d+ \(tx [0-9A-F]{64}\)\n` +
		`patient granted consent (\d+)\n` +
		`access DECISION_ALLOWED under grant (\d+) \(event (\d+)\)\n` +
		`audit: event (\d+) at height \d+: ACTION_READ by med1\w+ for PURPOSE_TREAT: DECISION_ALLOWED\n$`).FindStringSubmatch(string(out))
	require.NotNil(t, m, string(out))
	require.Equal(t, m[2], m[3], "allowed under the patient's grant")
	require.Equal(t, m[4], m[5], "the audit trail holds the decision's event")
}
