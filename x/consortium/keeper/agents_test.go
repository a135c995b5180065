package keeper_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// An invitation enrols nobody: the address becomes an agent only when it
// accepts with its own key, and then its other invitations end.
func TestInviteThenAccept(t *testing.T) {
	f := newFixture(t)
	ctx := f.FreshEvents()

	require.False(t, f.Accounts.HasAccount(ctx, f.Addr("dr-jones")))
	require.NoError(t, f.invite("hospital-a", "dr-jones", clinician))
	require.NoError(t, f.invite("hospital-b", "dr-jones", staff))
	require.True(t, f.Accounts.HasAccount(ctx, f.Addr("dr-jones")), "the invited address can sign its answer")
	require.Equal(t, []string{"medchain.consortium.v1.EventAgentInvited", "medchain.consortium.v1.EventAgentInvited"}, testutil.EventTypes(ctx))

	_, err := f.K.GetAgent(ctx, f.Addr("dr-jones"))
	testutil.RequireCode(t, err, types.ErrAgentNotFound, "invited is not enrolled")
	require.False(t, f.allowed(t, "dr-jones"), "an invited address is not on the allowlist")
	invs, err := f.Queries.Invitations(ctx, &types.QueryInvitationsRequest{Agent: f.Str("dr-jones")})
	require.NoError(t, err)
	require.Len(t, invs.Invitations, 2)
	require.Equal(t, f.Ctx.BlockTime().Add(types.DefaultAgentInvitationTTL), invs.Invitations[0].ExpiresAt)

	ctx = f.FreshEvents()
	require.NoError(t, f.accept("dr-jones", "hospital-a"))
	a, err := f.K.GetAgent(ctx, f.Addr("dr-jones"))
	require.NoError(t, err)
	require.Equal(t, types.Agent{Address: f.Str("dr-jones"), Member: f.Str("hospital-a"), Role: clinician, AddedAt: ctx.BlockTime()}, a)
	require.True(t, f.allowed(t, "dr-jones"))
	require.Equal(t, []string{"medchain.consortium.v1.EventAgentInvitationEnded", "medchain.consortium.v1.EventAgentAdded"}, testutil.EventTypes(ctx))
	ended := ctx.EventManager().Events()[0]
	attrs := map[string]string{}
	for _, a := range ended.Attributes {
		attrs[a.Key] = a.Value
	}
	require.Equal(t, map[string]string{"member": `"` + f.Str("hospital-b") + `"`, "agent": `"` + f.Str("dr-jones") + `"`, "by": `"` + f.Str("dr-jones") + `"`},
		attrs, "hospital-b learns its invitation ended, by the agent")

	// hospital-b's invitation ended with the acceptance.
	invs, err = f.Queries.Invitations(ctx, &types.QueryInvitationsRequest{Agent: f.Str("dr-jones")})
	require.NoError(t, err)
	require.Empty(t, invs.Invitations)
	testutil.RequireCode(t, f.accept("dr-jones", "hospital-b"), types.ErrNoInvitation)
}

// The enrolment message is signed by the agent itself: its only signer is
// the agent field, so no member can accept on an address's behalf.
func TestAcceptIsSignedByTheAgent(t *testing.T) {
	f := newFixture(t)
	require.Equal(t, [][]byte{f.Addr("dr-jones")}, testutil.SignersOf(t, &types.MsgAcceptAgent{Agent: f.Str("dr-jones"), Member: f.Str("hospital-a")}))
	require.Equal(t, [][]byte{f.Addr("hospital-a")}, testutil.SignersOf(t, &types.MsgAddAgent{Operator: f.Str("hospital-a"), Agent: f.Str("dr-jones"), Role: clinician}))
	require.Equal(t, [][]byte{f.Addr("dr-jones")}, testutil.SignersOf(t, &types.MsgRemoveAgent{Signer: f.Str("dr-jones"), Agent: f.Str("dr-jones")}))
}

