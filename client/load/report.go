package load

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Step names the command gives.
const (
	SweepStep    = "sweep"
	OverloadStep = "overload" // "overload 2x", "overload 4x"
)

// Summary is one system's workload in a report: its peak, how it holds
// past saturation, and its latency at half the saturating rate.
type Summary struct {
	System, Workload string
	// Peak is the highest committed rate of a sweep step — the rate the
	// system saturates at —, reached at offered rate Saturation (which can be
	// well above it: a step past saturation commits no more).
	Peak, Saturation float64
	// HalfP99 and HalfBlock are the p99 latency and block interval of the
	// sweep step offered nearest half the saturating rate (Peak / 2).
	HalfP99, HalfBlock time.Duration
	// Overload is each overload step's committed rate over Peak.
	Overload map[string]float64
	// Lost and Refused add up every step's.
	Lost, Refused, Submitted int
}

// Summarize groups rows by system and workload, in the order they come.
func Summarize(rows []Row) []Summary {
	var out []Summary
	index := map[string]int{}
	for _, r := range rows {
		key := r.System + "/" + r.Workload
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, Summary{System: r.System, Workload: r.Workload, Overload: map[string]float64{}})
		}
		s := &out[i]
		s.Lost += r.Lost
		s.Refused += r.RefusedTotal()
		s.Submitted += r.Submitted
		if r.Step.Name == SweepStep && r.CommittedRate > s.Peak {
			s.Peak, s.Saturation = r.CommittedRate, r.Step.Rate
		}
	}
	for i := range out {
		s := &out[i]
		best := -1.0
		for _, r := range rows {
			if r.System != s.System || r.Workload != s.Workload {
				continue
			}
			if strings.HasPrefix(r.Step.Name, OverloadStep) && s.Peak > 0 {
				s.Overload[r.Step.Name] = r.CommittedRate / s.Peak
			}
			if r.Step.Name == SweepStep {
				if d := abs(r.Step.Rate - s.Peak/2); best < 0 || d < best {
					best, s.HalfP99, s.HalfBlock = d, r.P99, r.BlockInterval
				}
			}
		}
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// WriteMarkdown writes the report: every step, then each workload's
// summary, then medchain's ratios to the baseline system.
func WriteMarkdown(w io.Writer, rows []Row, baseline string) error {
	var b strings.Builder
	b.WriteString("| system | workload | step | offered tx/s | committed tx/s | p50 ms | p95 ms | p99 ms | block ms | submitted | refused | failed in block | pending | lost |\n")
	b.WriteString("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %.0f | %.1f | %s | %s | %s | %s | %d | %d | %d | %d | %d |\n",
			r.System, r.Workload, r.Step.Name, r.Step.Rate, r.CommittedRate, ms(r.P50), ms(r.P95), ms(r.P99), ms(r.BlockInterval),
			r.Submitted, r.RefusedTotal(), r.FailedInBlock, r.Pending, r.Lost)
	}
	sums := Summarize(rows)
	b.WriteString("\n| system | workload | peak committed tx/s | at offered tx/s | p99 at ½ saturation | block at ½ saturation | overload (committed / peak) | refused | lost |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---|---:|---:|\n")
	for _, s := range sums {
		fmt.Fprintf(&b, "| %s | %s | %.1f | %.0f | %s ms | %s ms | %s | %d of %d | %d |\n",
			s.System, s.Workload, s.Peak, s.Saturation, ms(s.HalfP99), ms(s.HalfBlock), overload(s.Overload), s.Refused, s.Submitted, s.Lost)
	}
	var base *Summary
	for i := range sums {
		if sums[i].System == baseline {
			base = &sums[i]
		}
	}
	if base != nil && base.Peak > 0 {
		fmt.Fprintf(&b, "\n| workload | peak committed tx/s over %s's %s |\n|---|---:|\n", baseline, base.Workload)
		for _, s := range sums {
			if s.System != baseline {
				fmt.Fprintf(&b, "| %s %s | %.2f× |\n", s.System, s.Workload, s.Peak/base.Peak)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f", float64(d)/float64(time.Millisecond)) }

func overload(m map[string]float64) string {
	if len(m) == 0 {
		return "–"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %.2f", strings.TrimPrefix(k, OverloadStep+" "), m[k])
	}
	return strings.Join(parts, ", ")
}
