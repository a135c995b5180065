package keeper_test

import (
	"testing"
	"time"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

const day = 24 * time.Hour

// patients registers known patients.
func (f *fixture) patients(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		require.NoError(t, f.K.RegisterPatient(f.Ctx, f.Addr(n)))
	}
}

func (f *fixture) rotate(patient, next string) error {
	_, err := f.Msgs.RotateKey(f.Ctx, &types.MsgRotateKey{Patient: f.Str(patient), NewController: f.Str(next)})
	return err
}

// asPatient sends msgs for patient signed by controller.
func (f *fixture) asPatient(t testing.TB, controller, patient string, msgs ...sdk.Msg) error {
	t.Helper()
	m := &types.MsgActAsPatient{Controller: f.Str(controller), Patient: f.Str(patient)}
	for _, msg := range msgs {
		a, err := codectypes.NewAnyWithValue(msg)
		require.NoError(t, err)
		m.Msgs = append(m.Msgs, a)
	}
	_, err := f.Msgs.ActAsPatient(f.Ctx, m)
	return err
}

func (f *fixture) identity(t testing.TB, patient string) *types.QueryIdentityResponse {
	t.Helper()
	res, err := f.Queries.Identity(f.Ctx, &types.QueryIdentityRequest{Patient: f.Str(patient)})
	require.NoError(t, err)
	return res
}

func (f *fixture) setGuardians(patient string, threshold uint32, delay time.Duration, guardians ...string) error {
	msg := &types.MsgSetGuardians{Patient: f.Str(patient), Threshold: threshold, Delay: delay}
	for _, g := range guardians {
		msg.Guardians = append(msg.Guardians, f.Str(g))
	}
	_, err := f.Msgs.SetGuardians(f.Ctx, msg)
	return err
}

func (f *fixture) start(guardian, patient, next string) error {
	_, err := f.Msgs.StartRecovery(f.Ctx, &types.MsgStartRecovery{Guardian: f.Str(guardian), Patient: f.Str(patient), NewController: f.Str(next)})
	return err
}

func (f *fixture) approveRecovery(guardian, patient, next string) error {
	_, err := f.Msgs.ApproveRecovery(f.Ctx, &types.MsgApproveRecovery{Guardian: f.Str(guardian), Patient: f.Str(patient), NewController: f.Str(next)})
	return err
}

// After a rotation the patient address keeps its name; only the new key
// acts for it: the old key is refused by the signer allowlist and in every
// message, and the new key is refused once it is rotated away in turn.
func TestRotateKey(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane")
	require.True(t, f.allowed(t, "jane"))
	require.False(t, f.allowed(t, "phone-2"), "a fresh key signs nothing yet")

	require.NoError(t, f.rotate("jane", "phone-2"))
	require.Equal(t, f.Str("phone-2"), f.identity(t, "jane").Identity.Controller)
	_, err := f.K.IsAllowedSigner(f.Ctx, f.Addr("jane"))
	testutil.RequireCode(t, err, types.ErrKeyRotated, "the old key at the door")
	require.True(t, f.allowed(t, "phone-2"), "the controller signs")
	testutil.RequireCode(t, f.rotate("jane", "thief-key"), types.ErrKeyRotated, "the old key rotating directly")

	// The controller rotates through MsgActAsPatient.
	require.NoError(t, f.asPatient(t, "phone-2", "jane", &types.MsgRotateKey{Patient: f.Str("jane"), NewController: f.Str("phone-3")}))
	require.Equal(t, f.Str("phone-3"), f.identity(t, "jane").Identity.Controller)
	require.False(t, f.allowed(t, "phone-2"), "a replaced controller signs nothing")
	testutil.RequireCode(t, f.asPatient(t, "phone-2", "jane", &types.MsgCancelRecovery{Patient: f.Str("jane")}), types.ErrNotController)
	testutil.RequireCode(t, f.asPatient(t, "jane", "jane", &types.MsgCancelRecovery{Patient: f.Str("jane")}), types.ErrNotController)
}

// A controller is a fresh key: never a member, an agent, a patient, a
// guardian or another identity's controller.
func TestControllerIsFresh(t *testing.T) {
	f := newFixture(t)
	f.enrol(t, "hospital-a", "dr", clinician)
	f.patients(t, "jane", "john")
	require.NoError(t, f.rotate("john", "johns-phone"))
	require.NoError(t, f.setGuardians("jane", 1, day, "hospital-b"))
	for _, taken := range []string{"hospital-a", "dr", "john", "johns-phone", "hospital-b", "jane"} {
		err := f.rotate("jane", taken)
		require.Error(t, err, taken)
	}
	testutil.RequireCode(t, f.rotate("jane", "john"), types.ErrInvalidController)
	testutil.RequireCode(t, f.rotate("jane", "johns-phone"), types.ErrInvalidController)
	require.Equal(t, f.Str("jane"), f.identity(t, "jane").Identity.Controller)
}

