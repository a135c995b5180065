package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// A grant goes only to an address acting for an active member now: not to a
// suspended or removed member, an agent of one, an agent that was removed,
// or an address only invited to be an agent.
func TestGrantToInactiveGrantees(t *testing.T) {
	clin := consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN
	cases := []struct {
		name    string
		setup   func(t *testing.T, f *fixture)
		grantee string
	}{
		{"suspended member's operator", func(t *testing.T, f *fixture) {
			f.SetStatus(t, "hospital-a", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
		}, "hospital-a"},
		{"suspended member's agent", func(t *testing.T, f *fixture) {
			f.SetStatus(t, "hospital-a", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
		}, "dr-a"},
		{"removed member's agent", func(t *testing.T, f *fixture) {
			f.SetStatus(t, "hospital-b", consortiumtypes.MemberStatus_MEMBER_STATUS_REMOVED)
		}, "dr-b"},
		{"removed agent", func(t *testing.T, f *fixture) {
			require.NoError(t, f.Consortium.RemoveAgent(f.Ctx, f.Addr("hospital-a"), f.Addr("nurse-a")))
		}, "nurse-a"},
		{"agent that left on its own", func(t *testing.T, f *fixture) {
			require.NoError(t, f.Consortium.RemoveAgent(f.Ctx, f.Addr("dr-a"), f.Addr("dr-a")))
		}, "dr-a"},
		{"invited, not yet accepted", func(t *testing.T, f *fixture) {
			require.NoError(t, f.Consortium.AddAgent(f.Ctx, f.Addr("hospital-a"), f.Addr("locum"), clin))
		}, "locum"},
		{"another patient", func(*testing.T, *fixture) {}, "patient-2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tc.setup(t, f)
			_, err := f.Msgs.GrantConsent(f.Ctx, f.grantMsg(tc.grantee))
			testutil.RequireCode(t, err, types.ErrInvalidGrantee)
		})
	}

	// An observer member is an active member: it may be granted.
	f, id := granted(t, "lab-c")
	g, err := f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, f.Str("lab-c"), g.GranteeMember)
}

// A member-wide grant covers the member's agents only while they act for
// it: an agent that moves to another member leaves the grant behind, while
// the member's other agents keep it.
func TestMemberGrantStaysWithTheMember(t *testing.T) {
	f, id := granted(t, "hospital-a")
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed)

	require.NoError(t, f.Consortium.RemoveAgent(f.Ctx, f.Addr("dr-a"), f.Addr("dr-a")))
	require.Equal(t, types.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE, f.check(t, "dr-a", f.lab1, treat).Reason,
		"between members the address acts for nobody")
	require.NoError(t, f.Consortium.AddAgent(f.Ctx, f.Addr("hospital-b"), f.Addr("dr-a"), consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN))
	require.NoError(t, f.Consortium.AcceptAgent(f.Ctx, f.Addr("dr-a"), f.Addr("hospital-b")))
	d := f.check(t, "dr-a", f.lab1, treat)
	require.Equal(t, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, d.Reason)
	require.Equal(t, f.Str("hospital-b"), d.AccessorMember)

	d = f.check(t, "nurse-a", f.lab1, treat)
	require.True(t, d.Allowed)
	require.Equal(t, id, d.GrantID)
	require.Equal(t, f.Str("hospital-a"), d.AccessorMember)
}

// Decisions read membership when they are made: a suspended member's
// operator and agents are refused, and the grant, untouched, allows again
// once the member is active.
func TestSuspensionPausesGrants(t *testing.T) {
	f, id := granted(t, "hospital-a")
	f.SetStatus(t, "hospital-a", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
	for _, who := range []string{"hospital-a", "dr-a", "nurse-a"} {
		d := f.check(t, who, f.lab1, treat)
		require.Equal(t, types.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE, d.Reason, who)
		require.Empty(t, d.AccessorMember, who)
	}
	g, err := f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_ACTIVE, g.Status)

	f.SetStatus(t, "hospital-a", consortiumtypes.MemberStatus_MEMBER_STATUS_ACTIVE)
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed)
}

// Revocation as an attacker: only the grant's patient revokes, whoever else
// asks and whatever the grant's state; a grant marked expired cannot be
// revoked; and revoking one grant leaves the patient's others in force.
func TestRevokeRefusals(t *testing.T) {
	f, id := granted(t, "hospital-a")
	keep := f.grant(t, f.grantMsg("dr-b"))
	short := f.grantMsg("nurse-a")
	short.ExpiresAt = t0.Add(time.Hour)
	expiring := f.grant(t, short)

	testutil.RequireCode(t, f.revoke(t, "hospital-a", id), types.ErrNotPatient, "the grantee member's operator")
	testutil.RequireCode(t, f.revoke(t, "patient-1", 0), types.ErrGrantNotFound, "grant 0")
	_, err := f.Msgs.RevokeConsent(f.Ctx, &types.MsgRevokeConsent{Patient: "patient-1", GrantId: id})
	testutil.RequireCode(t, err, types.ErrInvalidAddress)

	require.NoError(t, f.revoke(t, "patient-1", id))
	testutil.RequireCode(t, f.revoke(t, "patient-2", id), types.ErrNotPatient, "ownership is checked before the status")
	d := f.check(t, "dr-b", f.lab1, treat)
	require.True(t, d.Allowed)
	require.Equal(t, keep, d.GrantID)

	f.At(t0.Add(2 * time.Hour))
	require.NoError(t, f.K.MarkExpired(f.Ctx))
	testutil.RequireCode(t, f.revoke(t, "patient-1", expiring), types.ErrNotActive, "marked expired")
	g, err := f.K.GetGrant(f.Ctx, expiring)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_EXPIRED, g.Status, "a refused revocation changes nothing")
	require.Equal(t, t0.Add(2*time.Hour), *g.EndedAt)
}

// A patient never grants to themself, even where the stateless check is
// bypassed (the keeper is the last line).
func TestSelfGrantRefusedByTheKeeper(t *testing.T) {
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.Patient = msg.Grantee
	_, err := f.Msgs.GrantConsent(f.Ctx, msg)
	testutil.RequireCode(t, err, types.ErrInvalidGrantee)
	require.ErrorContains(t, err, "themself")
}
