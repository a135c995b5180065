package load

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	rpctypes "github.com/cometbft/cometbft/rpc/jsonrpc/types"
	"golang.org/x/sync/errgroup"
)

// tracked is one submitted transaction.
type tracked struct {
	step     int
	sent     time.Time
	accepted bool
	refused  string // why, if the node refused it
	outcome  int    // 0 open, committed, failedInBlock
	latency  time.Duration
}

const (
	committed = iota + 1
	failedInBlock
)

// run is one Config in progress.
type run struct {
	cfg     Config
	nodes   []*rpchttp.HTTP
	watcher *watcher

	mu      sync.Mutex
	txs     map[[32]byte]*tracked
	steps   []StepResult
	windows [][2]time.Time // each step's counted window
}

// Run offers cfg's steps one after another, waiting after each for the
// mempools to empty (at most cfg.Drain), and returns each step's result.
func Run(ctx context.Context, cfg Config) ([]StepResult, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := &run{cfg: cfg, txs: map[[32]byte]*tracked{}}
	for _, addr := range cfg.Nodes {
		c, err := rpchttp.New(addr, "/websocket")
		if err != nil {
			return nil, fmt.Errorf("node %s: %w", addr, err)
		}
		r.nodes = append(r.nodes, c)
	}
	status, err := r.nodes[0].Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", cfg.Nodes[0], err)
	}
	r.watcher = newWatcher(r.nodes[0], status.SyncInfo.LatestBlockHeight, r.commit)
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.watcher.follow(wctx) }()
	for i, step := range cfg.Steps {
		r.steps = append(r.steps, StepResult{Workload: cfg.Workload, Step: step, Refused: map[string]int{}})
		if err := r.presign(ctx, step); err != nil {
			stop()
			return nil, err
		}
		start := time.Now()
		if err := r.offer(ctx, i, step); err != nil {
			stop()
			return nil, err
		}
		r.windows = append(r.windows, [2]time.Time{start.Add(cfg.Warmup), start.Add(step.Duration)})
		r.settle(ctx)
	}
	stop()
	if err := <-done; err != nil && ctx.Err() == nil {
		return nil, err
	}
	return r.results(ctx), nil
}

// presigner is a stream that signs ahead of time.
type presigner interface {
	Presign(ctx context.Context, n int) error
}

// presign has every stream sign its share of step before it starts, so
// that signing stays out of the measured time.
func (r *run) presign(ctx context.Context, step Step) error {
	share := int(step.Rate*step.Duration.Seconds())/len(r.cfg.Streams) + 2
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.NumCPU())
	for i, s := range r.cfg.Streams {
		if p, ok := s.(presigner); ok {
			g.Go(func() error {
				if err := p.Presign(ctx, share); err != nil {
					return fmt.Errorf("stream %d: %w", i, err)
				}
				return nil
			})
		}
	}
	return g.Wait()
}

