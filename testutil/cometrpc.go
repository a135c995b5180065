package testutil

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	rpctypes "github.com/cometbft/cometbft/rpc/jsonrpc/types"
	cmttypes "github.com/cometbft/cometbft/types"
)

// RPCBlock is one block a fake CometBFT RPC serves: its transactions with
// their results, the block's own (BeginBlock) events, and its time (when
// zero, BlockTime of its height).
type RPCBlock struct {
	Txs         [][]byte
	Results     []*abci.ExecTxResult
	BlockEvents []abci.Event
	Time        time.Time
}

// TxResults are transaction results with the given codes (0 is success).
func TxResults(codes ...uint32) []*abci.ExecTxResult {
	res := make([]*abci.ExecTxResult, len(codes))
	for i, c := range codes {
		res[i] = &abci.ExecTxResult{Code: c}
	}
	return res
}

// CometRPC is a fake CometBFT JSON-RPC endpoint serving status, block,
// block_results, num_unconfirmed_txs and broadcast_tx_sync over HTTP, for
// clients of a node's RPC. Latest sets the height status reports; Fail
// makes the next n calls answer 503.
type CometRPC struct {
	*httptest.Server
	mu        sync.Mutex
	blocks    map[int64]RPCBlock
	latest    int64
	fail      int
	mempool   int
	broadcast func([]byte) (*ctypes.ResultBroadcastTx, error)
	// Calls counts the requests by method.
	Calls map[string]int
}

// NewCometRPC serves blocks from height 1 up; it is closed with the test.
func NewCometRPC(t testing.TB, blocks ...RPCBlock) *CometRPC {
	c := &CometRPC{blocks: map[int64]RPCBlock{}, Calls: map[string]int{}}
	for i, b := range blocks {
		c.blocks[int64(i+1)] = b
	}
	c.latest = int64(len(blocks))
	c.Server = httptest.NewServer(http.HandlerFunc(c.serve))
	t.Cleanup(c.Close)
	return c
}

// SetLatest makes status report height h.
func (c *CometRPC) SetLatest(h int64) { c.mu.Lock(); c.latest = h; c.mu.Unlock() }

// Fail makes the next n requests fail, as a node restarting does.
func (c *CometRPC) Fail(n int) { c.mu.Lock(); c.fail = n; c.mu.Unlock() }

// AddBlock makes b block h, and h the latest height if it is higher.
func (c *CometRPC) AddBlock(h int64, b RPCBlock) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.blocks[h] = b
	c.latest = max(c.latest, h)
}

// SetMempool makes num_unconfirmed_txs report n transactions.
func (c *CometRPC) SetMempool(n int) { c.mu.Lock(); c.mempool = n; c.mu.Unlock() }

// SetBroadcast makes fn answer broadcast_tx_sync with the transaction's
// bytes; an error it returns is the node's JSON-RPC error. fn is called
// without the fake's lock held, so it may add blocks. Without fn the
// method answers an error.
func (c *CometRPC) SetBroadcast(fn func(tx []byte) (*ctypes.ResultBroadcastTx, error)) {
	c.mu.Lock()
	c.broadcast = fn
	c.mu.Unlock()
}

// BlockTime is the time of block h.
func BlockTime(h int64) time.Time { return T0.Add(time.Duration(h) * time.Second) }

func (c *CometRPC) serve(w http.ResponseWriter, r *http.Request) {
	var req rpctypes.RPCRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var params struct {
		Height string `json:"height"`
		Tx     []byte `json:"tx"`
	}
	_ = json.Unmarshal(req.Params, &params)
	c.mu.Lock()
	c.Calls[req.Method]++
	failing := c.fail > 0
	if failing {
		c.fail--
	}
	broadcast := c.broadcast
	c.mu.Unlock()
	switch {
	case failing:
		http.Error(w, "restarting", http.StatusServiceUnavailable)
	case req.Method == "broadcast_tx_sync" && broadcast != nil:
		res, err := broadcast(params.Tx)
		resp := rpctypes.NewRPCSuccessResponse(req.ID, res)
		if err != nil {
			resp = rpctypes.RPCInternalError(req.ID, err)
		}
		_ = json.NewEncoder(w).Encode(resp)
	default:
		h, _ := strconv.ParseInt(params.Height, 10, 64)
		c.answer(w, req, h)
	}
}

// answer serves the methods that read the fake's state, under its lock.
func (c *CometRPC) answer(w http.ResponseWriter, req rpctypes.RPCRequest, h int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.blocks[h]
	var res any
	switch {
	case req.Method == "status":
		res = &ctypes.ResultStatus{SyncInfo: ctypes.SyncInfo{LatestBlockHeight: c.latest}}
	case req.Method == "num_unconfirmed_txs":
		res = &ctypes.ResultUnconfirmedTxs{Count: c.mempool, Total: c.mempool}
	case !ok || h > c.latest:
		_ = json.NewEncoder(w).Encode(rpctypes.RPCInvalidParamsError(req.ID, nil))
		return
	case req.Method == "block":
		txs := make(cmttypes.Txs, len(b.Txs))
		for i, tx := range b.Txs {
			txs[i] = tx
		}
		at := b.Time
		if at.IsZero() {
			at = BlockTime(h)
		}
		res = &ctypes.ResultBlock{Block: &cmttypes.Block{Header: cmttypes.Header{Height: h, Time: at}, Data: cmttypes.Data{Txs: txs}}}
	case req.Method == "block_results":
		res = &ctypes.ResultBlockResults{Height: h, TxsResults: b.Results, FinalizeBlockEvents: b.BlockEvents}
	default:
		http.Error(w, "unknown method "+req.Method, http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(rpctypes.NewRPCSuccessResponse(req.ID, res))
}
