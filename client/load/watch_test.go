package load

import (
	"context"
	"crypto/sha256"
	"sync"
	"testing"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
)

// dial is a client of node.
func dial(t *testing.T, node *testutil.CometRPC) *rpchttp.HTTP {
	t.Helper()
	c, err := rpchttp.New(node.URL, "/websocket")
	require.NoError(t, err)
	return c
}

// txBlock is a block made at at holding txs with the given result codes.
func txBlock(at time.Time, txs [][]byte, codes ...uint32) testutil.RPCBlock {
	return testutil.RPCBlock{Time: at, Txs: txs, Results: testutil.TxResults(codes...)}
}

// mempoolNode is a node whose mempool holds n transactions.
func mempoolNode(t *testing.T, n int) *testutil.CometRPC {
	node := testutil.NewCometRPC(t)
	node.SetMempool(n)
	return node
}

type report struct {
	hash [32]byte
	ok   bool
}

func TestWatcherReadsEachTransactionsOutcome(t *testing.T) {
	node := testutil.NewCometRPC(t)
	at := time.Now().UTC()
	a, b, c := []byte("a=1"), []byte("b=2"), []byte("c=3")
	node.AddBlock(5, txBlock(at, [][]byte{a, b, c}, 0, 7, 0))
	var got []report
	w := newWatcher(dial(t, node), 4, func(h [32]byte, ok bool, _ time.Time) { got = append(got, report{h, ok}) })
	require.False(t, w.caughtUp(context.Background()))

	require.NoError(t, w.readBlock(context.Background(), 5))
	require.Equal(t, []report{{sha256.Sum256(a), true}, {sha256.Sum256(b), false}, {sha256.Sum256(c), true}}, got)
	require.Equal(t, int64(5), w.height())
	require.True(t, w.caughtUp(context.Background()))
	ok, _ := w.window(at, at.Add(time.Second))
	require.Equal(t, 2, ok, "a failed transaction is not committed")
}

func TestWatcherRefusesABlockWithoutAllItsResults(t *testing.T) {
	node := testutil.NewCometRPC(t)
	node.AddBlock(3, txBlock(time.Now(), [][]byte{[]byte("a=1"), []byte("b=2")}, 0))
	reported := 0
	w := newWatcher(dial(t, node), 2, func([32]byte, bool, time.Time) { reported++ })
	err := w.readBlock(context.Background(), 3)
	require.ErrorContains(t, err, "2 transactions but 1 results")
	require.Zero(t, reported, "nothing of a half-read block is reported")
	require.Equal(t, int64(2), w.height(), "the block is read again later")
	require.Error(t, w.readBlock(context.Background(), 4), "a block the node does not have")
}