// A member cannot squat a clinician's address: the clinician accepts the
// invitation of the hospital it works for, and the squatter's lapses.
func TestSquattingAnInvitationFails(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.invite("hospital-b", "dr-jones", staff)) // the squatter
	require.NoError(t, f.invite("hospital-a", "dr-jones", clinician))
	require.NoError(t, f.accept("dr-jones", "hospital-a"))
	a, err := f.K.GetAgent(f.Ctx, f.Addr("dr-jones"))
	require.NoError(t, err)
	require.Equal(t, f.Str("hospital-a"), a.Member)
	invs, err := f.Queries.Invitations(f.Ctx, &types.QueryInvitationsRequest{Member: f.Str("hospital-b")})
	require.NoError(t, err)
	require.Empty(t, invs.Invitations)
}

// An invitation that lapsed is no longer listed, and cannot be accepted.
func TestExpiredInvitationsAreNotListed(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.invite("hospital-a", "dr-jones", clinician))
	f.At(f.Ctx.BlockTime().Add(types.DefaultAgentInvitationTTL))
	for _, req := range []*types.QueryInvitationsRequest{{Agent: f.Str("dr-jones")}, {Member: f.Str("hospital-a")}} {
		invs, err := f.Queries.Invitations(f.Ctx, req)
		require.NoError(t, err)
		require.Empty(t, invs.Invitations, "expired at exactly its expiry: %v", req)
	}
	testutil.RequireCode(t, f.accept("dr-jones", "hospital-a"), types.ErrInvitationExpired)
	f.At(f.Ctx.BlockTime().Add(-time.Nanosecond))
	invs, err := f.Queries.Invitations(f.Ctx, &types.QueryInvitationsRequest{Member: f.Str("hospital-a")})
	require.NoError(t, err)
	require.Len(t, invs.Invitations, 1, "open until its last nanosecond")
}

// A known patient can never be enrolled, by invitation or acceptance.
func TestPatientsAreNeverEnrolled(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.invite("hospital-a", "jane", clinician))
	require.NoError(t, f.K.RegisterPatient(f.Ctx, f.Addr("jane")))
	testutil.RequireCode(t, f.accept("jane", "hospital-a"), types.ErrAddressIsPatient, "invited before she became a patient")
	testutil.RequireCode(t, f.invite("hospital-b", "jane", staff), types.ErrAddressIsPatient)
	_, err := f.K.GetAgent(f.Ctx, f.Addr("jane"))
	testutil.RequireCode(t, err, types.ErrAgentNotFound)
}

func TestInvitationRefusals(t *testing.T) {
	f := enrolled(t)
	f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	cases := []struct {
		name string
		msg  types.MsgAddAgent
		want *errorsmod.Error
	}{
		{"signer is not a member", types.MsgAddAgent{Operator: f.Str("stranger"), Agent: f.Str("x"), Role: staff}, types.ErrMemberNotFound},
		{"an agent is not an operator", types.MsgAddAgent{Operator: f.Str("dr-jones"), Agent: f.Str("x"), Role: staff}, types.ErrMemberNotFound},
		{"suspended member", types.MsgAddAgent{Operator: f.Str("hospital-b"), Agent: f.Str("x"), Role: staff}, types.ErrMemberNotActive},
		{"already its agent", types.MsgAddAgent{Operator: f.Str("hospital-a"), Agent: f.Str("dr-jones"), Role: staff}, types.ErrDuplicateAgent},
		{"another member's agent", types.MsgAddAgent{Operator: f.Str("regulator"), Agent: f.Str("dr-jones"), Role: staff}, types.ErrDuplicateAgent},
		{"an active operator", types.MsgAddAgent{Operator: f.Str("hospital-a"), Agent: f.Str("regulator"), Role: staff}, types.ErrAddressIsMember},
		{"a suspended operator", types.MsgAddAgent{Operator: f.Str("hospital-a"), Agent: f.Str("hospital-b"), Role: staff}, types.ErrAddressIsMember},
		{"no role", types.MsgAddAgent{Operator: f.Str("hospital-a"), Agent: f.Str("x")}, types.ErrInvalidAgent},
		{"unknown role", types.MsgAddAgent{Operator: f.Str("hospital-a"), Agent: f.Str("x"), Role: 42}, types.ErrInvalidAgent},
		{"bad operator address", types.MsgAddAgent{Operator: "med1bad", Agent: f.Str("x"), Role: staff}, types.ErrInvalidAddress},
		{"bad agent address", types.MsgAddAgent{Operator: f.Str("hospital-a"), Agent: "cosmos1xyz", Role: staff}, types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Msgs.AddAgent(f.Ctx, &tc.msg)
			testutil.RequireCode(t, err, tc.want)
		})
	}
	invs, err := f.Queries.Invitations(f.Ctx, &types.QueryInvitationsRequest{Member: f.Str("hospital-a")})
	require.NoError(t, err)
	require.Empty(t, invs.Invitations, "no refused invitation was stored")
}

