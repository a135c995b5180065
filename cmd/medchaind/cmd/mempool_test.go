package cmd

import (
	"context"
	"errors"
	"testing"

	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/medchain/medchain/app"
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
