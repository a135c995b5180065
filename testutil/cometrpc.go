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
// their results, and the block's own (BeginBlock) events.
type RPCBlock struct {
	Txs         [][]byte
	Results     []*abci.ExecTxResult
	BlockEvents []abci.Event
}

// CometRPC is a fake CometBFT JSON-RPC endpoint serving status, block and
// block_results over HTTP, for clients of a node's RPC. Latest sets the
// height status reports; Fail makes the next n calls answer 503.
type CometRPC struct {
	*httptest.Server
	mu     sync.Mutex
	blocks map[int64]RPCBlock
	latest int64
	fail   int
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

// BlockTime is the time of block h.
func BlockTime(h int64) time.Time { return T0.Add(time.Duration(h) * time.Second) }

func (c *CometRPC) serve(w http.ResponseWriter, r *http.Request) {
	var req rpctypes.RPCRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Calls[req.Method]++
	if c.fail > 0 {
		c.fail--
		http.Error(w, "restarting", http.StatusServiceUnavailable)
		return
	}
	var params struct {
		Height string `json:"height"`
	}
	_ = json.Unmarshal(req.Params, &params)
	h, _ := strconv.ParseInt(params.Height, 10, 64)
	b, ok := c.blocks[h]
	var res any
	switch {
	case req.Method == "status":
		res = &ctypes.ResultStatus{SyncInfo: ctypes.SyncInfo{LatestBlockHeight: c.latest}}
	case !ok || h > c.latest:
		_ = json.NewEncoder(w).Encode(rpctypes.RPCInvalidParamsError(req.ID, nil))
		return
	case req.Method == "block":
		txs := make(cmttypes.Txs, len(b.Txs))
		for i, tx := range b.Txs {
			txs[i] = tx
		}
		res = &ctypes.ResultBlock{Block: &cmttypes.Block{Header: cmttypes.Header{Height: h, Time: BlockTime(h)}, Data: cmttypes.Data{Txs: txs}}}
	case req.Method == "block_results":
		res = &ctypes.ResultBlockResults{Height: h, TxsResults: b.Results, FinalizeBlockEvents: b.BlockEvents}
	default:
		http.Error(w, "unknown method "+req.Method, http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(rpctypes.NewRPCSuccessResponse(req.ID, res))
}
