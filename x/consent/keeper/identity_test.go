package keeper_test

import (
	"testing"
	"time"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// asController sends msg for patient-1 through MsgActAsPatient signed by controller.
func (f *fixture) asController(t testing.TB, controller string, msg sdk.Msg) error {
	t.Helper()
	a, err := codectypes.NewAnyWithValue(msg)
	require.NoError(t, err)
	_, err = consortiumkeeper.NewMsgServer(f.Consortium).ActAsPatient(f.Ctx, &consortiumtypes.MsgActAsPatient{
		Controller: f.Str(controller), Patient: f.Str("patient-1"), Msgs: []*codectypes.Any{a},
	})
	return err
}

// After patient-1 rotates to a new phone, every patient message signed as
// patient-1 — directly, or by an app through x/authz (which reaches the msg
// server the same way) — is refused; the same messages through the new
// phone's MsgActAsPatient work, and the records, grants and requests still
// name patient-1.
func TestOldKeyRefusedInEveryPatientMessage(t *testing.T) {
	f, granted := granted(t, "dr-a")
	asked := f.ask(t, f.requestMsg("dr-b", "patient-1"))
	cm := consortiumkeeper.NewMsgServer(f.Consortium)
	_, err := cm.RotateKey(f.Ctx, &consortiumtypes.MsgRotateKey{Patient: f.Str("patient-1"), NewController: f.Str("new-phone")})
	require.NoError(t, err)

	_, err = f.Msgs.GrantConsent(f.Ctx, f.grantMsg("nurse-a"))
	testutil.RequireCode(t, err, consortiumtypes.ErrKeyRotated, "grant")
	testutil.RequireCode(t, f.revoke(t, "patient-1", granted), consortiumtypes.ErrKeyRotated, "revoke")
	_, err = f.respond("patient-1", asked, approve, nil, nil)
	testutil.RequireCode(t, err, consortiumtypes.ErrKeyRotated, "approve")
	_, err = f.respond("patient-1", asked, decline, nil, nil)
	testutil.RequireCode(t, err, consortiumtypes.ErrKeyRotated, "decline")

	require.NoError(t, f.asController(t, "new-phone", &types.MsgRevokeConsent{Patient: f.Str("patient-1"), GrantId: granted}))
	require.False(t, f.check(t, "dr-a", f.lab1, treat).Allowed, "the new key revoked the old grant")
	require.NoError(t, f.asController(t, "new-phone", &types.MsgRespondConsentRequest{
		Patient: f.Str("patient-1"), RequestId: asked, Response: approve, Duration: dur(time.Hour),
	}))
	require.True(t, f.check(t, "dr-b", f.lab1, treat).Allowed)
	require.NoError(t, f.asController(t, "new-phone", f.grantMsg("nurse-a")))
	g, err := f.K.GetGrant(f.Ctx, 3)
	require.NoError(t, err)
	require.Equal(t, f.Str("patient-1"), g.Patient, "the patient address never changes")
	testutil.RequireCode(t, f.asController(t, "stolen-old-phone", f.grantMsg("nurse-a")), consortiumtypes.ErrNotController)
}

// While guardians hold the identity locked: no new grant and no approval;
// revoking and declining still work.
func TestLockedIdentity(t *testing.T) {
	f, granted := granted(t, "dr-a")
	asked := f.ask(t, f.requestMsg("dr-b", "patient-1"))
	cm := consortiumkeeper.NewMsgServer(f.Consortium)
	_, err := cm.SetGuardians(f.Ctx, &consortiumtypes.MsgSetGuardians{Patient: f.Str("patient-1"), Guardians: []string{f.Str("hospital-b")}, Threshold: 1, Delay: 24 * time.Hour})
	require.NoError(t, err)
	_, err = cm.StartRecovery(f.Ctx, &consortiumtypes.MsgStartRecovery{Guardian: f.Str("hospital-b"), Patient: f.Str("patient-1"), NewController: f.Str("new-phone")})
	require.NoError(t, err)

	_, err = f.Msgs.GrantConsent(f.Ctx, f.grantMsg("nurse-a"))
	testutil.RequireCode(t, err, consortiumtypes.ErrIdentityLocked)
	_, err = f.respond("patient-1", asked, approve, nil, nil)
	testutil.RequireCode(t, err, consortiumtypes.ErrIdentityLocked)
	_, err = f.respond("patient-1", asked, decline, nil, nil)
	require.NoError(t, err)
	require.NoError(t, f.revoke(t, "patient-1", granted))
}
