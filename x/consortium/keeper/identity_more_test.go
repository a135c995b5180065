package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// The events of the messages a controller sends reach the transaction's
// events, so the patient's notifications show them.
func TestActAsPatientEmitsTheCarriedEvents(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane")
	require.NoError(t, f.rotate("jane", "phone"))
	ctx := f.FreshEvents()
	require.NoError(t, f.asPatient(t, "phone", "jane", &types.MsgRotateKey{Patient: f.Str("jane"), NewController: f.Str("phone-2")}))
	require.Contains(t, testutil.EventTypes(ctx), "medchain.consortium.v1.EventKeyRotated")
}

// BeginBlock completes at most RecoveryLimit recoveries per block, oldest
// first; the rest complete in the next block, and each identity already
// answers with its new controller from the effective time.
func TestRecoveriesCappedPerBlock(t *testing.T) {
	f := newFixture(t)
	const n = types.RecoveryLimit + 20
	f.patients(t, "guardian")
	for i := range n {
		p := fmt.Sprint("patient-", i)
		f.patients(t, p)
		require.NoError(t, f.setGuardians(p, 1, day, "guardian"))
		require.NoError(t, f.start("guardian", p, fmt.Sprint("phone-", i)))
	}
	f.later(day)
	require.Equal(t, f.Str("phone-119"), f.identity(t, "patient-119").Identity.Controller, "in effect before BeginBlock")
	for block, want := range []int{types.RecoveryLimit, 20, 0} {
		ctx := f.FreshEvents()
		require.NoError(t, f.K.CompleteRecoveries(ctx))
		require.Len(t, testutil.EventTypes(ctx), want, "block %d", block)
	}
	for i := range n {
		has, err := f.K.Recoveries.Has(f.Ctx, f.Addr(fmt.Sprint("patient-", i)))
		require.NoError(t, err)
		require.False(t, has)
	}
}

// Clearing the guardians ends an open recovery (not yet locked); a patient
// with no guardians cannot be recovered.
func TestClearingGuardiansEndsTheRecovery(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "g1", "g2")
	require.NoError(t, f.setGuardians("jane", 2, day, "g1", "g2"))
	require.NoError(t, f.start("g1", "jane", "phone"))
	require.NotNil(t, f.identity(t, "jane").Recovery)
	require.NoError(t, f.setGuardians("jane", 0, 0))
	res := f.identity(t, "jane")
	require.Nil(t, res.Recovery)
	require.Empty(t, res.Identity.Guardians)
	testutil.RequireCode(t, f.approveRecovery("g2", "jane", "phone"), types.ErrNotGuardian)
	testutil.RequireCode(t, f.start("g1", "jane", "phone"), types.ErrNotGuardian)
	_, err := f.K.Identities.Get(f.Ctx, f.Addr("jane"))
	require.Error(t, err, "an identity back to the defaults is not stored")
}

// A recovery may not hand the address to a key that is already something:
// a member, a patient, a guardian, or the key of a pending recovery.
func TestRecoveryToAFreshKeyOnly(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "john", "g1")
	require.NoError(t, f.setGuardians("jane", 1, day, "g1", "hospital-b"))
	require.NoError(t, f.setGuardians("john", 1, day, "g1"))
	require.NoError(t, f.start("g1", "john", "johns-phone"))
	for _, taken := range []string{"hospital-a", "john", "g1", "hospital-b", "jane"} {
		require.Error(t, f.start("g1", "jane", taken), taken)
	}
	testutil.RequireCode(t, f.start("g1", "jane", "johns-phone"), types.ErrInvalidController, "a key another recovery promised")
	f.later(day)
	testutil.RequireCode(t, f.start("g1", "jane", "johns-phone"), types.ErrInvalidController, "the key of a recovery in effect")
	require.NoError(t, f.K.CompleteRecoveries(f.Ctx))
	testutil.RequireCode(t, f.start("g1", "jane", "johns-phone"), types.ErrInvalidController, "another identity's controller")
}

// Who may guard: an active member's operator or agent, or a known patient;
// not a suspended member's operator or agent, not a removed agent, not a
// stranger, not the identity's own controller.
func TestGuardianEligibility(t *testing.T) {
	f := newFixture(t)
	f.enrol(t, "hospital-a", "family-doctor", clinician)
	f.enrol(t, "hospital-b", "nurse-b", staff)
	f.enrol(t, "hospital-a", "leaver", staff)
	require.NoError(t, f.remove("leaver", "leaver"))
	f.patients(t, "jane", "sister")
	require.NoError(t, f.setGuardians("jane", 1, day, "family-doctor"))
	require.NoError(t, f.setGuardians("jane", 1, day, "sister"))
	require.NoError(t, f.setGuardians("jane", 1, day, "hospital-b"))
	f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	for _, g := range []string{"hospital-b", "nurse-b", "leaver", "stranger"} {
		testutil.RequireCode(t, f.setGuardians("jane", 1, day, g), types.ErrInvalidGuardians, g)
	}
	require.NoError(t, f.rotate("jane", "phone"))
	err := f.asPatient(t, "phone", "jane", &types.MsgSetGuardians{Patient: f.Str("jane"), Guardians: []string{f.Str("phone")}, Threshold: 1, Delay: day})
	testutil.RequireCode(t, err, types.ErrInvalidGuardians, "the controller guarding itself")
	require.NoError(t, f.asPatient(t, "phone", "jane", &types.MsgSetGuardians{Patient: f.Str("jane"), Guardians: []string{f.Str("sister")}, Threshold: 1, Delay: day}))
}

// Guardians alone rotate nothing: the address keeps signing for itself.
func TestGuardiansAloneKeepTheKey(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "sister")
	require.NoError(t, f.setGuardians("jane", 1, day, "sister"))
	rotated, err := f.K.KeyRotated(f.Ctx, f.Addr("jane"))
	require.NoError(t, err)
	require.False(t, rotated)
	require.True(t, f.allowed(t, "jane"))
	rotated, err = f.K.KeyRotated(f.Ctx, f.Addr("sister"))
	require.NoError(t, err)
	require.False(t, rotated, "no identity at all")
	ok, err := f.K.IsController(f.Ctx, f.Addr("jane"))
	require.NoError(t, err)
	require.False(t, ok, "a patient's own key is not counted as a controller")
}

// After export and import the key an open recovery promised is still
// taken, and the recovery still completes.
func TestPendingControllersSurviveGenesis(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "john", "g1")
	require.NoError(t, f.setGuardians("jane", 1, day, "g1"))
	require.NoError(t, f.setGuardians("john", 1, day, "g1"))
	require.NoError(t, f.start("g1", "jane", "janes-phone"))
	gs, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	g := unbuilt(t)
	g.Genesis = *gs
	g.Build()
	testutil.RequireCode(t, g.start("g1", "john", "janes-phone"), types.ErrInvalidController)
	g.later(day)
	require.NoError(t, g.K.CompleteRecoveries(g.Ctx))
	require.Equal(t, g.Str("janes-phone"), g.identity(t, "jane").Identity.Controller)
	has, err := g.K.PendingControllers.Has(g.Ctx, g.Addr("janes-phone"))
	require.NoError(t, err)
	require.False(t, has, "freed once in effect")
}
