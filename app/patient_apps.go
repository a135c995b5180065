package app

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// patientApps admits an app a patient authorised through x/authz: the app may
// sign a transaction made only of MsgExec it sends as grantee, each carrying
// only messages signed by known patients who granted the app that message
// type and whose own key still controls them.
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
				// A rotated patient's grants were given by its old key.
				if rotated, err := p.app.ConsortiumKeeper.KeyRotated(ctx, g); err != nil || rotated {
					if err == nil {
						err = errorsmod.Wrapf(consortiumtypes.ErrKeyRotated, "%s: its x/authz grants are void", sdk.AccAddress(g))
					}
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
