package app

import (
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	consortiumante "github.com/medchain/medchain/x/consortium/ante"
)

// NewAnteHandler is the SDK's standard chain with medchain's checks:
// transaction bounds (bytes, gas, messages, no MsgExec inside a MsgExec)
// first, then the signer allowlist — member operators and agents, known
// patients, and apps acting for known patients through x/authz — before
// fees and signature checks, so a stranger's transaction is turned away
// before it costs the chain anything; and, in CheckTx only, a cap on one
// signer's transactions waiting in this node's mempool.
func NewAnteHandler(app *App, txConfig client.TxConfig, maxPendingPerSigner uint64) sdk.AnteHandler {
	return sdk.ChainAnteDecorators(
		ante.NewSetUpContextDecorator(),
		consortiumante.NewTxLimitsDecorator(app.ConsortiumKeeper),
		ante.NewExtensionOptionsDecorator(nil),
		ante.NewValidateBasicDecorator(),
		ante.NewTxTimeoutHeightDecorator(),
		consortiumante.NewSignerAllowlistDecorator(
			[]consortiumante.SignerAllower{app.ConsortiumKeeper, app.RecordsKeeper},
			patientApps{app: app},
		),
		pendingLimitDecorator{app: app, max: maxPendingPerSigner},
		ante.NewValidateMemoDecorator(app.AccountKeeper),
		ante.NewConsumeGasForTxSizeDecorator(app.AccountKeeper),
		ante.NewDeductFeeDecorator(app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, nil),
		ante.NewSetPubKeyDecorator(app.AccountKeeper),
		ante.NewValidateSigCountDecorator(app.AccountKeeper),
		ante.NewSigGasConsumeDecorator(app.AccountKeeper, ante.DefaultSigVerificationGasConsumer),
		ante.NewSigVerificationDecorator(app.AccountKeeper, txConfig.SignModeHandler()),
		ante.NewIncrementSequenceDecorator(app.AccountKeeper),
	)
}
