package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// reportRows are two systems' steps, with refusals of several kinds, some
// with the characters the refusals column uses as separators.
func reportRows() []Row {
	return []Row{
		{System: "medchain", StepResult: StepResult{
			Workload: "anchor", Step: Step{Name: SweepStep, Rate: 400, Duration: 20 * time.Second},
			Submitted: 8000, Accepted: 7900, Behind: 3,
			Refused: map[string]int{
				"mempool is full":                    60,
				"sdk 32: incorrect account sequence": 30,
				"rpc: timeout; retry later":          6,
				"records 7: uri=bad":                 4,
			},
			Committed: 7800, FailedInBlock: 50, Pending: 10, Lost: 40,
			CommittedRate: 385.5, P50: 1200 * time.Millisecond, P95: 2300 * time.Millisecond, P99: 3100*time.Millisecond + 400*time.Microsecond,
			BlockInterval: 1050 * time.Millisecond,
		}},
		{System: "medchain", StepResult: StepResult{
			Workload: "anchor", Step: Step{Name: OverloadStep + " 2x", Rate: 800, Duration: 20 * time.Second},
			Submitted: 16000, Accepted: 16000, Refused: map[string]int{},
			Committed: 16000, CommittedRate: 390, P50: time.Second, P95: 2 * time.Second, P99: 3 * time.Second, BlockInterval: time.Second,
		}},
		{System: "kvstore", StepResult: StepResult{
			Workload: "kv", Step: Step{Name: SweepStep, Rate: 1000, Duration: 10 * time.Second},
			Submitted: 10000, Accepted: 9998, Refused: map[string]int{"rpc: connection refused": 1, "= ;odd": 1},
			Committed: 9998, CommittedRate: 999.9, P50: 500 * time.Millisecond, P95: 900 * time.Millisecond, P99: 990 * time.Millisecond,
			BlockInterval: 500 * time.Millisecond,
		}},
	}
}

func writeCSV(t *testing.T, rows []Row) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, WriteCSV(&b, rows))
	return b.String()
}

func TestCSVRoundTrip(t *testing.T) {
	rows := reportRows()
	out := writeCSV(t, rows)
	got, err := ReadCSV(strings.NewReader(out))
	require.NoError(t, err)
	require.Len(t, got, len(rows))
	for i, want := range rows {
		g := got[i]
		require.Equal(t, want.System, g.System, "row %d", i)
		require.Equal(t, want.Workload, g.Workload, "row %d", i)
		require.Equal(t, want.Step, g.Step, "row %d", i)
		require.Equal(t, []int{want.Submitted, want.Accepted, want.Behind, want.Committed, want.FailedInBlock, want.Pending, want.Lost},
			[]int{g.Submitted, g.Accepted, g.Behind, g.Committed, g.FailedInBlock, g.Pending, g.Lost}, "row %d", i)
		require.InDelta(t, want.CommittedRate, g.CommittedRate, 0.05, "row %d", i)
		for k, d := range []time.Duration{want.P50, want.P95, want.P99, want.BlockInterval} {
			e := []time.Duration{g.P50, g.P95, g.P99, g.BlockInterval}[k]
			require.InDelta(t, float64(d), float64(e), float64(50*time.Microsecond), "row %d, duration %d", i, k)
		}
		require.Equal(t, want.RefusedTotal(), g.RefusedTotal(), "row %d", i)
		require.Len(t, g.Refused, len(want.Refused), "row %d: no two kinds merged", i)
		for reason, n := range want.Refused {
			if !strings.ContainsAny(reason, ";=") {
				require.Equal(t, n, g.Refused[reason], "row %d: %q kept as it was", i, reason)
			}
		}
		for reason := range g.Refused {
			require.False(t, strings.ContainsAny(reason, ";="), "row %d: %q", i, reason)
		}
	}
	// What was read writes the same file again.
	require.Equal(t, out, writeCSV(t, got))
}

func TestCSVColumns(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(writeCSV(t, reportRows()))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 4, "a header and a line a row")
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	first := recs[1]
	require.Equal(t, "medchain", first[col["system"]])
	require.Equal(t, "20", first[col["duration_s"]])
	require.Equal(t, "400", first[col["offered_tx_s"]])
	require.Equal(t, "100", first[col["refused"]], "every refusal of the row")
	require.Equal(t, "3100.4", first[col["p99_ms"]])
	require.Equal(t, "1050.0", first[col["block_ms"]])
	require.Equal(t, "", recs[2][col["refusals"]], "no refusal, nothing listed")

	// The refusals, the most frequent first.
	parts := strings.Split(first[col["refusals"]], "; ")
	require.Len(t, parts, 4)
	last := -1
	for _, p := range parts {
		n, err := strconv.Atoi(p[strings.LastIndex(p, "=")+1:])
		require.NoError(t, err, p)
		if last >= 0 {
			require.LessOrEqual(t, n, last, "%v", parts)
		}
		last = n
	}
	require.True(t, strings.HasPrefix(parts[0], "mempool is full="))
}

