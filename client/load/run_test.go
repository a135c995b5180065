package load

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// countingStream is a KVStream that counts what Run asks of it.
type countingStream struct {
	KVStream
	next, refused atomic.Int64
}

func (s *countingStream) Next(ctx context.Context) ([]byte, error) {
	s.next.Add(1)
	return s.KVStream.Next(ctx)
}

func (s *countingStream) Refused(string) { s.refused.Add(1) }

// malformedStream offers transactions kvstore refuses (no '='), each new.
type malformedStream struct{ countingStream }

func (s *malformedStream) Next(ctx context.Context) ([]byte, error) {
	s.next.Add(1)
	return []byte(hex.EncodeToString(randomBytes(16))), nil
}

// failingStream fails on its third transaction.
type failingStream struct{ n atomic.Int64 }

var errBroken = errors.New("signer unplugged")

func (s *failingStream) Next(ctx context.Context) ([]byte, error) {
	if s.n.Add(1) >= 3 {
		return nil, errBroken
	}
	return KVStream{Size: 32}.Next(ctx)
}

func (*failingStream) Refused(string) {}

// turns is how many transactions a step offers in all: one every 1/rate,
// from its start to before its end.
func turns(s Step) int {
	return int(s.Rate*s.Duration.Seconds() + 0.5)
}

