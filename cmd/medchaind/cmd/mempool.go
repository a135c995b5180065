package cmd

import (
	"context"
	"time"

	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	"golang.org/x/sync/errgroup"

	"github.com/medchain/medchain/app"
)

// mempoolPoll is how often the app learns its mempool's fill: at 2,000
// accepted transactions a second, 100 of them arrive between two polls,
// well inside the room app.MempoolFullPercent keeps.
const mempoolPoll = 50 * time.Millisecond

// mempoolCounter is the part of the node's in-process RPC client the gauge uses.
type mempoolCounter interface {
	NumUnconfirmedTxs(ctx context.Context) (*coretypes.ResultUnconfirmedTxs, error)
}

// gaugeMempool keeps the running app's mempool gauge up to date.
func gaugeMempool(svrCtx *server.Context, clientCtx client.Context, ctx context.Context, g *errgroup.Group) {
	a := started.Load()
	counter, ok := clientCtx.Client.(mempoolCounter)
	if a == nil || !ok {
		svrCtx.Logger.Error("the app cannot see its mempool: new transactions are admitted until CometBFT's own limit")
		return
	}
	every(ctx, g, mempoolPoll, func() { readMempool(ctx, counter, a.Mempool, svrCtx.Config.Mempool.Size) })
}

// readMempool sets gauge from the node's count.
func readMempool(ctx context.Context, counter mempoolCounter, gauge *app.MempoolGauge, size int) {
	if res, err := counter.NumUnconfirmedTxs(ctx); err == nil {
		gauge.Set(res.Total, size)
	}
}
