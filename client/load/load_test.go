package load

import (
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// validConfig is a run Validate accepts: two nodes, three streams, two steps.
func validConfig() Config {
	return Config{
		Workload: "send",
		Nodes:    []string{"tcp://127.0.0.1:26657", "tcp://127.0.0.1:26667"},
		Streams:  []Stream{KVStream{Size: 32}, KVStream{Size: 32}, KVStream{Size: 32}},
		Pin:      []int{0, 1, 0},
		Steps: []Step{
			{Name: SweepStep, Rate: 100, Duration: 20 * time.Second},
			{Name: OverloadStep + " 2x", Rate: 200, Duration: 20 * time.Second},
		},
		Warmup: 3 * time.Second,
		Drain:  time.Minute,
	}
}

func TestValidateAccepts(t *testing.T) {
	require.NoError(t, validConfig().Validate())

	// The bounds themselves are in.
	c := validConfig()
	c.Steps = []Step{{Name: "low", Rate: 0.5, Duration: time.Second}, {Name: "high", Rate: MaxRate, Duration: MaxStep}}
	c.Warmup = 0
	require.NoError(t, c.Validate())

	// A step just longer than the warmup.
	c = validConfig()
	c.Warmup = c.Steps[0].Duration - time.Nanosecond
	c.Steps[1].Duration = c.Steps[0].Duration
	require.NoError(t, c.Validate())
}

func TestValidateRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"no node", func(c *Config) { c.Nodes = nil }, "no node"},
		{"no stream", func(c *Config) { c.Streams, c.Pin = nil, nil }, "no stream"},
		{"fewer pins than streams", func(c *Config) { c.Pin = c.Pin[:2] }, "3 streams but 2 pins"},
		{"more pins than streams", func(c *Config) { c.Pin = append(c.Pin, 0) }, "3 streams but 4 pins"},
		{"no step", func(c *Config) { c.Steps = nil }, "no rate step"},
		{"pin below the nodes", func(c *Config) { c.Pin[2] = -1 }, "stream 2 pinned to node -1 of 2"},
		{"pin past the nodes", func(c *Config) { c.Pin[1] = 2 }, "stream 1 pinned to node 2 of 2"},
		{"rate zero", func(c *Config) { c.Steps[1].Rate = 0 }, `step "overload 2x": rate 0`},
		{"negative rate", func(c *Config) { c.Steps[0].Rate = -5 }, `step "sweep": rate -5`},
		{"rate over the bound", func(c *Config) { c.Steps[0].Rate = MaxRate + 1 }, "rate 100001"},
		{"infinite rate", func(c *Config) { c.Steps[0].Rate = math.Inf(1) }, "rate +Inf"},
		{"step under a second", func(c *Config) {
			c.Steps[0].Duration, c.Warmup = time.Second-time.Millisecond, 0
		}, "duration 999ms must be in [1s, 10m0s]"},
		{"zero step", func(c *Config) { c.Steps[1].Duration = 0 }, "duration 0s"},
		{"step over the bound", func(c *Config) { c.Steps[1].Duration = MaxStep + time.Second }, "duration 10m1s"},
		{"step as long as the warmup", func(c *Config) { c.Warmup = c.Steps[1].Duration }, "not longer than the warmup 20s"},
		{"step shorter than the warmup", func(c *Config) { c.Warmup = time.Minute }, "not longer than the warmup 1m0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := validConfig()
			tc.change(&c)
			require.ErrorContains(t, c.Validate(), tc.want)
		})
	}
}

// A NaN rate is neither <= 0 nor > MaxRate: it must still be refused, or
// the pacer divides a second by it.
func TestValidateRefusesANaNRate(t *testing.T) {
	c := validConfig()
	c.Steps[0].Rate = math.NaN()
	require.Error(t, c.Validate())
}

// nearestRank is the p-th percentile by its definition: the smallest value
// with at least p% of the values at or below it (p in whole percent).
func nearestRank(sorted []time.Duration, p int) time.Duration {
	for k := 1; k <= len(sorted); k++ {
		if k*100 >= p*len(sorted) {
			return sorted[k-1]
		}
	}
	return 0
}

