package app

import (
	"sync/atomic"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// MempoolFullPercent is how full, in percent of its size, this node's
// mempool may get from new transactions: past it, CheckTx refuses them.
//
// CometBFT checks its mempool's room before CheckTx and again after it;
// when the mempool filled up in between, it drops the transaction it has
// just answered "accepted" for, and the sender is never told (seen under
// overload: tens of accepted transactions per minute in no block and no
// mempool). The app refuses first, with an error the sender sees, while
// there is still room for the transactions already being checked.
const MempoolFullPercent = 90

// MempoolGauge is this node's mempool fill, as the node last reported it
// (medchaind start polls it); CheckTx refuses new transactions while it is
// past MempoolFullPercent. Unknown (never set) admits everything.
type MempoolGauge struct {
	txs, limit atomic.Int64
}

// Set records that the mempool holds txs transactions of at most size.
func (g *MempoolGauge) Set(txs, size int) {
	g.txs.Store(int64(txs))
	g.limit.Store(int64(size) * MempoolFullPercent / 100)
}

// Full says whether new transactions must wait, and the fill.
func (g *MempoolGauge) Full() (txs, limit int64, full bool) {
	txs, limit = g.txs.Load(), g.limit.Load()
	return txs, limit, limit > 0 && txs >= limit
}

// mempoolRoomDecorator refuses a new transaction in CheckTx while the
// node's mempool is past MempoolFullPercent. Node policy, not consensus:
// rechecks and block execution skip it.
type mempoolRoomDecorator struct{ gauge *MempoolGauge }

// AnteHandle implements sdk.AnteDecorator.
func (d mempoolRoomDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	if simulate || !ctx.IsCheckTx() || ctx.IsReCheckTx() {
		return next(ctx, tx, simulate)
	}
	if txs, limit, full := d.gauge.Full(); full {
		return ctx, errorsmod.Wrapf(sdkerrors.ErrMempoolIsFull,
			"this node's mempool holds %d transactions, its limit for new ones is %d; retry after the next block", txs, limit)
	}
	return next(ctx, tx, simulate)
}
