package watch_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/watch"
	"github.com/medchain/medchain/testutil"
)

func event(typ string, kv ...string) abci.Event {
	e := abci.Event{Type: typ}
	for i := 0; i < len(kv); i += 2 {
		e.Attributes = append(e.Attributes, abci.EventAttribute{Key: kv[i], Value: kv[i+1]})
	}
	return e
}

// rpcChain is two blocks: a BeginBlock expiry and a request to jane in the
// first, a failed transaction and an access to jane in the second.
func rpcChain(t *testing.T) *testutil.CometRPC {
	return testutil.NewCometRPC(t,
		testutil.RPCBlock{
			Txs:         [][]byte{[]byte("request")},
			Results:     []*abci.ExecTxResult{{Events: []abci.Event{event("medchain.consent.v1.EventConsentRequested", "patient", `"jane"`, "request_id", `"1"`)}}},
			BlockEvents: []abci.Event{event("medchain.consent.v1.EventConsentExpired", "patient", `"jane"`, "mode", "BeginBlock")},
		},
		testutil.RPCBlock{
			Txs: [][]byte{[]byte("refused"), []byte("access")},
			Results: []*abci.ExecTxResult{
				{Code: 5, Events: []abci.Event{event("medchain.audit.v1.EventAccessRecorded", "patient", `"jane"`)}},
				{Events: []abci.Event{event("medchain.audit.v1.EventAccessRecorded", "patient", `"jane"`, "decision", `"DECISION_ALLOWED"`)}},
			},
		},
	)
}

// The CometBFT source reads a block's time, transaction hashes (sha256 of
// the bytes, upper-case hex), results and block events from the node's RPC.
func TestCometSourceReadsBlocks(t *testing.T) {
	node := rpcChain(t)
	src, err := watch.Dial(node.URL)
	require.NoError(t, err)
	defer src.Close()
	ctx := context.Background()
	latest, err := src.Latest(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 2, latest)
	b, err := src.Block(ctx, 2)
	require.NoError(t, err)
	require.Equal(t, testutil.BlockTime(2).UTC(), b.Time.UTC())
	require.Len(t, b.Txs, 2)
	require.Equal(t, fmt.Sprintf("%X", sha256.Sum256([]byte("access"))), b.Txs[1].Hash)
	require.False(t, b.Txs[0].OK)
	require.True(t, b.Txs[1].OK)
	first, err := src.Block(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, "medchain.consent.v1.EventConsentExpired", first.BlockEvents[0].Type)
	_, err = src.Block(ctx, 3)
	require.Error(t, err, "a block not committed yet")
}

// A watcher on a node that fails some requests (restarting) prints every
// notification once, in order; without a websocket it waits by polling.
func TestWatcherOverRPC(t *testing.T) {
	node := rpcChain(t)
	src, err := watch.Dial(node.URL)
	require.NoError(t, err)
	defer src.Close()
	var f watch.Filter
	require.NoError(t, f.Add("patient", "jane"))
	var out, log bytes.Buffer
	node.Fail(3)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, watch.Watcher{Source: src, Filter: f, Out: &out, Log: &log, Poll: 10 * time.Millisecond}.Run(ctx, 1, 2))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3, out.String())
	require.Contains(t, lines[0], `"event":"medchain.consent.v1.EventConsentExpired"`)
	require.NotContains(t, lines[0], "tx_hash")
	require.Contains(t, lines[1], `"request_id":"1"`)
	require.Contains(t, lines[2], `"decision":"DECISION_ALLOWED"`)
	require.Contains(t, log.String(), "retrying", "the failures were reported")

	start := time.Now()
	src.Wait(context.Background(), 50*time.Millisecond)
	require.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond, "no websocket: Wait polls")
}

// A node whose results do not match its block's transactions is an error,
// never a notification given to the wrong transaction.
func TestCometSourceRefusesMismatchedResults(t *testing.T) {
	node := testutil.NewCometRPC(t, testutil.RPCBlock{Txs: [][]byte{[]byte("a"), []byte("b")}, Results: []*abci.ExecTxResult{{}}})
	src, err := watch.Dial(node.URL)
	require.NoError(t, err)
	_, err = src.Block(context.Background(), 1)
	require.ErrorContains(t, err, "2 transactions, 1 results")
}
