package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// SetMember, the one way membership changes after genesis, refuses every
// malformed or conflicting member with its own code and leaves the store as
// it was.
func TestSetMemberErrors(t *testing.T) {
	cases := []struct {
		name   string
		member func(f *fixture) types.Member
		want   *errorsmod.Error
	}{
		{"an agent as operator", func(f *fixture) types.Member {
			return f.NewMember("dr-jones", false, types.Role_ROLE_LAB)
		}, types.ErrInvalidMember},
		{"more node IDs than max_node_ids_per_member", func(f *fixture) types.Member {
			m := f.NewMember("hospital-c", false, types.Role_ROLE_LAB)
			m.NodeIds = []string{testutil.NodeID("c-1"), testutil.NodeID("c-2"), testutil.NodeID("c-3")}
			return m
		}, types.ErrInvalidMember},
		{"a regulator taking a consensus key", func(f *fixture) types.Member {
			return f.NewMember("regulator", true, types.Role_ROLE_REGULATOR)
		}, types.ErrInvalidMember},
		{"an upper-case node ID", func(f *fixture) types.Member {
			m := f.NewMember("hospital-c", false, types.Role_ROLE_LAB)
			m.NodeIds = []string{"ABCDEF0123456789ABCDEF0123456789ABCDEF01"}
			return m
		}, types.ErrInvalidNodeID},
		{"a member taking another's node ID", func(f *fixture) types.Member {
			m := f.NewMember("regulator", false, types.Role_ROLE_REGULATOR)
			m.NodeIds = []string{testutil.NodeID("regulator"), testutil.NodeID("hospital-b")}
			return m
		}, types.ErrDuplicateNodeID},
		{"a 33-byte consensus key", func(f *fixture) types.Member {
			m := f.NewMember("hospital-c", false, types.Role_ROLE_HOSPITAL)
			m.ConsensusPubkey = make([]byte, 33)
			return m
		}, types.ErrInvalidPubKey},
		{"a malformed operator", func(f *fixture) types.Member {
			m := f.NewMember("hospital-c", false, types.Role_ROLE_LAB)
			m.Operator = "med1notanaddress"
			return m
		}, types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, func(s *testutil.Stack) { s.Genesis.Params.MaxNodeIdsPerMember = 2 })
			f.enrol(t, "hospital-a", "dr-jones", clinician)
			before, err := f.K.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			testutil.RequireCode(t, f.K.SetMember(f.Ctx, tc.member(f)), tc.want)
			after, err := f.K.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a refused member changes nothing")
			require.True(t, f.allowed(t, "dr-jones"))
		})
	}
}

