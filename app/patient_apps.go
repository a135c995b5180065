package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
)

// patientApps admits an app a patient authorised through x/authz: the app may
// sign a transaction made only of MsgExec it sends as grantee, each carrying
// only messages signed by known patients who granted the app that message type.
type patientApps struct{ app *App }

// IsAllowedTxSigner implements consortiumante.TxSignerAllower.
func (p patientApps) IsAllowedTxSigner(ctx sdk.Context, tx sdk.Tx, signer sdk.AccAddress) (bool, error) {
	msgs := tx.GetMsgs()
	if len(msgs) == 0 {
		return false, nil
	}
	for _, msg := range msgs {
		exec, ok := msg.(*authz.MsgExec)
		if !ok || exec.Grantee != signer.String() {
			return false, nil
		}
		inner, err := exec.GetMessages()
		if err != nil || len(inner) == 0 {
			return false, err
		}
		for _, m := range inner {
			granters, _, err := p.app.AppCodec().GetMsgV1Signers(m)
			if err != nil {
				return false, err
			}
			for _, g := range granters {
				known, err := p.app.ConsortiumKeeper.IsPatient(ctx, g)
				if err != nil || !known {
					return false, err
				}
				if auth, _ := p.app.AuthzKeeper.GetAuthorization(ctx, signer, g, sdk.MsgTypeURL(m)); auth == nil {
					return false, nil
				}
			}
		}
	}
	return true, nil
}
