// Package load offers transactions to a running network at fixed rates and
// measures what it commits, as an integrator's gateway would see it: each
// account's transactions are signed ahead of time and its stream is pinned
// to one node; the committed rate is counted from the blocks (result code 0
// only); latency runs from submission to the block that commits it; and
// every transaction ends committed, refused with an error its sender saw,
// failed in a block, or lost — and the run says how many of each.
//
// It drives any CometBFT network: medchain (signed medchain or bank
// transactions) and CometBFT's own kvstore (key=value transactions of the
// same size), over the same CometBFT RPC (broadcast_tx_sync), so the two
// are compared on one path.
package load

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Stream is one account's sequence of transactions, in order.
type Stream interface {
	// Next is the stream's next transaction.
	Next(ctx context.Context) ([]byte, error)
	// Refused says the node refused the last transaction Next returned,
	// with message why: the stream's next one takes its place (its
	// sequence, or the one the message says the chain expects).
	Refused(why string)
}

// Step is one offered rate held for a duration.
type Step struct {
	Name     string        // "sweep", "overload 2×", …
	Rate     float64       // transactions offered per second, all streams together
	Duration time.Duration // how long the rate is offered
}

// Config is a run: streams pinned to nodes, offered at each step's rate.
type Config struct {
	Workload string
	// Nodes are the CometBFT RPC addresses (tcp://host:port); stream i
	// submits to Nodes[Pin[i]].
	Nodes   []string
	Streams []Stream
	Pin     []int
	Steps   []Step
	// Warmup of each step is left out of its committed rate.
	Warmup time.Duration
	// Drain is how long the run waits, after its last step, for the
	// mempools to empty before it counts what never committed.
	Drain time.Duration
	// Progress, if set, is called as each step goes on.
	Progress func(step int, elapsed time.Duration, submitted int)
}

// Validate checks a run's configuration before anything is sent.
func (c Config) Validate() error {
	switch {
	case len(c.Nodes) == 0:
		return fmt.Errorf("no node to submit to")
	case len(c.Streams) == 0:
		return fmt.Errorf("no stream of transactions")
	case len(c.Pin) != len(c.Streams):
		return fmt.Errorf("%d streams but %d pins", len(c.Streams), len(c.Pin))
	case len(c.Steps) == 0:
		return fmt.Errorf("no rate step")
	}
	for i, p := range c.Pin {
		if p < 0 || p >= len(c.Nodes) {
			return fmt.Errorf("stream %d pinned to node %d of %d", i, p, len(c.Nodes))
		}
	}
	for _, s := range c.Steps {
		if !(s.Rate > 0 && s.Rate <= MaxRate) { // NaN too
			return fmt.Errorf("step %q: rate %g must be in (0, %d] tx/s", s.Name, s.Rate, MaxRate)
		}
		if s.Duration < time.Second || s.Duration > MaxStep {
			return fmt.Errorf("step %q: duration %s must be in [1s, %s]", s.Name, s.Duration, MaxStep)
		}
		if s.Duration <= c.Warmup {
			return fmt.Errorf("step %q: duration %s is not longer than the warmup %s", s.Name, s.Duration, c.Warmup)
		}
	}
	return nil
}

// Bounds of a run.
const (
	MaxRate = 100_000
	MaxStep = 10 * time.Minute
)

// StepResult is what one step offered, and what became of it.
type StepResult struct {
	Workload string
	Step     Step
	// Submitted were sent; Accepted passed CheckTx; Refused did not (by
	// reason); Behind could not be sent in time (the generator's own limit:
	// every stream was still waiting for a node's answer).
	Submitted, Accepted, Behind int
	Refused                     map[string]int
	// Committed succeeded in a block (code 0), FailedInBlock were included
	// but failed; Pending were accepted and were still in a mempool when
	// the run ended; Lost were accepted and then vanished: in no block and
	// no mempool.
	Committed, FailedInBlock, Pending, Lost int
	// CommittedRate is transactions per second committed (code 0) in the
	// blocks made during the step, after its warmup, whoever sent them.
	CommittedRate float64
	// Latency percentiles, submission to the block that commits it, of
	// the step's committed transactions.
	P50, P95, P99 time.Duration
	// BlockInterval is the mean time between the step's blocks.
	BlockInterval time.Duration
}

// RefusedTotal is every refusal of the step.
func (r StepResult) RefusedTotal() int {
	n := 0
	for _, v := range r.Refused {
		n += v
	}
	return n
}

// percentile of sorted durations (nearest rank); 0 of none.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(p*float64(len(sorted))+0.999999) - 1
	if k < 0 {
		k = 0
	}
	if k >= len(sorted) {
		k = len(sorted) - 1
	}
	return sorted[k]
}

// latencies sets r's percentiles from the step's latencies.
func (r *StepResult) latencies(ds []time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	r.P50, r.P95, r.P99 = percentile(ds, 0.50), percentile(ds, 0.95), percentile(ds, 0.99)
}
