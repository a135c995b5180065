package load

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
)

// pollEvery is how often the watcher asks for a new block: it bounds the
// error of a measured latency.
const pollEvery = 50 * time.Millisecond

// maxFailures is how many polls in a row may fail to read a block before
// the watcher gives up (10 s).
const maxFailures = 200

// block is one block the watcher read.
type block struct {
	height int64
	time   time.Time // the header's time
	ok     int       // transactions that succeeded (code 0)
}

// watcher reads every block of one node in order and reports each
// transaction's outcome, with the time it saw the block.
type watcher struct {
	node   *rpchttp.HTTP
	report func(hash [32]byte, ok bool, seen time.Time)

	mu     sync.Mutex
	read   int64 // the highest height read
	blocks []block
}

func newWatcher(node *rpchttp.HTTP, from int64, report func([32]byte, bool, time.Time)) *watcher {
	return &watcher{node: node, read: from, report: report}
}

// follow reads blocks until ctx ends.
func (w *watcher) follow(ctx context.Context) error {
	failures := 0
	for ctx.Err() == nil {
		status, err := w.node.Status(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if failures++; failures > maxFailures {
				return fmt.Errorf("watcher: %w", err)
			}
			time.Sleep(pollEvery)
			continue
		}
		for h := w.height() + 1; h <= status.SyncInfo.LatestBlockHeight; h++ {
			err := w.readBlock(ctx, h)
			if err == nil {
				failures = 0
				continue
			}
			if ctx.Err() != nil {
				return nil
			}
			// A node reports a height a moment before it stores the
			// block's results: try again at the next poll.
			if failures++; failures > maxFailures {
				return fmt.Errorf("watcher, block %d: %w", h, err)
			}
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(pollEvery):
		}
	}
	return nil
}

func (w *watcher) height() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.read
}

// readBlock reads block h and its results and reports its transactions.
func (w *watcher) readBlock(ctx context.Context, h int64) error {
	b, err := w.node.Block(ctx, &h)
	if err != nil {
		return err
	}
	if b.Block == nil {
		return fmt.Errorf("the node has no block %d yet", h)
	}
	res, err := w.node.BlockResults(ctx, &h)
	if err != nil {
		return err
	}
	if len(res.TxsResults) != len(b.Block.Txs) {
		return fmt.Errorf("%d transactions but %d results", len(b.Block.Txs), len(res.TxsResults))
	}
	seen := time.Now()
	ok := 0
	for i, tx := range b.Block.Txs {
		good := res.TxsResults[i].Code == 0
		if good {
			ok++
		}
		w.report(sha256.Sum256(tx), good, seen)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.blocks = append(w.blocks, block{height: h, time: b.Block.Time, ok: ok})
	w.read = h
	return nil
}

// caughtUp says whether the watcher has read the node's latest block.
func (w *watcher) caughtUp(ctx context.Context) bool {
	status, err := w.node.Status(ctx)
	return err == nil && w.height() >= status.SyncInfo.LatestBlockHeight
}

// window is the transactions committed in the blocks made within [from,
// to), and the mean interval between those blocks.
func (w *watcher) window(from, to time.Time) (ok int, interval time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var first, last time.Time
	n := 0
	for _, b := range w.blocks {
		if b.time.Before(from) || !b.time.Before(to) {
			continue
		}
		if n == 0 {
			first = b.time
		}
		last = b.time
		ok += b.ok
		n++
	}
	if n > 1 {
		interval = last.Sub(first) / time.Duration(n-1)
	}
	return ok, interval
}
