package app

import (
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
// execution and rechecks skip it. max == 0 turns it off.
type pendingLimitDecorator struct {
	app *App
	max uint64
}

// AnteHandle implements sdk.AnteDecorator.
func (d pendingLimitDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	if d.max == 0 || simulate || !ctx.IsCheckTx() || ctx.IsReCheckTx() {
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
	committed, err := d.app.CreateQueryContextWithCheckHeader(0, false, false)
	if err != nil {
		// Nothing committed yet (genesis): nothing can be pending either.
		return next(ctx, tx, simulate)
	}
	for i, sig := range sigs {
		addr := sdk.AccAddress(signers[i])
		var done uint64
		if acc := d.app.AccountKeeper.GetAccount(committed, addr); acc != nil {
			done = acc.GetSequence()
		}
		if sig.Sequence >= done && sig.Sequence-done >= d.max {
			return ctx, errorsmod.Wrapf(sdkerrors.ErrMempoolIsFull,
				"%s has %d transactions waiting for a block, the most one signer may; retry after the next block", addr, sig.Sequence-done)
		}
	}
	return next(ctx, tx, simulate)
}
