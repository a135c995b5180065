package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/client/load"
)

// writeRun writes rows as one run's CSV, as medchaind load run does.
func writeRun(t *testing.T, file string, rows ...load.Row) {
	t.Helper()
	f, err := os.Create(file)
	require.NoError(t, err)
	require.NoError(t, load.WriteCSV(f, rows))
	require.NoError(t, f.Close())
}

// step is a row of system's workload: offered at rate, committed at
// committed, with the p99 latency p99.
func step(system, workload, name string, rate, committed float64, p99 time.Duration) load.Row {
	n := int(rate * 10)
	return load.Row{System: system, StepResult: load.StepResult{
		Workload: workload, Step: load.Step{Name: name, Rate: rate, Duration: 10 * time.Second},
		Submitted: n, Accepted: n, Committed: int(committed * 10), Lost: n - int(committed*10), CommittedRate: committed,
		P50: p99 / 2, P95: p99 * 9 / 10, P99: p99, BlockInterval: time.Second, Refused: map[string]int{},
	}}
}

// A report of several runs' files is one table in the files' order, each
// workload's peak over the baseline's, and the summary of each workload.
func TestLoadReportOfSeveralRuns(t *testing.T) {
	dir := t.TempDir()
	medchain, kv := filepath.Join(dir, "medchain-anchor.csv"), filepath.Join(dir, "kvstore-kv.csv")
	writeRun(t, medchain,
		step("medchain", "anchor", load.SweepStep, 100, 95, 800*time.Millisecond),
		step("medchain", "anchor", load.SweepStep, 200, 150, 2*time.Second),
		step("medchain", "anchor", load.OverloadStep+" 2x", 400, 75, 9*time.Second))
	writeRun(t, kv, step("kvstore", "kv", load.SweepStep, 300, 300, 700*time.Millisecond))

	out, err := runRoot(t, "load", "report", medchain, kv, "--baseline", "kvstore")
	require.NoError(t, err)
	lines := strings.Split(out, "\n")
	var steps []string
	for _, l := range lines {
		if strings.HasPrefix(l, "| medchain | anchor | ") || strings.HasPrefix(l, "| kvstore | kv | ") {
			steps = append(steps, l)
		}
	}
	require.Len(t, steps, 4+2, "four steps, then two summaries:\n%s", out)
	require.True(t, strings.HasPrefix(steps[0], "| medchain | anchor | sweep | 100 | 95.0 | 400 | 720 | 800 |"), steps[0])
	require.True(t, strings.HasPrefix(steps[3], "| kvstore | kv | sweep | 300 | 300.0 |"), steps[3])
	require.True(t, strings.HasPrefix(steps[4], "| medchain | anchor | 150.0 | 200 | 800 ms |"),
		"peak 150 at 200 tx/s; its half, 100 tx/s, had p99 800 ms: %s", steps[4])
	require.Contains(t, steps[4], "| 2x: 0.50 |", "75 of a 150 peak under overload")
	require.Contains(t, out, "| medchain anchor | 0.50× |", "150 over kvstore's 300")

	out, err = runRoot(t, "load", "report", medchain, "--baseline", "no-such-system")
	require.NoError(t, err)
	require.NotContains(t, out, "×", "no ratio without the baseline's run")
}

// The report refuses, naming the file, what is not a run's CSV, and draws
// nothing then; a plot directory that does not exist is an error too.
func TestLoadReportRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	writeRun(t, good, step("medchain", "anchor", load.SweepStep, 100, 95, time.Second))
	bz, err := os.ReadFile(good)
	require.NoError(t, err)
	header, row, _ := strings.Cut(string(bz), "\n")
	fields := strings.Split(strings.TrimSpace(row), ",")
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	with := func(i int, v string) string {
		f := append([]string(nil), fields...)
		f[i] = v
		return header + "\n" + strings.Join(f, ",") + "\n"
	}
	many := make([]string, maxReportFiles+1)
	for i := range many {
		many[i] = good
	}
	plots := filepath.Join(dir, "plots")
	require.NoError(t, os.Mkdir(plots, 0o700))
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "accepts between 1 and 64 arg(s), received 0"},
		{many, "accepts between 1 and 64 arg(s), received 65"},
		{[]string{good, filepath.Join(dir, "gone.csv")}, "gone.csv: no such file or directory"},
		{[]string{dir}, dir + ": read " + dir + ": is a directory"},
		{[]string{file("empty.csv", "")}, "empty.csv: not a load report"},
		{[]string{file("other.csv", "name,age\nann,4\n")}, "other.csv: not a load report"},
		{[]string{file("short.csv", header+"\nmedchain,anchor\n")}, "short.csv: record on line 2: wrong number of fields"},
		{[]string{file("rate.csv", with(3, "fast"))}, `rate.csv: line 2: offered_tx_s: strconv.ParseFloat: parsing "fast"`},
		{[]string{file("refused.csv", with(7, "3"))}, "refused.csv: line 2: refusals add up to 0, not 3"},
		{[]string{file("reasons.csv", with(18, "oops"))}, `reasons.csv: line 2: refusals: "oops" is not reason=count`},
		{[]string{file("quote.csv", header+"\n\"unterminated\n")}, "quote.csv"},
		{[]string{good, "--plot-dir", filepath.Join(dir, "no", "such", "dir")}, "no such file or directory"},
	} {
		_, err := runRoot(t, append([]string{"load", "report", "--plot-dir", plots}, c.args...)...)
		require.ErrorContains(t, err, c.want, "%v", c.args)
	}
	drawn, err := os.ReadDir(plots)
	require.NoError(t, err)
	require.Empty(t, drawn, "no chart of a refused report")

	out, err := runRoot(t, "load", "report", file("header.csv", header+"\n"))
	require.NoError(t, err, "a run with no step is an empty report")
	require.NotContains(t, out, "| medchain")
}
