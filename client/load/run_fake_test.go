package load

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cometbft/cometbft/mempool"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
)

// presignStream is a stream that signs ahead: it notes each Presign, and
// each transaction it had to make in Next because none was signed.
type presignStream struct {
	mu                     sync.Mutex
	waiting, late, refused int
	presigns               []int
}

func (s *presignStream) Presign(_ context.Context, n int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.presigns = append(s.presigns, n)
	s.waiting = max(s.waiting, n)
	return nil
}

func (s *presignStream) Next(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	if s.waiting == 0 {
		s.late++
	} else {
		s.waiting--
	}
	s.mu.Unlock()
	return KVStream{Size: 32}.Next(ctx)
}

func (s *presignStream) Refused(string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused++
	s.waiting = 0
}

// accept answers broadcast_tx_sync as a node whose CheckTx takes everything.
func accept([]byte) (*ctypes.ResultBroadcastTx, error) { return &ctypes.ResultBroadcastTx{}, nil }

// fakeNode is a node whose CheckTx answers with broadcast and whose
// mempool holds mempool transactions.
func fakeNode(t *testing.T, broadcast func([]byte) (*ctypes.ResultBroadcastTx, error), mempool int) *testutil.CometRPC {
	node := mempoolNode(t, mempool)
	node.SetBroadcast(broadcast)
	return node
}

func runFake(t *testing.T, node *testutil.CometRPC, cfg Config) []StepResult {
	t.Helper()
	cfg.Nodes = []string{node.URL}
	cfg.Pin = make([]int, len(cfg.Streams))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := Run(ctx, cfg)
	require.NoError(t, err)
	require.Len(t, res, len(cfg.Steps))
	return res
}

func TestRunSignsEachStepAhead(t *testing.T) {
	streams := []*presignStream{{}, {}}
	cfg := Config{
		Streams: []Stream{streams[0], streams[1]},
		Steps:   []Step{{Name: SweepStep, Rate: 20, Duration: time.Second}, {Name: SweepStep, Rate: 40, Duration: time.Second}},
	}
	res := runFake(t, fakeNode(t, accept, 0), cfg)
	for i, s := range streams {
		require.Len(t, s.presigns, len(cfg.Steps), "stream %d signs before each step", i)
		for k, n := range s.presigns {
			require.GreaterOrEqual(t, n, turns(cfg.Steps[k])/len(streams), "stream %d, step %d: its share", i, k)
		}
		require.Zero(t, s.late, "stream %d signed in the measured time", i)
	}
	for i, r := range res {
		require.Equal(t, turns(r.Step), r.Submitted+r.Behind, "step %d", i)
		require.Equal(t, r.Submitted, r.Accepted, "step %d", i)
		// Accepted, then in no block and in no mempool: lost.
		require.Zero(t, r.Committed, "step %d", i)
		require.Zero(t, r.Pending, "step %d", i)
		require.Equal(t, r.Accepted, r.Lost, "step %d", i)
		require.Zero(t, r.CommittedRate, "step %d", i)
		require.Zero(t, r.P99, "step %d", i)
	}
}

func TestRunCountsWhatAMempoolStillHoldsAsPending(t *testing.T) {
	const drain = 700 * time.Millisecond
	cfg := Config{
		Streams: []Stream{&presignStream{}},
		Steps:   []Step{{Name: SweepStep, Rate: 10, Duration: time.Second}},
		Drain:   drain,
	}
	start := time.Now()
	res := runFake(t, fakeNode(t, accept, 1_000), cfg)
	took := time.Since(start)
	require.GreaterOrEqual(t, took, cfg.Steps[0].Duration+drain, "a mempool that never empties is waited for the whole drain")
	require.Less(t, took, cfg.Steps[0].Duration+drain+5*time.Second, "and no longer")
	r := res[0]
	require.Positive(t, r.Accepted)
	require.Equal(t, r.Accepted, r.Pending)
	require.Zero(t, r.Lost)
}

func TestRunGroupsCheckTxRefusalsByKind(t *testing.T) {
	var calls atomic.Int64
	f := fakeNode(t, func([]byte) (*ctypes.ResultBroadcastTx, error) {
		n := calls.Add(1)
		if n%3 == 0 {
			return &ctypes.ResultBroadcastTx{}, nil
		}
		return &ctypes.ResultBroadcastTx{
			Codespace: "sdk", Code: 32,
			Log: fmt.Sprintf("account sequence mismatch, expected %d, got %d: incorrect account sequence", 10+n, 20+n),
		}, nil
	}, 0)
	s := &presignStream{}
	res := runFake(t, f, Config{Streams: []Stream{s}, Steps: []Step{{Name: SweepStep, Rate: 30, Duration: time.Second}}})
	r := res[0]
	require.Equal(t, int(calls.Load()), r.Submitted)
	require.Equal(t, map[string]int{"sdk 32: incorrect account sequence": r.Submitted - r.Accepted}, r.Refused)
	require.Equal(t, r.Submitted/3, r.Accepted)
	require.Equal(t, r.RefusedTotal(), s.refused, "the stream hears of every refusal")
	require.Positive(t, s.late, "after a refusal the stream signs again")
}

// Under overload a node's mempool fills and broadcast_tx_sync fails with an
// RPC error: that refusal must still say what it is, in one group.
func TestRunNamesAFullMempool(t *testing.T) {
	var calls atomic.Int64
	f := fakeNode(t, func([]byte) (*ctypes.ResultBroadcastTx, error) {
		n := calls.Add(1)
		return nil, mempool.ErrMempoolIsFull{NumTxs: 5000, MaxTxs: 5000, TxsBytes: 900_000 + n, MaxTxsBytes: 1_073_741_824}
	}, 0)
	res := runFake(t, f, Config{Streams: []Stream{&presignStream{}}, Steps: []Step{{Name: SweepStep, Rate: 20, Duration: time.Second}}})
	r := res[0]
	require.Positive(t, r.Submitted)
	require.Zero(t, r.Accepted)
	require.Len(t, r.Refused, 1, "%v", r.Refused)
	for reason, n := range r.Refused {
		require.Equal(t, r.Submitted, n)
		require.Contains(t, reason, "mempool is full")
	}
}

// An RPC error does not say the node refused the transaction: its answer
// may have been lost after CheckTx took it. Every transaction still ends
// in exactly one of committed, failed in a block, pending, lost or refused.
func TestRunCountsEachTransactionOnce(t *testing.T) {
	f := testutil.NewCometRPC(t)
	var calls atomic.Int64
	f.SetBroadcast(func(tx []byte) (*ctypes.ResultBroadcastTx, error) {
		f.AddBlock(calls.Add(1), txBlock(time.Now(), [][]byte{tx}, 0)) // the node takes it, and it commits
		if calls.Load() == 1 {
			return nil, errors.New("connection reset by peer") // but its answer is lost
		}
		return &ctypes.ResultBroadcastTx{}, nil
	})
	res := runFake(t, f, Config{
		Streams: []Stream{&presignStream{}},
		Steps:   []Step{{Name: SweepStep, Rate: 10, Duration: time.Second}},
		Drain:   5 * time.Second,
	})
	r := res[0]
	require.Equal(t, int(calls.Load()), r.Submitted)
	require.Equal(t, r.Submitted, r.Committed, "every transaction committed")
	require.Equal(t, r.Submitted, r.Committed+r.FailedInBlock+r.Pending+r.Lost+r.RefusedTotal(),
		"committed %d, refused %v", r.Committed, r.Refused)
}