// The enrolment messages' refusals not covered by the invitation tests: the
// inviting operator itself, a removed member, an address that became a
// member or an agent after it was invited, and malformed removals.
func TestEnrolmentErrors(t *testing.T) {
	cases := []struct {
		name      string
		invitedBy string // the member that invites dr-x first, if any
		run       func(t *testing.T, f *fixture) error
		want      *errorsmod.Error
	}{
		{"an operator inviting itself", "", func(t *testing.T, f *fixture) error {
			return f.invite("hospital-a", "hospital-a", staff)
		}, types.ErrAddressIsMember},
		{"a removed member inviting", "", func(t *testing.T, f *fixture) error {
			f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_REMOVED)
			return f.invite("hospital-b", "dr-x", staff)
		}, types.ErrMemberNotActive},
		{"accepting a member removed since it invited", "hospital-b", func(t *testing.T, f *fixture) error {
			f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_REMOVED)
			return f.accept("dr-x", "hospital-b")
		}, types.ErrMemberNotActive},
		{"accepting after becoming a member", "hospital-a", func(t *testing.T, f *fixture) error {
			require.NoError(t, f.K.SetMember(f.Ctx, f.NewMember("dr-x", false, types.Role_ROLE_LAB)))
			return f.accept("dr-x", "hospital-a")
		}, types.ErrAddressIsMember},
		{"accepting while an agent", "", func(t *testing.T, f *fixture) error {
			f.enrol(t, "hospital-a", "dr-x", clinician)
			stale := types.AgentInvitation{Agent: f.Str("dr-x"), Member: f.Str("hospital-b"), Role: staff,
				InvitedAt: f.Ctx.BlockTime(), ExpiresAt: f.Ctx.BlockTime().Add(types.DefaultAgentInvitationTTL)}
			require.NoError(t, f.K.Invitations.Set(f.Ctx, collections.Join(f.Addr("dr-x"), f.Addr("hospital-b")), stale))
			return f.accept("dr-x", "hospital-b")
		}, types.ErrDuplicateAgent},
		{"accepting an invitation from a non-member", "", func(t *testing.T, f *fixture) error {
			return f.accept("dr-x", "stranger")
		}, types.ErrNoInvitation},
		{"accepting another address's invitation", "hospital-a", func(t *testing.T, f *fixture) error {
			return f.accept("dr-y", "hospital-a")
		}, types.ErrNoInvitation},
		{"removal with a malformed signer", "", func(t *testing.T, f *fixture) error {
			_, err := f.Msgs.RemoveAgent(f.Ctx, &types.MsgRemoveAgent{Signer: "med1", Agent: f.Str("dr-x")})
			return err
		}, types.ErrInvalidAddress},
		{"removal of a malformed agent", "", func(t *testing.T, f *fixture) error {
			_, err := f.Msgs.RemoveAgent(f.Ctx, &types.MsgRemoveAgent{Signer: f.Str("hospital-a"), Agent: ""})
			return err
		}, types.ErrInvalidAddress},
		{"accepting with a malformed member", "", func(t *testing.T, f *fixture) error {
			_, err := f.Msgs.AcceptAgent(f.Ctx, &types.MsgAcceptAgent{Agent: f.Str("dr-x"), Member: "hospital-a"})
			return err
		}, types.ErrInvalidAddress},
		{"another member withdrawing an invitation", "hospital-a", func(t *testing.T, f *fixture) error {
			return f.remove("hospital-b", "dr-x")
		}, types.ErrAgentNotFound},
		{"the agent's colleague removing a removed agent", "", func(t *testing.T, f *fixture) error {
			f.enrol(t, "hospital-a", "dr-x", clinician)
			require.NoError(t, f.remove("dr-x", "dr-x"))
			return f.remove("hospital-a", "dr-x")
		}, types.ErrAgentNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if tc.invitedBy != "" {
				require.NoError(t, f.invite(tc.invitedBy, "dr-x", staff))
			}
			testutil.RequireCode(t, tc.run(t, f), tc.want)
		})
	}
}

// The member an address signs for, as x/records, x/consent and x/audit ask
// it: only an active member's operator or agent has one.
func TestSignerMemberErrors(t *testing.T) {
	f := enrolled(t)
	f.enrol(t, "hospital-b", "dr-b", clinician)
	f.enrol(t, "hospital-a", "gone", staff)
	require.NoError(t, f.remove("hospital-a", "gone"))
	require.NoError(t, f.invite("hospital-a", "invited", staff))
	require.NoError(t, f.K.RegisterPatient(f.Ctx, f.Addr("jane")))
	f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_REMOVED)

	for name, want := range map[string]*errorsmod.Error{
		"invited":    types.ErrSignerNotAllowed,
		"gone":       types.ErrSignerNotAllowed,
		"jane":       types.ErrSignerNotAllowed,
		"stranger":   types.ErrSignerNotAllowed,
		"hospital-b": types.ErrMemberNotActive,
		"dr-b":       types.ErrMemberNotActive,
	} {
		_, err := f.K.SignerMember(f.Ctx, f.Addr(name))
		testutil.RequireCode(t, err, want, name)
	}
	for _, name := range []string{"hospital-a", "regulator", "dr-jones"} {
		_, err := f.K.SignerMember(f.Ctx, f.Addr(name))
		require.NoError(t, err, name)
	}
	_, err := f.K.GetMember(f.Ctx, f.Addr("dr-jones"))
	testutil.RequireCode(t, err, types.ErrMemberNotFound, "an agent is not a member")
	_, err = f.K.ActiveMember(f.Ctx, f.Addr("hospital-b"))
	testutil.RequireCode(t, err, types.ErrMemberNotActive)
}
