// Package ante holds the consortium's signer allowlist.
package ante

import (
	"context"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"

	"github.com/medchain/medchain/internal/metrics"
	"github.com/medchain/medchain/x/consortium/types"
)

// refusedSigners counts transactions refused because a signer is not allowed.
var refusedSigners = metrics.New(types.ModuleName, "refused_signers")

// SignerAllower says whether addr may sign transactions. Modules that admit
// more kinds of signers (e.g. known patients) add their own.
type SignerAllower interface {
	IsAllowedSigner(ctx context.Context, addr sdk.AccAddress) (bool, error)
}

// TxSignerAllower says whether addr may sign this particular transaction,
// e.g. an app sending only messages a patient authorised it for.
type TxSignerAllower interface {
	IsAllowedTxSigner(ctx sdk.Context, tx sdk.Tx, addr sdk.AccAddress) (bool, error)
}

// SignerAllowlistDecorator admits a transaction only if every signer is
// allowed by at least one allower. It runs in CheckTx, simulation and block
// execution alike.
type SignerAllowlistDecorator struct {
	allowers   []SignerAllower
	txAllowers []TxSignerAllower
}

// NewSignerAllowlistDecorator returns the decorator; allowers are asked in
// order, then txAllowers.
func NewSignerAllowlistDecorator(allowers []SignerAllower, txAllowers ...TxSignerAllower) SignerAllowlistDecorator {
	return SignerAllowlistDecorator{allowers: allowers, txAllowers: txAllowers}
}

// AnteHandle implements sdk.AnteDecorator.
func (d SignerAllowlistDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	sigTx, ok := tx.(authsigning.SigVerifiableTx)
	if !ok {
		return ctx, errorsmod.Wrap(sdkerrors.ErrTxDecode, "transaction does not carry signers")
	}
	signers, err := sigTx.GetSigners()
	if err != nil {
		return ctx, err
	}
	for _, s := range signers {
		allowed, err := d.allowed(ctx, tx, s)
		if err != nil {
			return ctx, err
		}
		if !allowed {
			refusedSigners.Inc()
			return ctx, errorsmod.Wrap(types.ErrSignerNotAllowed, fmt.Sprintf("signer %s", sdk.AccAddress(s)))
		}
	}
	return next(ctx, tx, simulate)
}

func (d SignerAllowlistDecorator) allowed(ctx sdk.Context, tx sdk.Tx, addr sdk.AccAddress) (bool, error) {
	for _, a := range d.allowers {
		ok, err := a.IsAllowedSigner(ctx, addr)
		if err != nil || ok {
			return ok, err
		}
	}
	for _, a := range d.txAllowers {
		ok, err := a.IsAllowedTxSigner(ctx, tx, addr)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}
