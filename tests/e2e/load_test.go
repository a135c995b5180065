package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/stretchr/testify/require"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// load is a steady stream of record anchors from one gateway agent per
// hospital, each agent's sequence stream pinned to its hospital's node and
// failing over to the next node while that one is down, as an integrator's
// gateway does. It keeps every transaction CheckTx accepted, and a watcher
// reads every committed block, so a test can tell afterwards what was
// committed and whether any of it was lost.
type load struct {
	n        *localnet
	interval time.Duration
	nonce    string // keeps this run's record ids apart from another run's
	agents   []*loadAgent
	patient  sdk.AccAddress

	mu        sync.Mutex
	sent      map[string]recordstypes.RecordRef // tx hash → record it anchors, for every transaction submitted
	accepted  map[string]bool                   // tx hashes CheckTx accepted
	committed map[string]int64                  // tx hash → height, as the watcher saw it (code 0 only)
	seen      int64                             // highest height the watcher read

	submitted, refused, retried atomic.Int64
	stop                        chan struct{}
	wg                          sync.WaitGroup
}

type loadAgent struct {
	s            signer
	home         int    // the node its stream is pinned to
	custodian    string // its member's operator: the records' custodian
	accNum, next uint64
	count        int
}

// loadAgents registers one gateway agent per hospital, once per consortium.
func (n *localnet) loadAgents(t *testing.T) []signer {
	t.Helper()
	ctx := ctxTimeout(t, 2*time.Minute)
	out := make([]signer, validators)
	for i := range out {
		out[i] = n.newAgent(ctx, t, i, fmt.Sprintf("gateway-%d", i), consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY)
	}
	return out
}

// startLoad starts the stream: each agent sends one anchor every interval.
func (n *localnet) startLoad(t *testing.T, agents []signer, interval time.Duration) *load {
	t.Helper()
	ctx := ctxTimeout(t, time.Minute)
	l := &load{
		n: n, interval: interval, nonce: randomID()[:16], patient: n.newKey(t, "load-patient").addr,
		sent: map[string]recordstypes.RecordRef{}, accepted: map[string]bool{}, committed: map[string]int64{}, stop: make(chan struct{}),
		seen: n.height(0),
	}
	for i, s := range agents {
		accNum, seq := n.account(ctx, t, n.conn(i), s.addr)
		l.agents = append(l.agents, &loadAgent{s: s, home: i, custodian: n.operator(t, i).addr.String(), accNum: accNum, next: seq})
	}
	for _, a := range l.agents {
		l.wg.Add(1)
		go l.run(t, a)
	}
	l.wg.Add(1)
	go l.watch()
	t.Cleanup(l.halt)
	return l
}

var expectedSeq = regexp.MustCompile(`expected (\d+), got`)

func (l *load) run(t *testing.T, a *loadAgent) {
	defer l.wg.Done()
	node := a.home
	tick := time.NewTicker(l.interval)
	defer tick.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-tick.C:
		}
		a.count++
		id := fmt.Sprintf("%s%02x%014x", l.nonce, a.home, a.count) // 32 hex digits, unique per run and agent
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		bz := l.n.sign(ctx, t, a.s, a.accNum, a.next, anchorMsg(a.s.addr, l.patient, id, recordstypes.Category_CATEGORY_LAB))
		// A submission that times out may still land: remember every one.
		hash := fmt.Sprintf("%X", sha256.Sum256(bz))
		l.mu.Lock()
		l.sent[hash] = recordstypes.RecordRef{Custodian: a.custodian, RecordId: id}
		l.mu.Unlock()
		res, err := l.n.client(l.n.conn(node)).Broadcast(ctx, bz)
		cancel()
		l.submitted.Add(1)
		switch {
		case err != nil: // the node is down or paused: fail over
			l.retried.Add(1)
			node = (node + 1) % len(nodeNames)
			if node == a.home {
				node = (node + 1) % len(nodeNames)
			}
		case res.Code == 0:
			l.mu.Lock()
			l.accepted[res.TxHash] = true
			l.mu.Unlock()
			a.next++
			node = a.home
		case res.Codespace == sdkerrors.RootCodespace && res.Code == sdkerrors.ErrWrongSequence.ABCICode():
			// Transactions the node lost (a crash empties its mempool): go on
			// from the sequence it expects.
			l.refused.Add(1)
			if m := expectedSeq.FindStringSubmatch(res.RawLog); m != nil {
				a.next, _ = strconv.ParseUint(m[1], 10, 64)
			}
		default:
			l.refused.Add(1)
		}
	}
}

// watch reads every committed block from any node that answers and records
// the transactions that succeeded in it.
func (l *load) watch() {
	defer l.wg.Done()
	for {
		select {
		case <-l.stop:
			return
		case <-time.After(300 * time.Millisecond):
		}
		l.catchUp()
	}
}