func TestPercentileIsTheNearestRank(t *testing.T) {
	require.Zero(t, percentile(nil, 0.5))
	require.Zero(t, percentile([]time.Duration{}, 0.99))

	one := []time.Duration{7 * time.Millisecond}
	for _, p := range []float64{0, 0.01, 0.5, 0.95, 0.99, 1} {
		require.Equal(t, 7*time.Millisecond, percentile(one, p), "p=%g", p)
	}

	for n := 1; n <= 1000; n++ {
		sorted := make([]time.Duration, n)
		for i := range sorted {
			sorted[i] = time.Duration(i+1) * time.Microsecond
		}
		for _, p := range []int{1, 50, 90, 95, 99, 100} {
			require.Equal(t, nearestRank(sorted, p), percentile(sorted, float64(p)/100), "n=%d p=%d", n, p)
		}
		require.Equal(t, sorted[0], percentile(sorted, 0), "p=0 is the least")
	}
}

func TestLatenciesSetsThePercentiles(t *testing.T) {
	ds := make([]time.Duration, 100)
	for i := range ds {
		ds[i] = time.Duration(i+1) * time.Millisecond
	}
	rand.New(rand.NewSource(1)).Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
	var r StepResult
	r.latencies(ds)
	require.Equal(t, 50*time.Millisecond, r.P50)
	require.Equal(t, 95*time.Millisecond, r.P95)
	require.Equal(t, 99*time.Millisecond, r.P99)

	var one StepResult
	one.latencies([]time.Duration{42 * time.Millisecond})
	require.Equal(t, []time.Duration{42 * time.Millisecond, 42 * time.Millisecond, 42 * time.Millisecond}, []time.Duration{one.P50, one.P95, one.P99})

	none := StepResult{P50: time.Second, P95: time.Second, P99: time.Second}
	none.latencies(nil)
	require.Zero(t, none.P50+none.P95+none.P99, "no committed transaction, no latency")

	// Two values: the median is the lower, the tail the higher.
	var two StepResult
	two.latencies([]time.Duration{9 * time.Millisecond, 3 * time.Millisecond})
	require.Equal(t, 3*time.Millisecond, two.P50)
	require.Equal(t, 9*time.Millisecond, two.P95)
	require.Equal(t, 9*time.Millisecond, two.P99)
}

func TestRefusedTotal(t *testing.T) {
	require.Zero(t, StepResult{}.RefusedTotal())
	require.Zero(t, StepResult{Refused: map[string]int{}}.RefusedTotal())
	r := StepResult{Submitted: 100, Accepted: 10, Refused: map[string]int{"mempool is full": 80, "rpc: timeout": 7, "sdk 32: incorrect account sequence": 3}}
	require.Equal(t, 90, r.RefusedTotal())
	require.Equal(t, r.Submitted, r.Accepted+r.RefusedTotal())
}

func TestLastClause(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"out of gas in location: WritePerByte; gasWanted: 200, gasUsed: 201: out of gas", "out of gas"},
		{"mempool is full", "mempool is full"},
		{"tx already exists in cache", "tx already exists in cache"},
		{"a: b", "b"},
		{"", ""},
		{"height 12 must be less than 11", "height ## must be less than ##"},
		{"post failed: Post \"http://127.0.0.1:26657\": dial tcp 127.0.0.1:26657: connect: connection refused", "connection refused"},
		{"no colon:here", "no colon:here"},
	} {
		require.Equal(t, tc.want, lastClause(tc.in), "%q", tc.in)
	}

	// A message ending with the separator has no last clause to take: the
	// reason is not left empty.
	require.NotEmpty(t, strings.TrimSpace(lastClause("refused: ")))

	// Messages that differ only in their numbers group together.
	a := lastClause("signature verification failed; expected 12, got 15: sequence 31 of 32")
	b := lastClause("signature verification failed; expected 907, got 1: sequence 45 of 46")
	require.Equal(t, a, b)
	require.NotContains(t, a, "3")
	require.Equal(t, lastClause("insufficient fees; got: 10umed required: 20umed"), lastClause("insufficient fees; got: 99umed required: 45umed"))
}

func TestLastClauseIsShort(t *testing.T) {
	long := "refused: " + strings.Repeat("x1", 100)
	got := lastClause(long)
	require.Len(t, got, 80)
	require.Equal(t, strings.Repeat("x#", 40), got, "the clause's first 80 characters, digits masked")

	// A clause of exactly 80 characters is kept whole.
	exact := strings.Repeat("y", 80)
	require.Equal(t, exact, lastClause("e: "+exact))

	// Cut in the middle of a multi-byte character, it stays valid text and
	// no longer than 80 characters.
	wide := lastClause("z" + strings.Repeat("é", 60))
	require.True(t, utf8.ValidString(wide))
	require.LessOrEqual(t, utf8.RuneCountInString(wide), 80)
	require.True(t, strings.HasPrefix(wide, "z"+strings.Repeat("é", 39)))
}
