package ante

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/authz"

	"github.com/medchain/medchain/x/consortium/types"
)

// ParamsSource returns the consortium's current params.
type ParamsSource interface {
	GetParams(ctx context.Context) (types.Params, error)
}

// TxLimitsDecorator bounds every transaction by the consortium's params —
// size in bytes, gas asked for, and messages, counting those an x/authz
// MsgExec carries — refuses a MsgExec inside a MsgExec, and refuses a memo
// (no free text on chain). Messages whose signer must sign them itself
// (directOnly: an access request, accepting an enrolment) are refused inside
// a MsgExec. It also runs the stateless checks (ValidateBasic) of the
// messages a MsgExec carries, which the SDK checks only when it executes
// them. It runs in CheckTx, so an oversized or malformed transaction never
// enters the mempool, and again in the block.
type TxLimitsDecorator struct {
	params     ParamsSource
	directOnly map[string]bool
}

// NewTxLimitsDecorator returns the decorator; directOnly lists the type
// URLs of messages that may not travel inside a MsgExec.
func NewTxLimitsDecorator(params ParamsSource, directOnly ...string) TxLimitsDecorator {
	d := TxLimitsDecorator{params: params, directOnly: map[string]bool{}}
	for _, url := range directOnly {
		d.directOnly[url] = true
	}
	return d
}

// AnteHandle implements sdk.AnteDecorator.
func (d TxLimitsDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	p, err := d.params.GetParams(ctx)
	if err != nil {
		return ctx, err
	}
	if n := len(ctx.TxBytes()); n > int(p.MaxTxBytes) {
		return ctx, errorsmod.Wrapf(types.ErrTxTooLarge, "transaction is %d bytes; the limit is %d", n, p.MaxTxBytes)
	}
	if feeTx, ok := tx.(sdk.FeeTx); ok && !simulate && feeTx.GetGas() > p.MaxTxGas {
		return ctx, errorsmod.Wrapf(types.ErrTxTooLarge, "transaction asks for %d gas; the limit is %d", feeTx.GetGas(), p.MaxTxGas)
	}
	if memoTx, ok := tx.(sdk.TxWithMemo); ok && memoTx.GetMemo() != "" {
		return ctx, errorsmod.Wrap(types.ErrMemoNotAllowed, "leave the memo empty: no free text goes on chain")
	}
	n, err := d.countMsgs(tx.GetMsgs(), false)
	if err != nil {
		return ctx, err
	}
	if n > int(p.MaxMsgsPerTx) {
		return ctx, errorsmod.Wrapf(types.ErrTxTooLarge, "transaction carries %d messages; the limit is %d", n, p.MaxMsgsPerTx)
	}
	return next(ctx, tx, simulate)
}

// countMsgs counts msgs and the messages inside each MsgExec, checking the
// inner ones as the SDK checks top-level messages. inExec is true inside a
// MsgExec, where another MsgExec is refused.
func (d TxLimitsDecorator) countMsgs(msgs []sdk.Msg, inExec bool) (int, error) {
	n := 0
	for _, msg := range msgs {
		n++
		if inExec && d.directOnly[sdk.MsgTypeURL(msg)] {
			return n, errorsmod.Wrapf(types.ErrNestedExec, "%s is signed by its signer itself, never through MsgExec", sdk.MsgTypeURL(msg))
		}
		if inExec {
			if v, ok := msg.(sdk.HasValidateBasic); ok {
				if err := v.ValidateBasic(); err != nil {
					return n, err
				}
			}
		}
		exec, ok := msg.(*authz.MsgExec)
		if !ok {
			continue
		}
		if inExec {
			return n, errorsmod.Wrap(types.ErrNestedExec, "send each MsgExec as a message of the transaction")
		}
		inner, err := exec.GetMessages()
		if err != nil {
			return n, errorsmod.Wrap(sdkerrors.ErrInvalidRequest, err.Error())
		}
		if len(inner) == 0 {
			return n, errorsmod.Wrap(sdkerrors.ErrInvalidRequest, "MsgExec carries no message")
		}
		m, err := d.countMsgs(inner, true)
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}
