package load

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// step is a report row of system's workload: offered rate, committed rate
// and p99 (ms); block interval ten times the p99 (to tell the two apart).
func step(system, workload, name string, offered, committed float64, p99 int) Row {
	d := time.Duration(p99) * time.Millisecond
	return Row{System: system, StepResult: StepResult{
		Workload: workload, Step: Step{Name: name, Rate: offered, Duration: 20 * time.Second},
		Submitted: int(offered * 20), Accepted: int(offered * 20), Committed: int(committed * 20),
		CommittedRate: committed, P50: d / 2, P95: d, P99: d, BlockInterval: 10 * d,
		Refused: map[string]int{},
	}}
}

// sweepRows is medchain's send: saturating at 400 offered (310 committed),
// and an overload step that commits more than any sweep step did.
func sweepRows() []Row {
	rows := []Row{
		step("medchain", "send", SweepStep, 100, 99, 900),
		step("medchain", "send", SweepStep, 200, 190, 1100),
		step("medchain", "send", SweepStep, 400, 310, 2500),
		step("medchain", "send", SweepStep, 800, 300, 9000),
		step("medchain", "send", OverloadStep+" 2x", 800, 350, 9500),
		step("medchain", "send", OverloadStep+" 4x", 1600, 155, 12000),
	}
	rows[1].Refused = map[string]int{"mempool is full": 4}
	rows[3].Lost, rows[3].Refused = 7, map[string]int{"mempool is full": 30, "rpc: timeout": 2}
	rows[5].Lost = 1
	return rows
}

func TestSummarizePicksThePeakAmongSweepSteps(t *testing.T) {
	rows := sweepRows()
	sums := Summarize(rows)
	require.Len(t, sums, 1)
	s := sums[0]
	require.Equal(t, "medchain", s.System)
	require.Equal(t, "send", s.Workload)
	require.Equal(t, 310.0, s.Peak, "the overload step's 350 is not a sweep step's")
	require.Equal(t, 400.0, s.Saturation)
	// Half the saturating rate is 200: that step's latency and blocks.
	require.Equal(t, rows[1].P99, s.HalfP99)
	require.Equal(t, rows[1].BlockInterval, s.HalfBlock)
	require.Len(t, s.Overload, 2)
	require.InDelta(t, 350.0/310, s.Overload[OverloadStep+" 2x"], 1e-12)
	require.InDelta(t, 155.0/310, s.Overload[OverloadStep+" 4x"], 1e-12)

	lost, refused, submitted := 0, 0, 0
	for _, r := range rows {
		lost, refused, submitted = lost+r.Lost, refused+r.RefusedTotal(), submitted+r.Submitted
	}
	require.Equal(t, lost, s.Lost)
	require.Equal(t, refused, s.Refused)
	require.Equal(t, submitted, s.Submitted)
	require.Equal(t, 8, s.Lost)
	require.Equal(t, 36, s.Refused)
}

func TestSummarizeIsIndependentOfTheRowsOrder(t *testing.T) {
	rows := sweepRows()
	reversed := make([]Row, len(rows))
	for i, r := range rows {
		reversed[len(rows)-1-i] = r
	}
	require.Equal(t, Summarize(rows), Summarize(reversed))
}

func TestSummarizeTakesTheSweepStepNearestHalfSaturation(t *testing.T) {
	rows := []Row{
		step("kvstore", "kv", SweepStep, 100, 100, 10),
		step("kvstore", "kv", SweepStep, 300, 300, 30),
		step("kvstore", "kv", SweepStep, 1000, 900, 80),
		// An overload step offered exactly half: not a sweep step.
		step("kvstore", "kv", OverloadStep+" 0.5x", 450, 450, 5),
	}
	s := Summarize(rows)[0]
	require.Equal(t, 1000.0, s.Saturation)
	require.Equal(t, 30*time.Millisecond, s.HalfP99, "300 is nearer 500 than 100 or 1000 are")
	require.Equal(t, 300*time.Millisecond, s.HalfBlock)

	// The step above half can be the nearer one too.
	rows = []Row{
		step("kvstore", "kv", SweepStep, 100, 100, 10),
		step("kvstore", "kv", SweepStep, 600, 600, 60),
		step("kvstore", "kv", SweepStep, 1000, 900, 80),
	}
	require.Equal(t, 60*time.Millisecond, Summarize(rows)[0].HalfP99)

	// Half of what the system commits at saturation, not of what was offered
	// then: saturated at ~115 tx/s (offered 160), half is ~58, nearer 40 than 80.
	rows = []Row{
		step("medchain", "anchor", SweepStep, 40, 40, 1000),
		step("medchain", "anchor", SweepStep, 80, 80, 2000),
		step("medchain", "anchor", SweepStep, 120, 113, 8000),
		step("medchain", "anchor", SweepStep, 160, 115, 9700),
	}
	s = Summarize(rows)[0]
	require.Equal(t, 115.0, s.Peak)
	require.Equal(t, 160.0, s.Saturation)
	require.Equal(t, time.Second, s.HalfP99)
}

