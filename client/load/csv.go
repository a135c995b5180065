package load

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Row is one step of one system's run, as a report line.
type Row struct {
	System string // "medchain", "kvstore"
	StepResult
}

var header = []string{
	"system", "workload", "step", "offered_tx_s", "duration_s", "submitted", "accepted", "refused", "behind",
	"committed", "failed_in_block", "pending", "lost", "committed_tx_s", "p50_ms", "p95_ms", "p99_ms", "block_ms", "refusals",
}

// WriteRecords is what files.Create calls to write CSV records.
func WriteRecords(records [][]string) func(io.Writer) error {
	return func(w io.Writer) error { return csv.NewWriter(w).WriteAll(records) }
}

// WriteCSV writes rows with a header.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r.fields()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (r Row) fields() []string {
	ms := func(d time.Duration) string {
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64)
	}
	return []string{
		r.System, r.Workload, r.Step.Name, strconv.FormatFloat(r.Step.Rate, 'f', 0, 64), strconv.FormatFloat(r.Step.Duration.Seconds(), 'f', 0, 64),
		strconv.Itoa(r.Submitted), strconv.Itoa(r.Accepted), strconv.Itoa(r.RefusedTotal()), strconv.Itoa(r.Behind),
		strconv.Itoa(r.Committed), strconv.Itoa(r.FailedInBlock), strconv.Itoa(r.Pending), strconv.Itoa(r.Lost),
		strconv.FormatFloat(r.CommittedRate, 'f', 1, 64), ms(r.P50), ms(r.P95), ms(r.P99), ms(r.BlockInterval), refusals(r.Refused),
	}
}

// refusals is "reason=count; …", the most frequent first.
func refusals(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", strings.NewReplacer(";", ",", "=", ":").Replace(k), m[k])
	}
	return strings.Join(parts, "; ")
}

// ReadCSV reads rows WriteCSV wrote.
func ReadCSV(rd io.Reader) ([]Row, error) {
	recs, err := csv.NewReader(rd).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("not a load report: the header must be %s", strings.Join(header, ","))
	}
	var out []Row
	for i, f := range recs[1:] {
		r, err := parseRow(f)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func parseRow(f []string) (Row, error) {
	var errs []string
	num := func(i int) float64 {
		v, err := strconv.ParseFloat(f[i], 64)
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("%s: %v", header[i], err))
		case math.IsNaN(v) || math.IsInf(v, 0) || v < 0:
			errs = append(errs, fmt.Sprintf("%s: %q must be a finite number, 0 or more", header[i], f[i]))
		}
		return v
	}
	ms := func(i int) time.Duration { return time.Duration(num(i) * float64(time.Millisecond)) }
	r := Row{System: f[0], StepResult: StepResult{
		Workload: f[1], Step: Step{Name: f[2], Rate: num(3), Duration: time.Duration(num(4)) * time.Second},
		Submitted: int(num(5)), Accepted: int(num(6)), Behind: int(num(8)),
		Committed: int(num(9)), FailedInBlock: int(num(10)), Pending: int(num(11)), Lost: int(num(12)),
		CommittedRate: num(13), P50: ms(14), P95: ms(15), P99: ms(16), BlockInterval: ms(17),
		Refused: map[string]int{},
	}}
	for _, part := range strings.Split(f[18], "; ") {
		if part == "" {
			continue
		}
		i := strings.LastIndex(part, "=")
		n, err := strconv.Atoi(part[i+1:])
		if i < 0 || err != nil {
			errs = append(errs, fmt.Sprintf("refusals: %q is not reason=count", part))
			continue
		}
		r.Refused[part[:i]] += n // reasons the writer made alike add up
	}
	if r.RefusedTotal() != int(num(7)) {
		errs = append(errs, fmt.Sprintf("refusals add up to %d, not %s", r.RefusedTotal(), f[7]))
	}
	if len(errs) > 0 {
		return Row{}, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return r, nil
}
