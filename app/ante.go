package app

import (
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consortiumante "github.com/medchain/medchain/x/consortium/ante"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// NewAnteHandler is the SDK's standard chain with medchain's checks:
// transaction bounds (bytes, gas, messages, no MsgExec inside a MsgExec)
// first, then the signer allowlist — member operators and agents, known
// patients, and apps acting for known patients through x/authz — before
// fees and signature checks, so a stranger's transaction is turned away
// before it costs the chain anything; and, in CheckTx only, room kept in
// this node's mempool and a cap on one signer's transactions waiting in it.
func NewAnteHandler(app *App, txConfig client.TxConfig, maxPendingPerSigner uint64) sdk.AnteHandler {
	return sdk.ChainAnteDecorators(append(admissionDecorators(app),
		mempoolRoomDecorator{gauge: app.Mempool},
		newPendingLimitDecorator(app.AccountKeeper, maxPendingPerSigner),
		ante.NewValidateMemoDecorator(app.AccountKeeper),
		ante.NewConsumeGasForTxSizeDecorator(app.AccountKeeper),
		ante.NewDeductFeeDecorator(app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, nil),
		ante.NewSetPubKeyDecorator(app.AccountKeeper),
		ante.NewValidateSigCountDecorator(app.AccountKeeper),
		ante.NewSigGasConsumeDecorator(app.AccountKeeper, ante.DefaultSigVerificationGasConsumer),
		ante.NewSigVerificationDecorator(app.AccountKeeper, txConfig.SignModeHandler()),
		ante.NewIncrementSequenceDecorator(app.AccountKeeper),
	)...)
}

// AdmissionAnteHandler runs only the checks that decide whether a
// transaction may enter at all — bounds, stateless validation and the signer
// allowlist — before fees and signatures. A gateway can ask it of a
// transaction it has not signed yet.
func AdmissionAnteHandler(app *App) sdk.AnteHandler {
	return sdk.ChainAnteDecorators(admissionDecorators(app)...)
}

func admissionDecorators(app *App) []sdk.AnteDecorator {
	return []sdk.AnteDecorator{
		ante.NewSetUpContextDecorator(),
		consortiumante.NewTxLimitsDecorator(app.ConsortiumKeeper, directOnly...),
		ante.NewExtensionOptionsDecorator(nil),
		ante.NewValidateBasicDecorator(),
		ante.NewTxTimeoutHeightDecorator(),
		consortiumante.NewSignerAllowlistDecorator(
			[]consortiumante.SignerAllower{app.ConsortiumKeeper},
			patientApps{app: app},
			consortiumante.Invitees{Keeper: app.ConsortiumKeeper},
		),
	}
}

// directOnly are the messages whose signer signs them itself: an access
// request carries the accessor's own signature, and an enrolment the
// agent's. None of them travels inside an x/authz MsgExec.
var directOnly = []string{
	sdk.MsgTypeURL(&audittypes.MsgRequestAccess{}),
	sdk.MsgTypeURL(&audittypes.MsgEmergencyAccess{}),
	sdk.MsgTypeURL(&consortiumtypes.MsgAcceptAgent{}),
}