// MsgActAsPatient carries only patient messages signed by that patient alone.
func TestActAsPatientCarriesPatientMessagesOnly(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "john")
	require.NoError(t, f.rotate("jane", "phone"))
	testutil.RequireCode(t, f.asPatient(t, "phone", "jane", &types.MsgRotateKey{Patient: f.Str("john"), NewController: f.Str("x")}),
		types.ErrNotPatientMsg, "another patient's message")
	testutil.RequireCode(t, f.asPatient(t, "phone", "jane", &types.MsgAddAgent{Operator: f.Str("jane"), Agent: f.Str("x"), Role: staff}),
		types.ErrNotPatientMsg, "not a patient message")
	inner := &types.MsgActAsPatient{Controller: f.Str("phone"), Patient: f.Str("jane")}
	testutil.RequireCode(t, f.asPatient(t, "phone", "jane", inner), types.ErrNotPatientMsg, "nested")
	testutil.RequireMsgCases(t,
		testutil.Case("no message", &types.MsgActAsPatient{Controller: f.Str("phone"), Patient: f.Str("jane")}, types.ErrNotPatientMsg),
		testutil.Case("the patient itself", &types.MsgActAsPatient{Controller: f.Str("jane"), Patient: f.Str("jane")}, types.ErrNotController),
	)
}

// Guardians: known patients or members' keys, within the params.
func TestSetGuardiansRules(t *testing.T) {
	f := newFixture(t)
	f.enrol(t, "hospital-a", "family-doctor", clinician)
	f.patients(t, "jane", "sister")
	require.NoError(t, f.setGuardians("jane", 2, day, "sister", "family-doctor", "hospital-b"))
	id := f.identity(t, "jane").Identity
	require.Len(t, id.Guardians, 3)
	require.EqualValues(t, 2, id.Threshold)

	testutil.RequireCode(t, f.setGuardians("jane", 1, day, "stranger"), types.ErrInvalidGuardians, "an unknown key")
	testutil.RequireCode(t, f.setGuardians("jane", 1, day-time.Second, "sister"), types.ErrInvalidGuardians, "under min_recovery_delay")
	testutil.RequireCode(t, f.setGuardians("jane", 4, day, "sister", "hospital-b"), types.ErrInvalidGuardians, "threshold over the count")
	testutil.RequireCode(t, f.setGuardians("jane", 0, day, "sister"), types.ErrInvalidGuardians, "threshold 0")
	testutil.RequireCode(t, f.setGuardians("jane", 1, day, "jane"), types.ErrInvalidGuardians, "oneself")
	p := types.DefaultParams()
	p.MaxGuardians = 2
	require.NoError(t, f.K.Params.Set(f.Ctx, p))
	testutil.RequireCode(t, f.setGuardians("jane", 1, day, "sister", "family-doctor", "hospital-b"), types.ErrInvalidGuardians, "over max_guardians")
	require.NoError(t, f.setGuardians("jane", 0, 0), "no guardians clears them")
	require.Empty(t, f.identity(t, "jane").Identity.Guardians)
}