func TestSummarizeGroupsBySystemAndWorkloadInOrder(t *testing.T) {
	rows := []Row{
		step("medchain", "anchor", SweepStep, 100, 90, 1000),
		step("kvstore", "kv", SweepStep, 100, 100, 100),
		step("medchain", "send", SweepStep, 100, 95, 1000),
		step("medchain", "anchor", SweepStep, 200, 150, 2000),
		step("kvstore", "anchor", SweepStep, 200, 200, 200), // same workload, another system
	}
	sums := Summarize(rows)
	require.Len(t, sums, 4)
	var keys []string
	for _, s := range sums {
		keys = append(keys, s.System+"/"+s.Workload)
	}
	require.Equal(t, []string{"medchain/anchor", "kvstore/kv", "medchain/send", "kvstore/anchor"}, keys)
	require.Equal(t, 150.0, sums[0].Peak)
	require.Equal(t, 200.0, sums[0].Saturation)
	require.Equal(t, 200.0, sums[3].Peak)
	require.Equal(t, rows[0].Submitted+rows[3].Submitted, sums[0].Submitted)
}

func TestSummarizeWithoutSweep(t *testing.T) {
	rows := []Row{step("medchain", "grant", OverloadStep+" 2x", 500, 100, 3000)}
	s := Summarize(rows)[0]
	require.Zero(t, s.Peak)
	require.Zero(t, s.Saturation)
	require.Empty(t, s.Overload, "no peak to compare with")
	require.Zero(t, s.HalfP99)

	// Nothing committed in any sweep step: no peak either.
	rows = []Row{step("medchain", "grant", SweepStep, 100, 0, 0), step("medchain", "grant", OverloadStep+" 2x", 200, 0, 0)}
	s = Summarize(rows)[0]
	require.Zero(t, s.Peak)
	require.Empty(t, s.Overload)
	require.Empty(t, Summarize(nil))
}

func markdown(t *testing.T, rows []Row, baseline string) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, WriteMarkdown(&b, rows, baseline))
	return b.String()
}

// tableLines are the markdown's table lines whose first cell is first.
func tableLines(md, first string) []string {
	var out []string
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| "+first+" |") {
			out = append(out, l)
		}
	}
	return out
}

func TestWriteMarkdown(t *testing.T) {
	rows := append(sweepRows(),
		step("kvstore", "kv", SweepStep, 500, 500, 200),
		step("kvstore", "kv", SweepStep, 1000, 620, 400),
	)
	md := markdown(t, rows, "kvstore")

	// Every step, then a summary of each workload.
	require.Len(t, tableLines(md, "medchain"), len(sweepRows())+1)
	require.Len(t, tableLines(md, "kvstore"), 2+1)
	require.Contains(t, md, "| medchain | send | overload 2x | 800 | 350.0 | 4750 | 9500 | 9500 | 95000 | 16000 | 0 | 0 | 0 | 0 |")
	require.Contains(t, md, "| medchain | send | sweep | 800 | 300.0 | 4500 | 9000 | 9000 | 90000 | 16000 | 32 | 0 | 0 | 7 |")

	// medchain's summary: peak 310 at 400 offered, p99 and blocks at 200
	// offered, both overload ratios, its refusals of its submissions.
	sum := tableLines(md, "medchain")[len(sweepRows())]
	require.Contains(t, sum, "| 310.0 | 400 | 1100 ms | 11000 ms |")
	require.Contains(t, sum, fmt.Sprintf("2x: %.2f, 4x: %.2f", 350.0/310, 155.0/310))
	submitted := 0
	for _, r := range sweepRows() {
		submitted += r.Submitted
	}
	require.Contains(t, sum, fmt.Sprintf("| 36 of %d | 8 |", submitted))
	require.Contains(t, tableLines(md, "kvstore")[2], "| – |", "no overload step")

	// The ratio to the baseline's peak.
	require.Contains(t, md, "over kvstore's kv")
	require.Contains(t, md, fmt.Sprintf("| medchain send | %.2f× |", 310.0/620))
	require.NotContains(t, md, "| kvstore kv |", "the baseline is not compared with itself")
}

func TestWriteMarkdownWithoutBaseline(t *testing.T) {
	md := markdown(t, sweepRows(), "kvstore")
	require.NotContains(t, md, "over kvstore")
	require.NotContains(t, md, "×")
	require.Len(t, tableLines(md, "medchain"), len(sweepRows())+1)

	// A baseline that committed nothing has no ratio either.
	rows := append(sweepRows(), step("kvstore", "kv", SweepStep, 500, 0, 0))
	md = markdown(t, rows, "kvstore")
	require.NotContains(t, md, "over kvstore")
	require.NotContains(t, md, "Inf")

	// Nor when no baseline is named.
	rows = append(sweepRows(), step("kvstore", "kv", SweepStep, 500, 500, 100))
	require.NotContains(t, markdown(t, rows, ""), "×")
}

func TestWriteMarkdownReportsAWriteError(t *testing.T) {
	require.ErrorIs(t, WriteMarkdown(failingWriter{}, sweepRows(), "kvstore"), errDiskFull)
}
