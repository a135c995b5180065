package cmd

import (
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/client/load"
)

// load probe asks a node about the seeded patients of a genesis for
// --duration and prints a row per query kind, labelled, with no error when
// every seeded grant is found.
func TestLoadProbeAsksForItsDuration(t *testing.T) {
	members, validators := consortium()
	home := filepath.Join(t.TempDir(), "home")
	writeGenesis(t, filepath.Join(home, "config", "genesis.json"), members, nil, nil)
	addr := seededGRPC(t, 10, validators)

	printed, err := runRoot(t, "load", "probe", "--probe-grpc", addr, "--homes", home, "--probe-patients", "10",
		"--probe-rate", "200", "--duration", "1s", "--label", "regulator at priority")
	require.NoError(t, err)
	require.Contains(t, printed, "| query | during | answers | errors | p50 ms | p99 ms |")
	for _, q := range []string{load.QueryCheckAccess, load.QueryEventsByPatient} {
		m := regexp.MustCompile(`\| ` + q + ` \| regulator at priority \| (\d+) \| (\d+) \|`).FindStringSubmatch(printed)
		require.NotNil(t, m, "no row for %s in\n%s", q, printed)
		answers, _ := strconv.Atoi(m[1])
		require.Greater(t, answers, 20, "%s asked for a second at 200/s", q)
		require.Equal(t, "0", m[2], "%s: every seeded grant found", q)
	}
}

// A probe asked about patients the genesis does not have counts errors: a
// grant not found is no answer.
func TestLoadProbeCountsGrantsNotFound(t *testing.T) {
	members, validators := consortium()
	home := filepath.Join(t.TempDir(), "home")
	writeGenesis(t, filepath.Join(home, "config", "genesis.json"), members, nil, nil)
	addr := seededGRPC(t, 1, validators) // the node knows one seeded patient; the probe asks about 50
	printed, err := runRoot(t, "load", "probe", "--probe-grpc", addr, "--homes", home, "--probe-patients", "50",
		"--probe-rate", "200", "--duration", "500ms")
	require.NoError(t, err)
	m := regexp.MustCompile(`\| CheckAccess \| probe \| \d+ \| (\d+) \|`).FindStringSubmatch(printed)
	require.NotNil(t, m, printed)
	errs, _ := strconv.Atoi(m[1])
	require.Positive(t, errs, printed)
}

func TestLoadProbeRefusesBadFlags(t *testing.T) {
	members, _ := consortium()
	home := filepath.Join(t.TempDir(), "home")
	writeGenesis(t, filepath.Join(home, "config", "genesis.json"), members, nil, nil)
	ok := func(more ...string) []string { // a fresh slice each time
		return append([]string{"load", "probe", "--probe-grpc", "127.0.0.1:1", "--homes", home, "--probe-patients", "5"}, more...)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{ok("--duration", "0s"), "--duration 0s must be in (0, 1h0m0s]"},
		{ok("--duration", "2h"), "--duration 2h0m0s must be in (0, 1h0m0s]"},
		{ok("--duration", "-1s"), "must be in (0, 1h0m0s]"},
		{[]string{"load", "probe", "--homes", home, "--probe-patients", "5"}, "--probe-grpc: the gRPC address to ask"},
		{[]string{"load", "probe", "--probe-grpc", "127.0.0.1:1", "--probe-patients", "5"}, "--probe-grpc needs --homes"},
		{ok("--probe-patients", "0"), "at least one seeded patient (0)"},
		{ok("--probe-rate", "0"), "rate 0 must be in (0, 100000]"},
		{ok("--probe-rate", "1e9"), "must be in (0, 100000]"},
		{[]string{"load", "probe", "--probe-grpc", "127.0.0.1:1", "--homes", filepath.Join(t.TempDir(), "none"), "--probe-patients", "5"}, "genesis.json"},
		{ok("extra"), "unknown command"},
	} {
		_, err := runRoot(t, tc.args...)
		require.ErrorContains(t, err, tc.want, "%v", tc.args)
	}
}
