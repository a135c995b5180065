package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// Every query answers a good request, NotFound for a missing key (or an
// empty page for a list), and InvalidArgument for a malformed argument.
func TestQueryStatusCodes(t *testing.T) {
	f := newFixture(t)
	f.enrol(t, "hospital-a", "dr-jones", clinician)
	require.NoError(t, f.invite("hospital-b", "dr-new", staff))
	q, ctx := f.queries, f.Ctx

	t.Run("Params", func(t *testing.T) {
		res, err := q.Params(ctx, &types.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, types.DefaultParams(), res.Params)
	})
	t.Run("Member", func(t *testing.T) {
		res, err := q.Member(ctx, &types.QueryMemberRequest{Operator: f.Str("hospital-a")})
		require.NoError(t, err)
		require.Equal(t, types.DefaultValidatorPower, res.Power)
		reg, err := q.Member(ctx, &types.QueryMemberRequest{Operator: f.Str("regulator")})
		require.NoError(t, err)
		require.Zero(t, reg.Power, "a regulator does not vote")
		_, err = q.Member(ctx, &types.QueryMemberRequest{Operator: f.Str("stranger")})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.Member(ctx, &types.QueryMemberRequest{Operator: "bad"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.Member(ctx, nil)
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("Members", func(t *testing.T) {
		page1, err := q.Members(ctx, &types.QueryMembersRequest{Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
		require.NoError(t, err)
		require.Len(t, page1.Members, 2)
		require.EqualValues(t, 3, page1.Pagination.Total)
		page2, err := q.Members(ctx, &types.QueryMembersRequest{Pagination: &query.PageRequest{Key: page1.Pagination.NextKey}})
		require.NoError(t, err)
		require.Len(t, page2.Members, 1)
		none, err := q.Members(ctx, &types.QueryMembersRequest{Status: types.MemberStatus_MEMBER_STATUS_SUSPENDED})
		require.NoError(t, err)
		require.Empty(t, none.Members)
		_, err = q.Members(ctx, &types.QueryMembersRequest{Pagination: &query.PageRequest{Limit: 1001}})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.Members(ctx, &types.QueryMembersRequest{Pagination: &query.PageRequest{Key: []byte{1}, Offset: 1}})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("Agent", func(t *testing.T) {
		res, err := q.Agent(ctx, &types.QueryAgentRequest{Address: f.Str("dr-jones")})
		require.NoError(t, err)
		require.Equal(t, f.Str("hospital-a"), res.Agent.Member)
		_, err = q.Agent(ctx, &types.QueryAgentRequest{Address: f.Str("dr-new")})
		testutil.RequireStatus(t, err, codes.NotFound, "invited, not enrolled")
		_, err = q.Agent(ctx, &types.QueryAgentRequest{Address: "med1xyz"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("AgentsByMember", func(t *testing.T) {
		res, err := q.AgentsByMember(ctx, &types.QueryAgentsByMemberRequest{Member: f.Str("hospital-a")})
		require.NoError(t, err)
		require.Len(t, res.Agents, 1)
		empty, err := q.AgentsByMember(ctx, &types.QueryAgentsByMemberRequest{Member: f.Str("stranger")})
		require.NoError(t, err)
		require.Empty(t, empty.Agents)
		_, err = q.AgentsByMember(ctx, &types.QueryAgentsByMemberRequest{Member: ""})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("Invitations", func(t *testing.T) {
		byAgent, err := q.Invitations(ctx, &types.QueryInvitationsRequest{Agent: f.Str("dr-new")})
		require.NoError(t, err)
		require.Len(t, byAgent.Invitations, 1)
		require.Equal(t, f.Str("hospital-b"), byAgent.Invitations[0].Member)
		byMember, err := q.Invitations(ctx, &types.QueryInvitationsRequest{Member: f.Str("hospital-b")})
		require.NoError(t, err)
		require.Equal(t, byAgent.Invitations, byMember.Invitations)
		none, err := q.Invitations(ctx, &types.QueryInvitationsRequest{Agent: f.Str("dr-jones")})
		require.NoError(t, err)
		require.Empty(t, none.Invitations, "an accepted invitation is gone")
		_, err = q.Invitations(ctx, &types.QueryInvitationsRequest{})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.Invitations(ctx, &types.QueryInvitationsRequest{Member: "nope"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("Validators", func(t *testing.T) {
		res, err := q.Validators(ctx, &types.QueryValidatorsRequest{})
		require.NoError(t, err)
		require.Len(t, res.Validators, 2)
	})
}

// A store entry that does not decode is the node's fault, not the
// client's: Internal.
func TestQueryStoreFailureIsInternal(t *testing.T) {
	f := newFixture(t)
	key, err := collections.EncodeKeyWithPrefix(types.MembersKey, sdk.AccAddressKey, f.Addr("hospital-a"))
	require.NoError(t, err)
	f.Ctx.KVStore(f.Keys[types.StoreKey]).Set(key, []byte{0xff, 0xff, 0xff})
	_, err = f.queries.Member(f.Ctx, &types.QueryMemberRequest{Operator: f.Str("hospital-a")})
	testutil.RequireStatus(t, err, codes.Internal)
}
