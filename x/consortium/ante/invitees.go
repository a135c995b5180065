package ante

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consortium/types"
)

// InvitationHolder says whether an address holds an open agent invitation.
type InvitationHolder interface {
	HasInvitation(ctx context.Context, addr sdk.AccAddress) (bool, error)
}

// Invitees admits an address a member invited to be its agent, for a
// transaction made only of its own answers — accepting (MsgAcceptAgent) or
// declining (MsgRemoveAgent of itself) — so it can consent to, or refuse,
// its enrolment with its own key before it is on the allowlist.
type Invitees struct{ Keeper InvitationHolder }

// IsAllowedTxSigner implements TxSignerAllower.
func (i Invitees) IsAllowedTxSigner(ctx sdk.Context, tx sdk.Tx, signer sdk.AccAddress) (bool, error) {
	msgs := tx.GetMsgs()
	if len(msgs) == 0 {
		return false, nil
	}
	for _, msg := range msgs {
		var own bool
		switch m := msg.(type) {
		case *types.MsgAcceptAgent:
			own = is(m.Agent, signer)
		case *types.MsgRemoveAgent:
			own = is(m.Signer, signer) && is(m.Agent, signer)
		}
		if !own {
			return false, nil
		}
	}
	return i.Keeper.HasInvitation(ctx, signer)
}

// is reports whether bech32 address s is addr.
func is(s string, addr sdk.AccAddress) bool {
	a, err := sdk.AccAddressFromBech32(s)
	return err == nil && a.Equals(addr)
}
