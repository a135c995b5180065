package app

import (
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	consortiumante "github.com/medchain/medchain/x/consortium/ante"
)

// NewAnteHandler is the SDK's standard chain with the signer allowlist —
// member operators and agents, known patients, and apps acting for known
// patients through x/authz — placed before fees and
// signature checks, so a stranger's transaction is turned away before it
// costs the chain anything.
func NewAnteHandler(app *App, txConfig client.TxConfig) sdk.AnteHandler {
	return sdk.ChainAnteDecorators(
		ante.NewSetUpContextDecorator(),
		ante.NewExtensionOptionsDecorator(nil),
		ante.NewValidateBasicDecorator(),
		ante.NewTxTimeoutHeightDecorator(),
		consortiumante.NewSignerAllowlistDecorator(
			[]consortiumante.SignerAllower{app.ConsortiumKeeper, app.RecordsKeeper},
			patientApps{app: app},
		),
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