// offer sends step i: a pacer hands each stream its turns at the step's
// rate, and each stream sends its next transaction on its turn.
func (r *run) offer(ctx context.Context, i int, step Step) error {
	n := len(r.cfg.Streams)
	turns := make([]chan struct{}, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for s := range turns {
		turns[s] = make(chan struct{}, 4)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range turns[s] {
				if err := r.send(ctx, i, s); err != nil {
					errs <- err
					for range turns[s] { //nolint:revive // drain the turns left
					}
					return
				}
			}
		}()
	}
	interval := time.Duration(float64(time.Second) / step.Rate)
	start := time.Now()
	end := start.Add(step.Duration)
	lastReport := start
	for k := 0; ; k++ {
		at := start.Add(time.Duration(k) * interval)
		if !at.Before(end) || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Until(at))
		select {
		case turns[k%n] <- struct{}{}:
		default:
			r.mu.Lock()
			r.steps[i].Behind++
			r.mu.Unlock()
		}
		if r.cfg.Progress != nil && time.Since(lastReport) > 200*time.Millisecond {
			lastReport = time.Now()
			r.mu.Lock()
			sent := r.steps[i].Submitted
			r.mu.Unlock()
			r.cfg.Progress(i, time.Since(start), sent)
		}
	}
	for _, t := range turns {
		close(t)
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// send submits stream s's next transaction to its node and notes the answer.
func (r *run) send(ctx context.Context, step, s int) error {
	tx, err := r.cfg.Streams[s].Next(ctx)
	if err != nil {
		return fmt.Errorf("stream %d: %w", s, err)
	}
	hash := sha256.Sum256(tx)
	t := &tracked{step: step, sent: time.Now()}
	r.mu.Lock()
	r.txs[hash] = t
	r.steps[step].Submitted++
	r.mu.Unlock()
	res, err := r.nodes[r.cfg.Pin[s]].BroadcastTxSync(ctx, tx)
	reason, why := "", ""
	switch {
	case err != nil:
		why = rpcError(err)
		reason = "rpc: " + lastClause(why)
	case res.Code != 0:
		why = res.Log
		reason = fmt.Sprintf("%s %d: %s", res.Codespace, res.Code, lastClause(why))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if reason != "" {
		t.refused = reason
		r.steps[step].Refused[reason]++
		r.cfg.Streams[s].Refused(why)
		return nil
	}
	t.accepted = true
	r.steps[step].Accepted++
	return nil
}

// rpcError is what a node's RPC error says: CometBFT puts the cause
// ("mempool is full: …") in the error's data, behind a generic message.
func rpcError(err error) string {
	var rpcErr *rpctypes.RPCError
	if errors.As(err, &rpcErr) && rpcErr.Data != "" {
		if i := strings.Index(rpcErr.Data, ": "); i > 0 {
			return rpcErr.Data[:i]
		}
		return rpcErr.Data
	}
	return err.Error()
}

// lastClause is an error's last ": "-separated clause, without numbers
// that differ from one transaction to the next, so refusals group by kind.
func lastClause(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		msg = msg[i+2:]
	}
	if r := []rune(msg); len(r) > 80 {
		msg = string(r[:80])
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, msg)
}

// commit is the watcher's report of one transaction in a block.
func (r *run) commit(hash [32]byte, ok bool, seen time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.txs[hash]
	if t == nil || t.outcome != 0 {
		return
	}
	t.outcome, t.latency = failedInBlock, seen.Sub(t.sent)
	if ok {
		t.outcome = committed
	}
}

// settle waits until no node's mempool holds a transaction and the watcher
// has read the blocks made so far, for at most cfg.Drain.
func (r *run) settle(ctx context.Context) {
	deadline := time.Now().Add(r.cfg.Drain)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if r.mempooled(ctx) == 0 && r.watcher.caughtUp(ctx) {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// mempooled is the most transactions any node holds in its mempool (-1 if
// a node does not answer).
func (r *run) mempooled(ctx context.Context) int {
	most := 0
	for _, n := range r.nodes {
		res, err := n.NumUnconfirmedTxs(ctx)
		if err != nil {
			return -1
		}
		most = max(most, res.Total)
	}
	return most
}

// results counts each step's outcomes. Transactions accepted but in no
// block are pending while some mempool still holds that many (the latest
// steps' first), and lost beyond that.
func (r *run) results(ctx context.Context) []StepResult {
	pooled := max(r.mempooled(ctx), 0)
	r.mu.Lock()
	defer r.mu.Unlock()
	lat := make([][]time.Duration, len(r.steps))
	open := make([]int, len(r.steps))
	for _, t := range r.txs {
		s := &r.steps[t.step]
		if t.refused != "" && t.outcome != 0 {
			// The node's RPC failed, yet the transaction got in: it was
			// not refused after all.
			if s.Refused[t.refused]--; s.Refused[t.refused] == 0 {
				delete(s.Refused, t.refused)
			}
		}
		switch {
		case t.outcome == committed:
			s.Committed++
			lat[t.step] = append(lat[t.step], t.latency)
		case t.outcome == failedInBlock:
			s.FailedInBlock++
		case t.accepted:
			open[t.step]++
		}
	}
	for i := len(r.steps) - 1; i >= 0; i-- {
		s := &r.steps[i]
		s.Pending = min(open[i], pooled)
		pooled -= s.Pending
		s.Lost = open[i] - s.Pending
		s.latencies(lat[i])
		ok, interval := r.watcher.window(r.windows[i][0], r.windows[i][1])
		s.CommittedRate = float64(ok) / r.windows[i][1].Sub(r.windows[i][0]).Seconds()
		s.BlockInterval = interval
	}
	return r.steps
}
