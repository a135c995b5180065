package metrics_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/cosmos/cosmos-sdk/telemetry"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/metrics"
)

// The package's own counters, declared as a module declares its counters.
var (
	plain    = metrics.New("test", "plain")
	labelled = metrics.NewLabelled("test", "labelled", "outcome", "kept", "lost")
)

var (
	telemetryOnce sync.Once
	sink          *telemetry.Metrics //nolint:staticcheck // the SDK's metrics path
	sinkErr       error
)

// startTelemetry starts the telemetry sink as the node's start does (once
// per process: Prometheus collectors register globally) and returns what
// /metrics?format=prometheus would serve.
func startTelemetry(t *testing.T) func() string {
	t.Helper()
	telemetryOnce.Do(func() {
		sink, sinkErr = telemetry.New(telemetry.Config{Enabled: true, PrometheusRetentionTime: 60}) //nolint:staticcheck // as above
	})
	require.NoError(t, sinkErr)
	return func() string {
		res, err := sink.Gather(telemetry.FormatPrometheus) //nolint:staticcheck // as above
		require.NoError(t, err)
		return string(res.Metrics)
	}
}

// Counting before the telemetry sink exists (a test app, a command that is
// not `start`) does nothing and does not fail. It runs first, before any test
// starts the sink.
func TestCountingWithoutTelemetryIsANoOp(t *testing.T) {
	require.NotPanics(t, func() {
		metrics.Declare()
		plain.Inc()
		labelled.IncWith("kept")
	})
}

func TestCountersAreServedAsPrometheusSeries(t *testing.T) {
	gather := startTelemetry(t)
	metrics.Declare()
	out := gather()
	require.Contains(t, out, "medchain_test_plain 0\n", "declared counters are served from the start")
	require.Contains(t, out, `medchain_test_labelled{outcome="kept"} 0`+"\n")
	require.Contains(t, out, `medchain_test_labelled{outcome="lost"} 0`+"\n")

	plain.Inc()
	plain.Inc()
	labelled.IncWith("lost")
	out = gather()
	require.Contains(t, out, "medchain_test_plain 2\n")
	require.Contains(t, out, `medchain_test_labelled{outcome="lost"} 1`+"\n")
	require.Contains(t, out, `medchain_test_labelled{outcome="kept"} 0`+"\n")

	metrics.Declare()
	require.Contains(t, gather(), "medchain_test_plain 2\n", "declaring again keeps the counts")
}

func TestNamesAndValuesListWhatWasDeclared(t *testing.T) {
	require.Equal(t, "medchain_test_plain", plain.Name())
	names := metrics.Names()
	require.Contains(t, names, "medchain_test_plain")
	require.Contains(t, names, "medchain_test_labelled")
	require.True(t, strings.Compare(names[0], names[len(names)-1]) <= 0, "sorted")
	require.Equal(t, []string{"kept", "lost"}, metrics.Values("medchain_test_labelled"))
	require.Nil(t, metrics.Values("medchain_test_plain"), "an unlabelled counter has no values")
	require.Nil(t, metrics.Values("medchain_test_unknown"))
}

// A label value the declaration did not list is counted as "other" (a new
// enum value does not vanish), and never becomes a series of its own: an
// address or a record id passed by mistake cannot reach the metrics.
func TestUndeclaredLabelValueIsCountedAsOther(t *testing.T) {
	gather := startTelemetry(t)
	labelled.IncWith("new-outcome")
	labelled.IncWith("med1qyqszqgpqyqszqgpqyqszqgpqyqszqgp")
	out := gather()
	require.Contains(t, out, `medchain_test_labelled{outcome="other"} 2`+"\n")
	require.NotContains(t, out, "new-outcome")
	require.NotContains(t, out, "med1q")
}

// Declarations from many goroutines (package initialisation of several
// modules) are all kept.
func TestConcurrentDeclarations(t *testing.T) {
	const n = 50
	done := make(chan metrics.Counter, n)
	for i := 0; i < n; i++ {
		go func(i int) { done <- metrics.New("concurrent", fmt.Sprintf("c%02d", i)) }(i)
	}
	for i := 0; i < n; i++ {
		<-done
	}
	names := metrics.Names()
	require.IsNonDecreasing(t, names)
	for i := 0; i < n; i++ {
		require.Contains(t, names, fmt.Sprintf("medchain_concurrent_c%02d", i))
	}
}
