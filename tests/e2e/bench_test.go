package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	loadgen "github.com/medchain/medchain/client/load"
)

// The short version of `make bench` tier B: medchaind load run offers
// anchors from agents it enrols, pinned to the four hospitals, at a fixed
// rate, and every transaction it sent is accounted for — all committed
// below saturation, none lost — with latencies from the blocks; the report
// reads its CSV back and draws the charts.
func (n *localnet) testLoadGenerator(t *testing.T) {
	out := t.TempDir()
	homes := make([]string, validators)
	for i := range homes {
		homes[i] = n.nodeHome(i)
	}
	cmd := exec.Command(n.bin, "load", "run", "anchor", "--homes", strings.Join(homes, ","), "--accounts", "8",
		"--rates", "10", "--step", "4s", "--warmup", "1s", "--drain", "30s", "--overload", "", "--out-dir", out)
	cmd.Env = os.Environ()
	stdout, err := cmd.Output()
	require.NoError(t, err, "%s", stdout)
	require.Contains(t, string(stdout), "| medchain | anchor | sweep | 10 |")

	f, err := os.Open(filepath.Join(out, "medchain-anchor.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := loadgen.ReadCSV(f)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	r := rows[0]
	require.Equal(t, 40, r.Submitted, "10 tx/s for 4 s")
	require.Equal(t, r.Submitted, r.Accepted, "refused: %v", r.Refused)
	require.Equal(t, r.Accepted, r.Committed, "every accepted anchor is in a block (failed %d, pending %d, lost %d)", r.FailedInBlock, r.Pending, r.Lost)
	require.Zero(t, r.Lost)
	require.Greater(t, r.CommittedRate, 0.0)
	require.Positive(t, r.P50)
	require.LessOrEqual(t, r.P50, r.P99)

	report := exec.Command(n.bin, "load", "report", filepath.Join(out, "medchain-anchor.csv"), "--baseline", "medchain", "--plot-dir", out)
	stdout, err = report.Output()
	require.NoError(t, err, "%s", stdout)
	require.Regexp(t, `\| medchain \| anchor \| [0-9.]+ \| 10 \|`, string(stdout), "the summary: peak committed at 10 tx/s offered")
	for _, png := range []string{"latency.png", "throughput.png"} {
		bz, err := os.ReadFile(filepath.Join(out, png))
		require.NoError(t, err)
		require.Equal(t, "\x89PNG", string(bz[:4]))
	}
}