func TestRunAgainstKVStore(t *testing.T) {
	addr := kvNode(t)

	t.Run("every accepted transaction commits", func(t *testing.T) {
		streams := []*countingStream{{KVStream: KVStream{Size: 64}}, {KVStream: KVStream{Size: 64}}, {KVStream: KVStream{Size: 64}}}
		cfg := Config{
			Workload: "kv",
			Nodes:    []string{addr, addr}, // two pins, one node
			Pin:      []int{0, 1, 0},
			Steps: []Step{
				{Name: SweepStep, Rate: 50, Duration: 2 * time.Second},
				{Name: OverloadStep + " 2x", Rate: 100, Duration: time.Second + 500*time.Millisecond},
			},
			Warmup: 500 * time.Millisecond,
			Drain:  10 * time.Second,
		}
		var mu sync.Mutex
		var progress []int // step of each call
		var sentSeen []int
		cfg.Progress = func(step int, elapsed time.Duration, submitted int) {
			mu.Lock()
			defer mu.Unlock()
			progress, sentSeen = append(progress, step), append(sentSeen, submitted)
			require.Less(t, elapsed, cfg.Steps[step].Duration+time.Second)
		}
		for _, s := range streams {
			cfg.Streams = append(cfg.Streams, s)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		res, err := Run(ctx, cfg)
		require.NoError(t, err)
		require.Len(t, res, len(cfg.Steps))

		nexts := 0
		for _, s := range streams {
			nexts += int(s.next.Load())
			require.Zero(t, s.refused.Load(), "kvstore refused nothing")
		}
		submitted := 0
		for i, r := range res {
			require.Equal(t, "kv", r.Workload)
			require.Equal(t, cfg.Steps[i], r.Step)
			require.Positive(t, r.Submitted, "step %d", i)
			require.Equal(t, turns(r.Step), r.Submitted+r.Behind, "step %d: every turn is sent or behind", i)
			require.Equal(t, r.Submitted, r.Accepted, "step %d", i)
			require.Empty(t, r.Refused, "step %d", i)
			require.Equal(t, r.Accepted, r.Committed, "step %d", i)
			require.Zero(t, r.FailedInBlock, "step %d", i)
			require.Zero(t, r.Lost, "step %d", i)
			require.Zero(t, r.Pending, "step %d", i)
			require.Positive(t, r.CommittedRate, "step %d", i)
			// Only this run's transactions reach the node: what its window
			// counted cannot exceed what committed.
			window := (r.Step.Duration - cfg.Warmup).Seconds()
			require.LessOrEqual(t, r.CommittedRate*window, float64(r.Committed)+0.001, "step %d", i)
			require.LessOrEqual(t, r.P50, r.P95, "step %d", i)
			require.LessOrEqual(t, r.P95, r.P99, "step %d", i)
			require.Positive(t, r.P99, "step %d", i)
			require.Less(t, r.P99, cfg.Drain, "step %d", i)
			require.Positive(t, r.BlockInterval, "step %d", i)
			require.Less(t, r.BlockInterval, time.Second, "step %d: the node makes a block every ~100 ms", i)
			submitted += r.Submitted
		}
		require.Equal(t, nexts, submitted, "each transaction a stream gave was submitted once")

		mu.Lock()
		defer mu.Unlock()
		require.GreaterOrEqual(t, len(progress), 4, "progress every 200 ms or so")
		require.Equal(t, 0, progress[0])
		require.Equal(t, 1, progress[len(progress)-1])
		for i := 1; i < len(progress); i++ {
			require.LessOrEqual(t, progress[i-1], progress[i])
			if progress[i-1] == progress[i] {
				require.LessOrEqual(t, sentSeen[i-1], sentSeen[i], "submitted only grows within a step")
			}
		}
	})

	t.Run("refusals are counted by reason and the stream told", func(t *testing.T) {
		good := &countingStream{KVStream: KVStream{Size: 32}}
		bad := &malformedStream{}
		cfg := Config{
			Nodes: []string{addr}, Streams: []Stream{good, bad}, Pin: []int{0, 0},
			Steps:  []Step{{Name: SweepStep, Rate: 40, Duration: time.Second}},
			Warmup: 200 * time.Millisecond, Drain: 10 * time.Second,
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		res, err := Run(ctx, cfg)
		require.NoError(t, err)
		require.Len(t, res, 1)
		r := res[0]
		require.Equal(t, int(good.next.Load()+bad.next.Load()), r.Submitted)
		require.Equal(t, int(good.next.Load()), r.Accepted)
		require.Equal(t, int(bad.next.Load()), r.RefusedTotal())
		require.Equal(t, bad.next.Load(), bad.refused.Load(), "the stream hears of every refusal")
		require.Zero(t, good.refused.Load())
		require.Len(t, r.Refused, 1, "one kind of refusal: %v", r.Refused)
		for reason := range r.Refused {
			require.NotContains(t, reason, "rpc:", "CheckTx refused it, the RPC did not fail")
		}
		require.Equal(t, r.Accepted, r.Committed)
		require.Zero(t, r.Lost)
	})

	t.Run("a stream that fails stops the run and is named", func(t *testing.T) {
		cfg := Config{
			Nodes:   []string{addr},
			Streams: []Stream{KVStream{Size: 32}, &failingStream{}},
			Pin:     []int{0, 0},
			Steps:   []Step{{Name: SweepStep, Rate: 20, Duration: time.Second}},
			Drain:   time.Second,
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		res, err := Run(ctx, cfg)
		require.ErrorIs(t, err, errBroken)
		require.ErrorContains(t, err, "stream 1")
		require.Nil(t, res)
	})

	t.Run("a stream pinned to a node that does not answer is refused by the RPC", func(t *testing.T) {
		down := fmt.Sprintf("tcp://127.0.0.1:%d", freePort(t))
		s := &countingStream{KVStream: KVStream{Size: 32}}
		cfg := Config{
			Nodes: []string{addr, down}, Streams: []Stream{s}, Pin: []int{1},
			Steps: []Step{{Name: SweepStep, Rate: 10, Duration: time.Second}},
			Drain: time.Second,
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		res, err := Run(ctx, cfg)
		require.NoError(t, err)
		r := res[0]
		require.Positive(t, r.Submitted)
		require.Zero(t, r.Accepted)
		require.Equal(t, r.Submitted, r.RefusedTotal())
		require.Equal(t, int64(r.Submitted), s.refused.Load())
		for reason := range r.Refused {
			require.True(t, strings.HasPrefix(reason, "rpc: "), reason)
		}
		require.Zero(t, r.Committed+r.Lost+r.Pending, "nothing refused is waited for")
	})
}

func TestRunRefusesBeforeSending(t *testing.T) {
	s := &countingStream{KVStream: KVStream{Size: 32}}
	_, err := Run(context.Background(), Config{Nodes: []string{"tcp://127.0.0.1:1"}, Streams: []Stream{s}, Pin: []int{0}})
	require.ErrorContains(t, err, "no rate step")
	require.Zero(t, s.next.Load())
}

func TestRunFailsOnANodeThatDoesNotAnswer(t *testing.T) {
	addr := fmt.Sprintf("tcp://127.0.0.1:%d", freePort(t))
	s := &countingStream{KVStream: KVStream{Size: 32}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	res, err := Run(ctx, Config{
		Nodes: []string{addr}, Streams: []Stream{s}, Pin: []int{0},
		Steps: []Step{{Name: SweepStep, Rate: 10, Duration: time.Second}},
	})
	require.Error(t, err)
	require.ErrorContains(t, err, addr)
	require.NoError(t, ctx.Err(), "it fails at once, not when the context ends")
	require.Less(t, time.Since(start), 5*time.Second)
	require.Nil(t, res)
	require.Zero(t, s.next.Load(), "nothing is taken from a stream")
}

func TestRunRefusesABadAddress(t *testing.T) {
	_, err := Run(context.Background(), Config{
		Nodes: []string{"tcp://[::1"}, Streams: []Stream{KVStream{Size: 32}}, Pin: []int{0},
		Steps: []Step{{Name: SweepStep, Rate: 10, Duration: time.Second}},
	})
	require.ErrorContains(t, err, "node tcp://[::1")
}
