package watch

import (
	"context"
	"fmt"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
)

// NewBlockQuery is the node's new-block event a watcher waits on.
const NewBlockQuery = "tm.event='NewBlockHeader'"

// Comet reads blocks from a node's CometBFT RPC and waits on its
// new-block events over the websocket.
type Comet struct {
	client *rpchttp.HTTP
	blocks <-chan ctypes.ResultEvent
}

// Dial connects to a node's RPC (tcp://host:26657); the websocket is opened
// on the first Wait and reopened after the node comes back.
func Dial(remote string) (*Comet, error) {
	c, err := rpchttp.New(remote, "/websocket")
	if err != nil {
		return nil, err
	}
	return &Comet{client: c}, nil
}

// Close stops the websocket.
func (c *Comet) Close() error {
	if c.client.IsRunning() {
		return c.client.Stop()
	}
	return nil
}

// Latest implements Source.
func (c *Comet) Latest(ctx context.Context) (int64, error) {
	st, err := c.client.Status(ctx)
	if err != nil {
		return 0, err
	}
	return st.SyncInfo.LatestBlockHeight, nil
}

// Block implements Source.
func (c *Comet) Block(ctx context.Context, height int64) (Block, error) {
	rb, err := c.client.Block(ctx, &height)
	if err != nil {
		return Block{}, err
	}
	rr, err := c.client.BlockResults(ctx, &height)
	if err != nil {
		return Block{}, err
	}
	txs := rb.Block.Txs
	if len(rr.TxsResults) != len(txs) {
		return Block{}, fmt.Errorf("block %d: %d transactions, %d results", height, len(txs), len(rr.TxsResults))
	}
	b := Block{Height: height, Time: rb.Block.Time, BlockEvents: events(rr.FinalizeBlockEvents)}
	for i, tx := range txs {
		b.Txs = append(b.Txs, Tx{Hash: fmt.Sprintf("%X", tx.Hash()), OK: rr.TxsResults[i].Code == 0, Events: events(rr.TxsResults[i].Events)})
	}
	return b, nil
}

// Wait implements Source: it returns on the node's next new-block event,
// or after poll when the websocket is down or quiet.
func (c *Comet) Wait(ctx context.Context, poll time.Duration) {
	if c.blocks == nil {
		c.subscribe(ctx)
	}
	select {
	case <-ctx.Done():
	case <-c.blocks: // nil (never ready) while unsubscribed
	case <-time.After(poll):
	}
}

func (c *Comet) subscribe(ctx context.Context) {
	if !c.client.IsRunning() {
		if err := c.client.Start(); err != nil {
			return
		}
	}
	sub, err := c.client.Subscribe(ctx, "medchain-watch", NewBlockQuery, 16)
	if err != nil {
		_ = c.client.Stop()
		c.client, _ = rpchttp.New(c.client.Remote(), "/websocket")
		return
	}
	c.blocks = sub
}

func events(in []abci.Event) []Event {
	out := make([]Event, len(in))
	for i, e := range in {
		out[i].Type = e.Type
		for _, a := range e.Attributes {
			out[i].Attributes = append(out[i].Attributes, Attribute{Key: a.Key, Value: a.Value})
		}
	}
	return out
}
