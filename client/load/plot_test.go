package load

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// plotFiles plots rows into a fresh directory and returns the two charts.
func plotFiles(t *testing.T, rows []Row) (latency, throughput []byte) {
	t.Helper()
	dir := t.TempDir()
	lat, thr := filepath.Join(dir, "latency.png"), filepath.Join(dir, "throughput.png")
	var err error
	require.NotPanics(t, func() { err = Plot(rows, lat, thr) })
	require.NoError(t, err)
	latency, err = os.ReadFile(lat)
	require.NoError(t, err)
	throughput, err = os.ReadFile(thr)
	require.NoError(t, err)
	return latency, throughput
}

// requirePNG requires bz to be a PNG image of the charts' size, decodable.
func requirePNG(t *testing.T, bz []byte) {
	t.Helper()
	require.True(t, bytes.HasPrefix(bz, pngMagic), "a PNG file")
	cfg, err := png.DecodeConfig(bytes.NewReader(bz))
	require.NoError(t, err)
	require.Greater(t, cfg.Width, cfg.Height, "8 by 5 inches")
	_, err = png.Decode(bytes.NewReader(bz))
	require.NoError(t, err)
}

func TestPlotTwoSystems(t *testing.T) {
	rows := append(sweepRows(),
		step("kvstore", "kv", SweepStep, 1000, 620, 400),
		step("kvstore", "kv", SweepStep, 500, 500, 200), // out of order
	)
	// A step that committed nothing: no latency point on a log scale.
	rows = append(rows, step("medchain", "send", SweepStep, 3200, 0, 0))
	lat, thr := plotFiles(t, rows)
	requirePNG(t, lat)
	requirePNG(t, thr)
	require.NotEqual(t, lat, thr, "two different charts")
}

// Latencies under a millisecond are drawn at 1 ms, the log scale's floor.
func TestPlotLatencyBelowAMillisecond(t *testing.T) {
	rows := []Row{step("kvstore", "kv", SweepStep, 100, 100, 0), step("kvstore", "kv", SweepStep, 200, 200, 0)}
	rows[0].P50, rows[0].P99 = 300_000, 600_000 // 0.3 ms and 0.6 ms
	lat, thr := plotFiles(t, rows)
	requirePNG(t, lat)
	requirePNG(t, thr)
}

// A workload that committed nothing at all still gets its charts (its
// throughput line at zero), the other system's latency beside it.
func TestPlotASystemThatCommittedNothing(t *testing.T) {
	rows := []Row{
		step("medchain", "grant", SweepStep, 100, 0, 0),
		step("medchain", "grant", SweepStep, 200, 0, 0),
		step("kvstore", "kv", SweepStep, 100, 100, 50),
	}
	lat, thr := plotFiles(t, rows)
	requirePNG(t, lat)
	requirePNG(t, thr)
}

// A run in which nothing committed (every transaction refused, failed or
// lost) is exactly the one whose report must still be made.
func TestPlotARunThatCommittedNothing(t *testing.T) {
	rows := []Row{step("medchain", "grant", SweepStep, 100, 0, 0), step("medchain", "grant", SweepStep, 200, 0, 0)}
	lat, thr := plotFiles(t, rows)
	requirePNG(t, lat)
	requirePNG(t, thr)
}

func TestPlotFailsOnAPathItCannotWrite(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no such directory", "chart.png")
	require.Error(t, Plot(sweepRows(), missing, filepath.Join(dir, "thr.png")))
	require.Error(t, Plot(sweepRows(), filepath.Join(dir, "lat.png"), missing))
	_, err := os.Stat(filepath.Join(dir, "lat.png"))
	require.NoError(t, err, "the first chart was written before the second failed")
}
