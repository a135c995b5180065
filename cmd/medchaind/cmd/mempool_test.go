package cmd

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
)

type fakeCounter struct {
	total int
	err   error
}

func (f fakeCounter) NumUnconfirmedTxs(context.Context) (*coretypes.ResultUnconfirmedTxs, error) {
	return &coretypes.ResultUnconfirmedTxs{Total: f.total}, f.err
}

// The gauge takes the node's count and size; a failed read keeps the last
// known fill rather than opening the door.
func TestReadMempool(t *testing.T) {
	g := &app.MempoolGauge{}
	readMempool(context.Background(), fakeCounter{total: 4500}, g, 5000)
	require.True(t, gaugeFull(g), "4,500 of 5,000 is the 90% limit")
	readMempool(context.Background(), fakeCounter{err: errors.New("node stopping")}, g, 5000)
	require.True(t, gaugeFull(g), "a failed read keeps the last fill")
	readMempool(context.Background(), fakeCounter{total: 4499}, g, 5000)
	require.False(t, gaugeFull(g))
}

func gaugeFull(g *app.MempoolGauge) bool {
	_, _, full := g.Full()
	return full
}

// Without an in-process node to ask, the gauge is not started and the app
// admits until CometBFT's own limit (and says so in the log).
func TestGaugeMempoolNeedsTheNode(t *testing.T) {
	var g errgroup.Group
	svrCtx := server.NewDefaultContext()
	gaugeMempool(svrCtx, client.Context{}, context.Background(), &g)
	require.NoError(t, g.Wait(), "nothing started")
}

// useStarted makes a the app medchaind start runs, for the test.
func useStarted(t *testing.T, a *app.App) {
	prev := started.Swap(a)
	t.Cleanup(func() { started.Store(prev) })
}

// A started node's gauge follows the mempool its RPC reports, at every
// poll, against the node's configured size, until the node stops.
func TestGaugeMempoolFollowsTheNode(t *testing.T) {
	node := testutil.NewCometRPC(t)
	node.SetMempool(4500)
	rpc, err := rpchttp.New(node.URL, "/websocket")
	require.NoError(t, err)
	gauge := &app.MempoolGauge{}
	useStarted(t, &app.App{Mempool: gauge})
	svrCtx := server.NewDefaultContext()
	require.Equal(t, 5000, svrCtx.Config.Mempool.Size)

	ctx, cancel := context.WithCancel(context.Background())
	g, gctx := errgroup.WithContext(ctx)
	gaugeMempool(svrCtx, client.Context{Client: rpc}, gctx, g)
	require.Eventually(t, func() bool { return gaugeFull(gauge) }, 5*time.Second, 10*time.Millisecond, "4,500 of 5,000 is full")
	node.SetMempool(120)
	require.Eventually(t, func() bool { txs, _, full := gauge.Full(); return txs == 120 && !full }, 5*time.Second, 10*time.Millisecond)
	node.Fail(1_000_000)
	time.Sleep(3 * mempoolPoll)
	txs, limit, _ := gauge.Full()
	require.EqualValues(t, 120, txs, "a node that does not answer leaves the last count")
	require.EqualValues(t, 4500, limit)

	cancel()
	require.NoError(t, g.Wait())
	node.Fail(0)
	node.SetMempool(4999)
	time.Sleep(3 * mempoolPoll)
	require.False(t, gaugeFull(gauge), "no poll after the node stopped")
}

// A started app whose client cannot count the mempool gets no gauge, and
// the log says new transactions are admitted until CometBFT's limit.
func TestGaugeMempoolNeedsACountingClient(t *testing.T) {
	useStarted(t, &app.App{Mempool: &app.MempoolGauge{}})
	svrCtx := server.NewDefaultContext()
	var logged bytes.Buffer
	svrCtx.Logger = log.NewLogger(&logged)
	var g errgroup.Group
	gaugeMempool(svrCtx, client.Context{Client: struct{ client.CometRPC }{}}, context.Background(), &g)
	done := make(chan error, 1)
	go func() { done <- g.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("a gauge was started with nothing to read")
	}
	require.Contains(t, logged.String(), "the app cannot see its mempool")
}