func TestCSVEmptyRows(t *testing.T) {
	out := writeCSV(t, nil)
	require.Equal(t, 1, strings.Count(out, "\n"), "the header alone")
	got, err := ReadCSV(strings.NewReader(out))
	require.NoError(t, err)
	require.Empty(t, got)
}

// Two kinds of refusal that read alike once their separators are replaced
// ("a;b" and "a,b") still make a file ReadCSV reads, with every refusal.
func TestCSVReadsWhatItWroteWhenReasonsCollide(t *testing.T) {
	rows := []Row{{System: "medchain", StepResult: StepResult{
		Workload: "send", Step: Step{Name: SweepStep, Rate: 10, Duration: 10 * time.Second},
		Submitted: 5, Refused: map[string]int{"quota; later": 2, "quota, later": 3},
	}}}
	got, err := ReadCSV(strings.NewReader(writeCSV(t, rows)))
	require.NoError(t, err)
	require.Equal(t, 5, got[0].RefusedTotal())
}

// edit is the CSV of reportRows with one field of its first row changed.
func edit(t *testing.T, column, value string) string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(writeCSV(t, reportRows()))).ReadAll()
	require.NoError(t, err)
	for i, h := range recs[0] {
		if h == column {
			recs[1][i] = value
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	require.NoError(t, w.WriteAll(recs))
	return b.String()
}

func TestReadCSVRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "", []string{"not a load report"}},
		{"another header", "system,workload,step\nmedchain,send,sweep\n", []string{"not a load report", "system,workload,step,offered_tx_s"}},
		{"a header with a column more", strings.Replace(writeCSV(t, nil), "refusals", "refusals,extra", 1), []string{"not a load report"}},
		{"a renamed column", strings.Replace(writeCSV(t, nil), "p99_ms", "p99", 1), []string{"not a load report"}},
		{"not a number", edit(t, "submitted", "many"), []string{"line 2", "submitted", `"many"`}},
		{"a latency not a number", edit(t, "p95_ms", "1.2s"), []string{"line 2", "p95_ms"}},
		{"an empty rate", edit(t, "offered_tx_s", ""), []string{"line 2", "offered_tx_s"}},
		{"a negative rate", edit(t, "offered_tx_s", "-5"), []string{"line 2", "offered_tx_s", `"-5" must be a finite number, 0 or more`}},
		{"a committed rate not a number", edit(t, "committed_tx_s", "NaN"), []string{"line 2", "committed_tx_s", `"NaN" must be a finite number`}},
		{"an infinite latency", edit(t, "p99_ms", "+Inf"), []string{"line 2", "p99_ms", `"+Inf" must be a finite number`}},
		{"a negative latency", edit(t, "p50_ms", "-1.5"), []string{"line 2", "p50_ms"}},
		{"refusals that do not add up", edit(t, "refused", "99"), []string{"line 2", "refusals add up to 100, not 99"}},
		{"a refusal without a count", edit(t, "refusals", "mempool is full"), []string{"line 2", `"mempool is full" is not reason=count`}},
		{"a refusal with a bad count", edit(t, "refusals", "mempool is full=lots"), []string{"line 2", "is not reason=count"}},
		{"a short line", writeCSV(t, nil) + "medchain,send,sweep\n", []string{"wrong number of fields"}},
		{"a broken quote", writeCSV(t, nil) + "\"medchain,send\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := ReadCSV(strings.NewReader(tc.in))
			require.Error(t, err)
			for _, w := range tc.want {
				require.ErrorContains(t, err, w)
			}
			require.Nil(t, rows)
		})
	}
}

func TestReadCSVNamesTheLine(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(writeCSV(t, reportRows()))).ReadAll()
	require.NoError(t, err)
	recs[3][5] = "x" // the third row's submitted
	var b bytes.Buffer
	require.NoError(t, csv.NewWriter(&b).WriteAll(recs))
	_, err = ReadCSV(&b)
	require.ErrorContains(t, err, "line 4: submitted")
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteCSVReportsAWriteError(t *testing.T) {
	require.ErrorIs(t, WriteCSV(failingWriter{}, reportRows()), errDiskFull)
}

// WriteRecords writes CSV records whole and reports a failed write.
func TestWriteRecords(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteRecords([][]string{{"a", "b"}, {"1", "2"}})(&buf))
	require.Equal(t, "a,b\n1,2\n", buf.String())
	require.ErrorIs(t, WriteRecords([][]string{{"a"}})(failingWriter{}), errDiskFull)
}