// catchUp reads committed blocks up to the latest height some node reports.
func (l *load) catchUp() {
	for _, i := range allNodes() {
		top := l.n.height(i)
		if top <= 0 {
			continue
		}
		l.mu.Lock()
		from := l.seen + 1
		l.mu.Unlock()
		for h := from; h <= top; h++ {
			txs, codes, err := l.n.blockTxs(i, h)
			if err != nil {
				break
			}
			l.mu.Lock()
			for k, tx := range txs {
				// Only this load's: an earlier load's transaction, left in a
				// mempool and committed now, is not one of ours.
				if _, ours := l.sent[tx]; ours && codes[k] == 0 {
					l.committed[tx] = h
				}
			}
			l.seen = h
			l.mu.Unlock()
		}
		return
	}
}

// blockTxs returns the hashes of block h's transactions and their codes.
func (n *localnet) blockTxs(i int, h int64) ([]string, []uint32, error) {
	block, err := n.block(i, h)
	if err != nil {
		return nil, nil, err
	}
	var results struct {
		TxsResults []struct {
			Code uint32 `json:"code"`
		} `json:"txs_results"`
	}
	if err := n.rpc(i, fmt.Sprintf("block_results?height=%d", h), &results); err != nil {
		return nil, nil, err
	}
	if len(results.TxsResults) != len(block.Block.Data.Txs) {
		return nil, nil, fmt.Errorf("height %d: %d txs, %d results", h, len(block.Block.Data.Txs), len(results.TxsResults))
	}
	hashes := make([]string, len(block.Block.Data.Txs))
	codes := make([]uint32, len(hashes))
	for k, b64 := range block.Block.Data.Txs {
		bz, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, nil, err
		}
		sum := sha256.Sum256(bz)
		hashes[k] = strings.ToUpper(fmt.Sprintf("%x", sum))
		codes[k] = results.TxsResults[k].Code
	}
	return hashes, codes, nil
}

// halt stops the stream and the watcher (idempotent).
func (l *load) halt() {
	select {
	case <-l.stop:
	default:
		close(l.stop)
	}
	l.wg.Wait()
}

// committedCount is how many transactions the watcher saw committed so far.
func (l *load) committedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.committed)
}

// tally is what a load run did to the chain.
type tally struct {
	submitted, accepted, committed, dropped, lost int
}

// verify stops the stream, reads the chain up to its latest block, and
// checks that every transaction committed at any time — before a fault or
// after it — is still found, with its record, on node i. It returns the
// counts; lost must be 0.
func (l *load) verify(t *testing.T, i int) tally {
	t.Helper()
	l.halt()
	ctx := ctxTimeout(t, 2*time.Minute)
	waitFor(t, time.Minute, "the watcher to read the latest block", func() bool {
		l.catchUp()
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.seen >= l.n.height(i)-1
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	txq, recq := txtypes.NewServiceClient(l.n.conn(i)), recordstypes.NewQueryClient(l.n.conn(i))
	out := tally{submitted: int(l.submitted.Load()), accepted: len(l.accepted)}
	// Every transaction seen in a block, and every one CheckTx accepted that
	// the block watcher did not see (found here by hash), must still be
	// there with its record; an accepted one in no block was dropped from a
	// mempool (a killed node's mempool is not kept), never committed.
	check := func(hash string, seen bool) {
		ref, ours := l.sent[hash]
		if !ours {
			return // another test's transaction
		}
		res, err := txq.GetTx(ctx, &txtypes.GetTxRequest{Hash: hash})
		if !seen && (err != nil || res.TxResponse.Code != 0) {
			out.dropped++
			return
		}
		out.committed++
		if err != nil || res.TxResponse.Code != 0 {
			t.Errorf("committed transaction %s is lost: %v", hash, err)
			out.lost++
			return
		}
		rec, err := recq.Record(ctx, &recordstypes.QueryRecordRequest{Custodian: ref.Custodian, RecordId: ref.RecordId})
		if err != nil || rec.Record.RecordId != ref.RecordId {
			t.Errorf("record %s of committed transaction %s is lost: %v", ref.RecordId, hash, err)
			out.lost++
		}
	}
	for hash := range l.committed {
		check(hash, true)
	}
	for hash := range l.accepted {
		if _, seen := l.committed[hash]; !seen {
			check(hash, false)
		}
	}
	t.Logf("load: %d submitted, %d accepted by CheckTx, %d committed, %d never committed, %d lost (%d refused, %d failed over)",
		out.submitted, out.accepted, out.committed, out.dropped, out.lost, l.refused.Load(), l.retried.Load())
	require.Zero(t, out.lost)
	require.Positive(t, out.committed, "no load transaction was committed")
	return out
}
