package app

import (
	"context"
	"sync"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
)

// DefaultMaxPendingPerSigner is how many of one signer's transactions a node
// holds in its mempool at once, unless app.toml says otherwise.
const DefaultMaxPendingPerSigner = 50

// pendingLimitDecorator keeps one signer from filling a node's mempool: in
// CheckTx of a new transaction, it refuses a signer whose transaction would
// be the max-th still waiting for a block (its sequence minus the sequence in
// the last committed state). Others' transactions keep their room; the
// flooder's next ones are refused with "mempool is full" until a block
// includes the earlier ones. It is node policy, not consensus: block
// execution skips it. max == 0 turns it off.
type pendingLimitDecorator struct {
	max       uint64
	committed *committedSequences
}

func newPendingLimitDecorator(ak accountReader, max uint64) pendingLimitDecorator {
	return pendingLimitDecorator{max: max, committed: &committedSequences{ak: ak}}
}

// AnteHandle implements sdk.AnteDecorator.
func (d pendingLimitDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	if d.max == 0 || simulate || !ctx.IsCheckTx() {
		return next(ctx, tx, simulate)
	}
	sigTx, ok := tx.(authsigning.SigVerifiableTx)
	if !ok {
		return next(ctx, tx, simulate)
	}
	sigs, err := sigTx.GetSignaturesV2()
	if err != nil {
		return ctx, err
	}
	signers, err := sigTx.GetSigners()
	if err != nil {
		return ctx, err
	}
	if len(sigs) == 0 || len(sigs) != len(signers) {
		return next(ctx, tx, simulate) // the signature checks refuse it
	}
	for i, sig := range sigs {
		done := d.committed.at(ctx, sdk.AccAddress(signers[i]))
		if ctx.IsReCheckTx() {
			continue // a recheck only teaches the committed sequences
		}
		if sig.Sequence >= done && sig.Sequence-done >= d.max {
			return ctx, errorsmod.Wrapf(sdkerrors.ErrMempoolIsFull,
				"%s has %d transactions waiting for a block, the most one signer may; retry after the next block", sdk.AccAddress(signers[i]), sig.Sequence-done)
		}
	}
	return next(ctx, tx, simulate)
}

// accountReader reads an account from a context's state.
type accountReader interface {
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
}

// committedSequences remembers each signer's sequence in the last committed
// state, for the height the node checks transactions for. The check state
// starts every height as the committed state, and this decorator runs
// before the sequence increments, on new transactions and rechecks alike:
// the sequence the check state holds the first time a signer shows up at a
// height is its committed one. One map read instead of a query context per
// transaction (a profile at saturation showed the query context at 6 % of a
// node's CPU).
type committedSequences struct {
	ak     accountReader
	mu     sync.Mutex
	height int64
	seqs   map[string]uint64
}

func (c *committedSequences) at(ctx sdk.Context, addr sdk.AccAddress) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seqs == nil || c.height != ctx.BlockHeight() {
		c.height, c.seqs = ctx.BlockHeight(), map[string]uint64{}
	}
	if seq, ok := c.seqs[string(addr)]; ok {
		return seq
	}
	var seq uint64
	if acc := c.ak.GetAccount(ctx, addr); acc != nil {
		seq = acc.GetSequence()
	}
	c.seqs[string(addr)] = seq
	return seq
}
