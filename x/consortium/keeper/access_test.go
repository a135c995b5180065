package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

func TestAllowedSigners(t *testing.T) {
	f := enrolled(t)
	f.enrol(t, "hospital-b", "nurse-b", clinician)
	require.NoError(t, f.K.RegisterPatient(f.Ctx, f.Addr("jane")))

	require.True(t, f.allowed(t, "hospital-a"), "operator of an active member")
	require.True(t, f.allowed(t, "regulator"), "operator of an active regulator")
	require.True(t, f.allowed(t, "dr-jones"), "agent of an active member")
	require.True(t, f.allowed(t, "jane"), "known patient")
	require.False(t, f.allowed(t, "stranger"), "unknown account")

	// Suspending a member shuts out its operator and its agents, not others.
	f.SetStatus(t, "hospital-b", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	require.False(t, f.allowed(t, "hospital-b"))
	require.False(t, f.allowed(t, "nurse-b"))
	require.True(t, f.allowed(t, "dr-jones"))
	require.True(t, f.allowed(t, "jane"))
}

func TestSignerMemberAndAgentMember(t *testing.T) {
	f := enrolled(t)
	m, err := f.K.SignerMember(f.Ctx, f.Addr("hospital-a"))
	require.NoError(t, err)
	require.Equal(t, f.Str("hospital-a"), m.Operator)
	m, err = f.K.SignerMember(f.Ctx, f.Addr("dr-jones"))
	require.NoError(t, err)
	require.Equal(t, f.Str("hospital-a"), m.Operator)
	a, m, err := f.K.AgentMember(f.Ctx, f.Addr("dr-jones"))
	require.NoError(t, err)
	require.Equal(t, clinician, a.Role)
	require.Equal(t, f.Str("hospital-a"), m.Operator)

	_, err = f.K.SignerMember(f.Ctx, f.Addr("stranger"))
	testutil.RequireCode(t, err, types.ErrSignerNotAllowed)
	_, _, err = f.K.AgentMember(f.Ctx, f.Addr("hospital-a"))
	testutil.RequireCode(t, err, types.ErrSignerNotAllowed, "an operator is not an agent")

	f.SetStatus(t, "hospital-a", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	_, err = f.K.SignerMember(f.Ctx, f.Addr("hospital-a"))
	testutil.RequireCode(t, err, types.ErrMemberNotActive)
	_, err = f.K.SignerMember(f.Ctx, f.Addr("dr-jones"))
	testutil.RequireCode(t, err, types.ErrMemberNotActive, "an agent of a suspended member")
}

func TestPeerAllowlist(t *testing.T) {
	f := newFixture(t)
	peer := func(id string) bool {
		ok, err := f.K.IsPeerAllowed(f.Ctx, id)
		require.NoError(t, err)
		return ok
	}
	require.True(t, peer(testutil.NodeID("hospital-a")))
	require.True(t, peer(testutil.NodeID("regulator")), "a regulator's full node may peer")
	require.False(t, peer(testutil.NodeID("intruder")))
	f.SetStatus(t, "regulator", types.MemberStatus_MEMBER_STATUS_REMOVED)
	require.False(t, peer(testutil.NodeID("regulator")), "a removed member's node may not")
}