func TestAcceptRefusals(t *testing.T) {
	f := newFixture(t)
	testutil.RequireCode(t, f.accept("dr-jones", "hospital-a"), types.ErrNoInvitation, "never invited")

	require.NoError(t, f.invite("hospital-a", "late", clinician))
	f.later(types.DefaultAgentInvitationTTL)
	testutil.RequireCode(t, f.accept("late", "hospital-a"), types.ErrInvitationExpired, "at the expiry exactly")

	require.NoError(t, f.invite("hospital-b", "dr-b", clinician))
	f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	testutil.RequireCode(t, f.accept("dr-b", "hospital-b"), types.ErrMemberNotActive, "the member was suspended meanwhile")

	_, err := f.Msgs.AcceptAgent(f.Ctx, &types.MsgAcceptAgent{Agent: "med1bad", Member: f.Str("hospital-a")})
	testutil.RequireCode(t, err, types.ErrInvalidAddress)
}

func TestInvitationsPerMemberAreBounded(t *testing.T) {
	f := newFixture(t, func(s *testutil.Stack) { s.Genesis.Params.MaxInvitationsPerMember = 2 })
	require.NoError(t, f.invite("hospital-a", "a1", staff))
	require.NoError(t, f.invite("hospital-a", "a2", staff))
	testutil.RequireCode(t, f.invite("hospital-a", "a3", staff), types.ErrTooManyInvitations)
	require.NoError(t, f.invite("hospital-b", "b1", staff), "the bound is per member")

	// Accepted and expired invitations free their places.
	require.NoError(t, f.accept("a1", "hospital-a"))
	require.NoError(t, f.invite("hospital-a", "a3", staff))
	f.later(types.DefaultAgentInvitationTTL + time.Second)
	require.NoError(t, f.invite("hospital-a", "a4", staff))
	require.NoError(t, f.invite("hospital-a", "a5", staff))
	invs, err := f.Queries.Invitations(f.Ctx, &types.QueryInvitationsRequest{Member: f.Str("hospital-a")})
	require.NoError(t, err)
	require.Len(t, invs.Invitations, 2, "the expired ones were removed")
}

func TestAgentsPerMemberAreBounded(t *testing.T) {
	f := newFixture(t, func(s *testutil.Stack) { s.Genesis.Params.MaxAgentsPerMember = 2 })
	f.enrol(t, "hospital-a", "a1", staff)
	f.enrol(t, "hospital-a", "a2", staff)
	require.NoError(t, f.invite("hospital-a", "a3", staff))
	testutil.RequireCode(t, f.accept("a3", "hospital-a"), types.ErrTooManyAgents)
	f.enrol(t, "hospital-b", "b1", staff)
	require.NoError(t, f.remove("hospital-a", "a1"))
	require.NoError(t, f.accept("a3", "hospital-a"), "removing frees a place")
}

