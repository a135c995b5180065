package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// A record makes its patient known: an account, the allowlist, an event,
// once.
func TestRegisterPatient(t *testing.T) {
	f := newFixture(t)
	ctx := f.FreshEvents()
	require.False(t, f.allowed(t, "jane"))
	require.NoError(t, f.K.RegisterPatient(ctx, f.Addr("jane")))
	require.True(t, f.allowed(t, "jane"))
	require.True(t, f.Accounts.HasAccount(ctx, f.Addr("jane")))
	require.NoError(t, f.K.RegisterPatient(ctx, f.Addr("jane")), "a second record changes nothing")
	require.Equal(t, []string{"medchain.consortium.v1.EventPatientKnown"}, testutil.EventTypes(ctx))
	known, err := f.K.IsPatient(ctx, f.Addr("jane"))
	require.NoError(t, err)
	require.True(t, known)
}

// Nobody who is or was a member operator or an agent comes back onto the
// allowlist as a patient: not a suspended or removed member, not an agent,
// not a removed agent.
func TestFormerParticipantsAreNeverPatients(t *testing.T) {
	f := enrolled(t)
	f.enrol(t, "hospital-a", "gone", staff)
	require.NoError(t, f.remove("hospital-a", "gone"))
	f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	f.SetStatus(t, "regulator", types.MemberStatus_MEMBER_STATUS_REMOVED)

	for _, name := range []string{"hospital-a", "hospital-b", "regulator", "dr-jones", "gone"} {
		testutil.RequireCode(t, f.K.RegisterPatient(f.Ctx, f.Addr(name)), types.ErrNotAPatient, name)
		known, err := f.K.IsPatient(f.Ctx, f.Addr(name))
		require.NoError(t, err)
		require.False(t, known, name)
	}
	require.False(t, f.allowed(t, "hospital-b"), "the suspended member stays shut out")
	require.False(t, f.allowed(t, "gone"), "the removed agent stays shut out")
}

func TestIsOrWasParticipant(t *testing.T) {
	f := enrolled(t)
	require.NoError(t, f.invite("hospital-a", "invited", clinician))
	for name, want := range map[string]bool{"hospital-a": true, "regulator": true, "dr-jones": true, "invited": false, "stranger": false} {
		got, err := f.K.IsOrWasParticipant(f.Ctx, f.Addr(name))
		require.NoError(t, err)
		require.Equal(t, want, got, name)
	}
}