func TestWatcherFollowsUntilCancelled(t *testing.T) {
	node := testutil.NewCometRPC(t)
	start := time.Now()
	for h := int64(1); h <= 3; h++ {
		node.AddBlock(h, txBlock(start, [][]byte{{byte('0' + h)}}, 0))
	}
	var mu sync.Mutex
	seen := map[[32]byte]bool{}
	w := newWatcher(dial(t, node), 1, func(h [32]byte, _ bool, _ time.Time) {
		mu.Lock()
		defer mu.Unlock()
		seen[h] = true
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.follow(ctx) }()
	require.Eventually(t, func() bool { return w.height() == 3 }, 5*time.Second, 10*time.Millisecond)
	node.AddBlock(4, txBlock(start, [][]byte{[]byte("4")}, 0))
	require.Eventually(t, func() bool { return w.height() == 4 }, 5*time.Second, 10*time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	mu.Lock()
	defer mu.Unlock()
	require.False(t, seen[sha256.Sum256([]byte{'1'})], "blocks up to the start height are not read")
	for _, tx := range []string{"2", "3", "4"} {
		require.True(t, seen[sha256.Sum256([]byte(tx))], tx)
	}
}

func TestWatcherFailsWhenTheNodeGoesAway(t *testing.T) {
	node := testutil.NewCometRPC(t, testutil.RPCBlock{})
	c := dial(t, node)
	node.Close()
	w := newWatcher(c, 1, func([32]byte, bool, time.Time) {})
	require.ErrorContains(t, w.follow(context.Background()), "watcher")
}

func TestWindowCountsBlocksMadeWithinIt(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	w := &watcher{}
	for i, ok := range []int{1, 2, 4, 8, 16} { // a block a second
		w.blocks = append(w.blocks, block{height: int64(i + 1), time: t0.Add(time.Duration(i) * time.Second), ok: ok})
	}
	ok, interval := w.window(t0.Add(time.Second), t0.Add(4*time.Second))
	require.Equal(t, 2+4+8, ok, "from is in, to is out")
	require.Equal(t, time.Second, interval)

	ok, interval = w.window(t0.Add(500*time.Millisecond), t0.Add(1500*time.Millisecond))
	require.Equal(t, 2, ok)
	require.Zero(t, interval, "one block has no interval")

	ok, interval = w.window(t0.Add(10*time.Second), t0.Add(20*time.Second))
	require.Zero(t, ok)
	require.Zero(t, interval)

	ok, interval = w.window(t0, t0.Add(time.Hour))
	require.Equal(t, 31, ok)
	require.Equal(t, time.Second, interval)
}

func TestCommitKeepsTheFirstOutcome(t *testing.T) {
	sent := time.Now()
	r := &run{txs: map[[32]byte]*tracked{}}
	a, b := sha256.Sum256([]byte("a")), sha256.Sum256([]byte("b"))
	r.txs[a] = &tracked{sent: sent, accepted: true}
	r.txs[b] = &tracked{sent: sent, accepted: true}

	r.commit(a, true, sent.Add(300*time.Millisecond))
	r.commit(a, false, sent.Add(time.Second)) // the same bytes again, later
	require.Equal(t, committed, r.txs[a].outcome)
	require.Equal(t, 300*time.Millisecond, r.txs[a].latency)

	r.commit(b, false, sent.Add(200*time.Millisecond))
	r.commit(b, true, sent.Add(time.Second))
	require.Equal(t, failedInBlock, r.txs[b].outcome)

	r.commit(sha256.Sum256([]byte("someone else's")), true, sent)
	require.Len(t, r.txs, 2, "a transaction the run did not send is not tracked")
}

func TestResultsCountPendingFromTheLatestStep(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	r := &run{
		nodes:   []*rpchttp.HTTP{dial(t, mempoolNode(t, 1)), dial(t, mempoolNode(t, 3))},
		watcher: &watcher{},
		txs:     map[[32]byte]*tracked{},
		steps:   []StepResult{{Refused: map[string]int{}}, {Refused: map[string]int{}}},
		windows: [][2]time.Time{{start, start.Add(2 * time.Second)}, {start.Add(10 * time.Second), start.Add(14 * time.Second)}},
	}
	add := func(step int, accepted bool, outcome int, latency time.Duration) {
		r.txs[sha256.Sum256(randomBytes(8))] = &tracked{step: step, accepted: accepted, outcome: outcome, latency: latency}
	}
	add(0, true, committed, 100*time.Millisecond)
	add(0, true, committed, 300*time.Millisecond)
	add(0, true, failedInBlock, 0)
	add(0, true, 0, 0)  // open
	add(0, true, 0, 0)  // open
	add(0, false, 0, 0) // refused: neither pending nor lost
	add(1, true, committed, time.Second)
	add(1, true, 0, 0)       // open
	add(1, true, 0, 0)       // open
	for i := 0; i < 4; i++ { // 10, 20, 30, 40 committed in blocks at 0 s, 1 s, 2 s, 3 s
		r.watcher.blocks = append(r.watcher.blocks, block{time: start.Add(time.Duration(i) * time.Second), ok: 10 * (i + 1)})
	}
	r.watcher.blocks = append(r.watcher.blocks, block{time: start.Add(12 * time.Second), ok: 8})

	res := r.results(context.Background())
	require.Len(t, res, 2)
	s0, s1 := res[0], res[1]
	require.Equal(t, 2, s0.Committed)
	require.Equal(t, 1, s0.FailedInBlock)
	require.Equal(t, 1, s1.Committed)
	// The fullest mempool holds 3: the last step's 2 open ones, then 1 of
	// the first step's; its other open one is lost.
	require.Equal(t, 2, s1.Pending)
	require.Zero(t, s1.Lost)
	require.Equal(t, 1, s0.Pending)
	require.Equal(t, 1, s0.Lost)
	require.Equal(t, 100*time.Millisecond, s0.P50)
	require.Equal(t, 300*time.Millisecond, s0.P99)
	require.Equal(t, time.Second, s1.P50)
	require.InDelta(t, 15.0, s0.CommittedRate, 1e-9, "30 in a 2 s window")
	require.InDelta(t, 2.0, s1.CommittedRate, 1e-9, "8 in a 4 s window")
	require.Equal(t, time.Second, s0.BlockInterval)
	require.Zero(t, s1.BlockInterval)
}

func TestResultsCountOpenAsLostWhenNoMempoolAnswers(t *testing.T) {
	node := testutil.NewCometRPC(t)
	c := dial(t, node)
	node.Close()
	now := time.Now()
	r := &run{
		nodes: []*rpchttp.HTTP{c}, watcher: &watcher{}, txs: map[[32]byte]*tracked{},
		steps: []StepResult{{Refused: map[string]int{}}}, windows: [][2]time.Time{{now, now.Add(time.Second)}},
	}
	r.txs[sha256.Sum256([]byte("x"))] = &tracked{accepted: true}
	require.Equal(t, -1, r.mempooled(context.Background()))
	res := r.results(context.Background())
	require.Zero(t, res[0].Pending)
	require.Equal(t, 1, res[0].Lost)
}