// An agent leaves by its member's operator's hand or its own; nobody else
// may remove it. The address stays a former agent for good.
func TestRemoveAgent(t *testing.T) {
	f := enrolled(t)
	f.enrol(t, "hospital-a", "nurse", clinician)

	testutil.RequireCode(t, f.remove("hospital-b", "dr-jones"), types.ErrNotOperator, "another member")
	testutil.RequireCode(t, f.remove("nurse", "dr-jones"), types.ErrNotOperator, "a colleague")
	testutil.RequireCode(t, f.remove("stranger", "dr-jones"), types.ErrNotOperator, "a stranger")
	testutil.RequireCode(t, f.remove("hospital-a", "nobody"), types.ErrAgentNotFound)

	ctx := f.FreshEvents()
	require.NoError(t, f.remove("hospital-a", "dr-jones"), "by its member's operator")
	require.NoError(t, f.remove("nurse", "nurse"), "by itself")
	require.Equal(t, []string{"medchain.consortium.v1.EventAgentRemoved", "medchain.consortium.v1.EventAgentRemoved"}, testutil.EventTypes(ctx))
	for _, name := range []string{"dr-jones", "nurse"} {
		_, err := f.K.GetAgent(f.Ctx, f.Addr(name))
		testutil.RequireCode(t, err, types.ErrAgentNotFound)
		require.False(t, f.allowed(t, name))
		former, err := f.K.FormerAgents.Has(f.Ctx, f.Addr(name))
		require.NoError(t, err)
		require.True(t, former)
	}
	list, err := f.Queries.AgentsByMember(f.Ctx, &types.QueryAgentsByMemberRequest{Member: f.Str("hospital-a")})
	require.NoError(t, err)
	require.Empty(t, list.Agents)

	// A clinician who changed hospitals is enrolled again, with its consent.
	f.enrol(t, "hospital-b", "dr-jones", clinician)
	require.True(t, f.allowed(t, "dr-jones"))
}

// An operator withdraws its invitation; the invited address declines all
// it holds; nobody else ends an invitation.
func TestWithdrawAndDeclineInvitations(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.invite("hospital-a", "dr-x", clinician))
	require.NoError(t, f.invite("hospital-b", "dr-x", clinician))
	testutil.RequireCode(t, f.remove("regulator", "dr-x"), types.ErrAgentNotFound, "not the inviting member")
	ctx := f.FreshEvents()
	require.NoError(t, f.remove("hospital-a", "dr-x"), "withdrawn")
	require.Equal(t, []string{"medchain.consortium.v1.EventAgentInvitationEnded"}, testutil.EventTypes(ctx))
	testutil.RequireCode(t, f.accept("dr-x", "hospital-a"), types.ErrNoInvitation)

	require.NoError(t, f.invite("regulator", "dr-x", staff))
	require.NoError(t, f.remove("dr-x", "dr-x"), "declined")
	invs, err := f.Queries.Invitations(f.Ctx, &types.QueryInvitationsRequest{Agent: f.Str("dr-x")})
	require.NoError(t, err)
	require.Empty(t, invs.Invitations)
	testutil.RequireCode(t, f.remove("dr-x", "dr-x"), types.ErrAgentNotFound, "nothing left to decline")
}

// HasInvitation answers the allowlist for invited addresses: only while an
// invitation is open.
func TestHasInvitation(t *testing.T) {
	f := newFixture(t)
	has := func() bool {
		ok, err := f.K.HasInvitation(f.Ctx, f.Addr("dr-x"))
		require.NoError(t, err)
		return ok
	}
	require.False(t, has())
	require.NoError(t, f.invite("hospital-a", "dr-x", clinician))
	require.True(t, has())
	f.later(types.DefaultAgentInvitationTTL)
	require.False(t, has(), "expired")
}
