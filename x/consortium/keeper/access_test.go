package keeper_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consortium/types"
)

func TestAllowedSigners(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)
	require.NoError(t, f.addAgent("hospital-a", "dr-jones", types.AgentRole_AGENT_ROLE_CLINICIAN))
	require.NoError(t, f.addAgent("hospital-b", "nurse-b", types.AgentRole_AGENT_ROLE_CLINICIAN))

	allowed := func(name string) bool {
		ok, err := f.k.IsAllowedSigner(f.ctx, addr(name))
		require.NoError(t, err)
		return ok
	}
	require.True(t, allowed("hospital-a"), "operator of an active member")
	require.True(t, allowed("regulator"), "operator of an active regulator")
	require.True(t, allowed("dr-jones"), "agent of an active member")
	require.False(t, allowed("stranger"), "unknown account")

	// Suspending a member shuts out its operator and its agents, not others.
	b, err := f.k.GetMember(f.ctx, addr("hospital-b"))
	require.NoError(t, err)
	b.Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.k.SetMember(f.ctx, b))
	require.False(t, allowed("hospital-b"))
	require.False(t, allowed("nurse-b"))
	require.True(t, allowed("dr-jones"))
}

func TestPeerAllowlist(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)
	peer := func(id string) bool {
		ok, err := f.k.IsPeerAllowed(f.ctx, id)
		require.NoError(t, err)
		return ok
	}
	require.True(t, peer(nodeID("hospital-a")))
	require.True(t, peer(nodeID("regulator")), "a regulator's full node may peer")
	require.False(t, peer(nodeID("intruder")))

	m, err := f.k.GetMember(f.ctx, addr("regulator"))
	require.NoError(t, err)
	m.Status = types.MemberStatus_MEMBER_STATUS_REMOVED
	require.NoError(t, f.k.SetMember(f.ctx, m))
	require.False(t, peer(nodeID("regulator")), "a removed member's node may not")
}

func TestQueries(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)
	for _, name := range []string{"a1", "a2", "a3"} {
		require.NoError(t, f.addAgent("hospital-a", name, types.AgentRole_AGENT_ROLE_STAFF))
	}
	require.NoError(t, f.addAgent("hospital-b", "b1", types.AgentRole_AGENT_ROLE_STAFF))

	// Members paginate; the status filter applies.
	page1, err := f.queries.Members(f.ctx, &types.QueryMembersRequest{Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, page1.Members, 2)
	require.EqualValues(t, 3, page1.Pagination.Total)
	page2, err := f.queries.Members(f.ctx, &types.QueryMembersRequest{Pagination: &query.PageRequest{Key: page1.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, page2.Members, 1)
	suspended, err := f.queries.Members(f.ctx, &types.QueryMembersRequest{Status: types.MemberStatus_MEMBER_STATUS_SUSPENDED})
	require.NoError(t, err)
	require.Empty(t, suspended.Members)

	// AgentsByMember lists only that member's agents, in pages.
	list, err := f.queries.AgentsByMember(f.ctx, &types.QueryAgentsByMemberRequest{
		Member: f.str(addr("hospital-a")), Pagination: &query.PageRequest{Limit: 2},
	})
	require.NoError(t, err)
	require.Len(t, list.Agents, 2)
	require.NotNil(t, list.Pagination.NextKey)
	rest, err := f.queries.AgentsByMember(f.ctx, &types.QueryAgentsByMemberRequest{
		Member: f.str(addr("hospital-a")), Pagination: &query.PageRequest{Key: list.Pagination.NextKey},
	})
	require.NoError(t, err)
	require.Len(t, rest.Agents, 1)
	for _, a := range append(list.Agents, rest.Agents...) {
		require.Equal(t, f.str(addr("hospital-a")), a.Member)
	}

	m, err := f.queries.Member(f.ctx, &types.QueryMemberRequest{Operator: f.str(addr("regulator"))})
	require.NoError(t, err)
	require.Equal(t, []types.Role{types.Role_ROLE_REGULATOR}, m.Member.Roles)
	require.Zero(t, m.Power, "a regulator does not vote")
	h, err := f.queries.Member(f.ctx, &types.QueryMemberRequest{Operator: f.str(addr("hospital-a"))})
	require.NoError(t, err)
	require.Equal(t, types.DefaultValidatorPower, h.Power)
	_, err = f.queries.Member(f.ctx, &types.QueryMemberRequest{Operator: f.str(addr("stranger"))})
	require.ErrorContains(t, err, "member not found")
	_, err = f.queries.Member(f.ctx, &types.QueryMemberRequest{Operator: "bad"})
	require.ErrorContains(t, err, "invalid operator address")

	p, err := f.queries.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), p.Params)
}
