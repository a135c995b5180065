package ante_test

import (
	"testing"
	"time"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/keeper"
	"github.com/medchain/medchain/x/consortium/types"
)

// At the door: a rotated patient's own key is refused with ErrKeyRotated
// (alone or beside an allowed signer); its controller is admitted; a
// controller replaced by a later rotation, or a key a recovery will hand
// the address to before its time, is refused; from the recovery's
// effective time the new key is admitted, before BeginBlock writes it down.
func TestAllowlistFollowsTheController(t *testing.T) {
	s := signers(t)
	msgs := keeper.NewMsgServer(s.Consortium)
	anything := []sdk.Msg{removeAgent("hospital-a", "dr")}
	admitted := func(signers ...string) error {
		var n next
		_, err := allowlist(s).AnteHandle(s.Ctx, signedBy(anything, signers...), false, n.handle)
		require.Equal(t, err == nil, n.called)
		return err
	}
	require.NoError(t, admitted("jane"))
	testutil.RequireCode(t, admitted("phone-1"), types.ErrSignerNotAllowed, "not a controller yet")

	_, err := msgs.RotateKey(s.Ctx, &types.MsgRotateKey{Patient: str("jane"), NewController: str("phone-1")})
	require.NoError(t, err)
	testutil.RequireCode(t, admitted("jane"), types.ErrKeyRotated)
	testutil.RequireCode(t, admitted("hospital-a", "jane"), types.ErrKeyRotated)
	require.NoError(t, admitted("phone-1"))

	set := &types.MsgSetGuardians{Patient: str("jane"), Guardians: []string{str("hospital-a")}, Threshold: 1, Delay: 24 * time.Hour}
	_, err = msgs.SetGuardians(s.Ctx, set)
	testutil.RequireCode(t, err, types.ErrKeyRotated, "the patient message signed as jane, outside MsgActAsPatient")
	packed, err := codectypes.NewAnyWithValue(set)
	require.NoError(t, err)
	_, err = msgs.ActAsPatient(s.Ctx, &types.MsgActAsPatient{Controller: str("phone-1"), Patient: str("jane"), Msgs: []*codectypes.Any{packed}})
	require.NoError(t, err)
	_, err = msgs.StartRecovery(s.Ctx, &types.MsgStartRecovery{Guardian: str("hospital-a"), Patient: str("jane"), NewController: str("phone-2")})
	require.NoError(t, err)
	testutil.RequireCode(t, admitted("phone-2"), types.ErrSignerNotAllowed, "before the effective time")
	require.NoError(t, admitted("phone-1"), "the current controller may still cancel")

	s.At(s.Ctx.BlockTime().Add(24 * time.Hour))
	require.NoError(t, admitted("phone-2"), "from the effective time")
	testutil.RequireCode(t, admitted("phone-1"), types.ErrSignerNotAllowed, "replaced")
	require.NoError(t, s.Consortium.CompleteRecoveries(s.Ctx))
	require.NoError(t, admitted("phone-2"))
	testutil.RequireCode(t, admitted("phone-1"), types.ErrSignerNotAllowed)
	testutil.RequireCode(t, admitted("jane"), types.ErrKeyRotated)
}
