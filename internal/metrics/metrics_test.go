package metrics_test

import (
	"strings"
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

// startTelemetry starts the telemetry sink as the node's start does and returns
// what /metrics?format=prometheus would serve.
func startTelemetry(t *testing.T) func() string {
	t.Helper()
	m, err := telemetry.New(telemetry.Config{Enabled: true, PrometheusRetentionTime: 60}) //nolint:staticcheck // the SDK's metrics path
	require.NoError(t, err)
	return func() string {
		res, err := m.Gather(telemetry.FormatPrometheus) //nolint:staticcheck // as above
		require.NoError(t, err)
		return string(res.Metrics)
	}
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
