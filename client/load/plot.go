package load

import (
	"fmt"
	"math"
	"sort"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Plot writes two PNG charts of rows: p99 (and p50) latency against
// offered load, and committed against offered load, one line per system
// and workload.
func Plot(rows []Row, latencyPNG, throughputPNG string) error {
	series := map[string][]Row{}
	var names []string
	for _, r := range rows {
		key := r.System + " " + r.Workload
		if _, ok := series[key]; !ok {
			names = append(names, key)
		}
		series[key] = append(series[key], r)
	}
	lat := plot.New()
	lat.Title.Text = "Latency from submission to commit"
	lat.X.Label.Text = "offered tx/s (log scale)"
	lat.Y.Label.Text = "ms (log scale)"
	lat.Y.Scale = plot.LogScale{}
	lat.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	thr := plot.New()
	thr.Title.Text = "Committed against offered load"
	thr.X.Label.Text = "offered tx/s (log scale)"
	thr.Y.Label.Text = "committed tx/s (log scale)"
	var latLines, thrLines []any
	for _, name := range names {
		rs := series[name]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Step.Rate < rs[j].Step.Rate })
		p50, p99, committed := make(plotter.XYs, 0, len(rs)), make(plotter.XYs, 0, len(rs)), make(plotter.XYs, 0, len(rs))
		for _, r := range rs {
			if r.CommittedRate > 0 { // nor has a log scale a zero rate
				committed = append(committed, plotter.XY{X: r.Step.Rate, Y: r.CommittedRate})
			}
			if r.Committed > 0 { // a log scale has no zero
				p50 = append(p50, plotter.XY{X: r.Step.Rate, Y: max(float64(r.P50)/float64(time.Millisecond), 1)})
				p99 = append(p99, plotter.XY{X: r.Step.Rate, Y: max(float64(r.P99)/float64(time.Millisecond), 1)})
			}
		}
		latLines = append(latLines, name+" p99", p99, name+" p50", p50)
		thrLines = append(thrLines, name, committed)
	}
	if err := plotutil.AddLinePoints(lat, latLines...); err != nil {
		return fmt.Errorf("latency chart: %w", err)
	}
	if err := plotutil.AddLinePoints(thr, thrLines...); err != nil {
		return fmt.Errorf("throughput chart: %w", err)
	}
	// A log axis needs a positive range, also when no step committed
	// anything or every latency is under a millisecond.
	lat.Y.Min, lat.Y.Max = logRange(1, lat.Y.Max)
	// Offered rates span decades (tens for medchain, thousands for kvstore).
	for _, p := range []*plot.Plot{lat, thr} {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
		p.X.Min, p.X.Max = logRange(p.X.Min, p.X.Max)
		p.Legend.Top, p.Legend.Left = true, true
	}
	thr.Y.Scale, thr.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	thr.Y.Min, thr.Y.Max = logRange(thr.Y.Min, thr.Y.Max)
	if err := lat.Save(8*vg.Inch, 5*vg.Inch, latencyPNG); err != nil {
		return err
	}
	return thr.Save(8*vg.Inch, 5*vg.Inch, throughputPNG)
}

// logRange is an axis range a log scale can draw: from lo (at least 1) to
// hi (at least ten times lo), also when a chart has no point (an empty
// range runs from +Inf to -Inf).
func logRange(lo, hi float64) (float64, float64) {
	if math.IsInf(lo, 0) || math.IsNaN(lo) || lo < 1 {
		lo = 1
	}
	if math.IsInf(hi, 0) || math.IsNaN(hi) || hi < 10*lo {
		hi = 10 * lo
	}
	return lo, hi
}