// Two of three guardians recover a lost key: one approval is not enough;
// the second locks the identity at once and the new key takes over after
// the delay, not a nanosecond before.
func TestRecoveryTwoOfThree(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "g1", "g2", "g3")
	require.NoError(t, f.setGuardians("jane", 2, 2*day, "g1", "g2", "g3"))
	testutil.RequireCode(t, f.start("stranger", "jane", "new-phone"), types.ErrNotGuardian)
	require.NoError(t, f.start("g1", "jane", "new-phone"))
	testutil.RequireCode(t, f.start("g2", "jane", "other-phone"), types.ErrRecoveryOpen)
	testutil.RequireCode(t, f.approveRecovery("g1", "jane", "new-phone"), types.ErrAlreadyApproved)
	testutil.RequireCode(t, f.approveRecovery("g2", "jane", "other-phone"), types.ErrNoRecovery, "an approval names the key it approves")
	res := f.identity(t, "jane")
	require.False(t, res.Locked, "one of two approvals locks nothing")
	require.NoError(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), true))

	ctx := f.FreshEvents()
	require.NoError(t, f.approveRecovery("g2", "jane", "new-phone"))
	require.Contains(t, testutil.EventTypes(ctx), "medchain.consortium.v1.EventIdentityLocked")
	res = f.identity(t, "jane")
	require.True(t, res.Locked)
	require.Equal(t, f.Ctx.BlockTime().Add(2*day), *res.Recovery.EffectiveAt)
	testutil.RequireCode(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), true), types.ErrIdentityLocked, "no new grant while locked")
	require.NoError(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), false), "revoking still works")
	testutil.RequireCode(t, f.setGuardians("jane", 1, day, "g1"), types.ErrIdentityLocked, "no new guardians while locked")
	testutil.RequireCode(t, f.rotate("jane", "thief"), types.ErrIdentityLocked, "no rotation while locked")

	start := f.Ctx.BlockTime()
	f.At(start.Add(2*day - time.Nanosecond))
	require.Equal(t, f.Str("jane"), f.identity(t, "jane").Identity.Controller)
	f.At(start.Add(2 * day))
	require.Equal(t, f.Str("new-phone"), f.identity(t, "jane").Identity.Controller, "from the effective time, before BeginBlock")
	require.True(t, f.allowed(t, "new-phone"))
	_, err := f.K.IsAllowedSigner(f.Ctx, f.Addr("jane"))
	testutil.RequireCode(t, err, types.ErrKeyRotated)

	ctx = f.FreshEvents()
	require.NoError(t, f.K.CompleteRecoveries(ctx))
	require.Equal(t, []string{"medchain.consortium.v1.EventKeyRotated"}, testutil.EventTypes(ctx))
	res = f.identity(t, "jane")
	require.Nil(t, res.Recovery)
	require.False(t, res.Locked)
	require.Len(t, res.Identity.Guardians, 3, "guardians stay")
	require.True(t, f.allowed(t, "new-phone"))
	ctx = f.FreshEvents()
	require.NoError(t, f.K.CompleteRecoveries(ctx))
	require.Empty(t, testutil.EventTypes(ctx), "done once")
}

// The controller may cancel within the delay; the lock outlasts the cancel
// by one delay, so a thief holding the key cannot grant meanwhile.
func TestCancelRecoveryKeepsTheLockOneDelay(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "g1", "g2")
	require.NoError(t, f.setGuardians("jane", 2, day, "g1", "g2"))
	_, err := f.Msgs.CancelRecovery(f.Ctx, &types.MsgCancelRecovery{Patient: f.Str("jane")})
	testutil.RequireCode(t, err, types.ErrNoRecovery)
	require.NoError(t, f.start("g1", "jane", "new-phone"))
	require.NoError(t, f.approveRecovery("g2", "jane", "new-phone"))
	f.later(time.Hour)
	_, err = f.Msgs.CancelRecovery(f.Ctx, &types.MsgCancelRecovery{Patient: f.Str("jane")})
	require.NoError(t, err)
	res := f.identity(t, "jane")
	require.Nil(t, res.Recovery)
	require.True(t, res.Locked)
	f.later(day - time.Nanosecond)
	testutil.RequireCode(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), true), types.ErrIdentityLocked)
	require.NoError(t, f.K.CompleteRecoveries(f.Ctx))
	require.Equal(t, f.Str("jane"), f.identity(t, "jane").Identity.Controller, "the cancelled recovery never completes")
	f.later(time.Nanosecond)
	require.NoError(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), true), "unlocked a delay after the cancel")
	// The guardians may start again.
	require.NoError(t, f.start("g2", "jane", "new-phone"))
}

// A guardian removed mid-recovery no longer approves, and its approval
// stops counting.
func TestGuardianRemovedMidRecovery(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "g1", "g2", "g3", "g4")
	require.NoError(t, f.setGuardians("jane", 2, day, "g1", "g2", "g3"))
	require.NoError(t, f.start("g1", "jane", "new-phone"))
	require.NoError(t, f.setGuardians("jane", 2, day, "g2", "g3", "g4"))
	testutil.RequireCode(t, f.approveRecovery("g1", "jane", "new-phone"), types.ErrNotGuardian)
	require.NoError(t, f.approveRecovery("g2", "jane", "new-phone"))
	require.False(t, f.identity(t, "jane").Locked, "g1's approval no longer counts")
	require.NoError(t, f.approveRecovery("g4", "jane", "new-phone"))
	require.True(t, f.identity(t, "jane").Locked)
}

// A threshold of one: the starting guardian alone locks.
func TestRecoveryThresholdOne(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane")
	require.NoError(t, f.setGuardians("jane", 1, day, "hospital-b"))
	require.NoError(t, f.start("hospital-b", "jane", "new-phone"))
	require.True(t, f.identity(t, "jane").Locked)
	testutil.RequireCode(t, f.start("hospital-b", "jane", "hospital-a"), types.ErrRecoveryOpen)
}
