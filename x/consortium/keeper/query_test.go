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
	f := enrolled(t)
	require.NoError(t, f.invite("hospital-b", "dr-new", staff))
	q, ctx := f.Queries, f.Ctx
	testutil.RequireParamsAnswer(t, ctx, q.Params, types.DefaultParams())
	t.Run("Member", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.Member, testutil.Answers[*types.QueryMemberRequest]{
			codes.OK:              {{Operator: f.Str("hospital-a")}, {Operator: f.Str("regulator")}},
			codes.NotFound:        {{Operator: f.Str("stranger")}},
			codes.InvalidArgument: {{Operator: "bad"}, nil},
		})
		require.Equal(t, types.DefaultValidatorPower, res[0].Power)
		require.Zero(t, res[1].Power, "a regulator does not vote")
	})
	t.Run("Members", func(t *testing.T) {
		page1, err := q.Members(ctx, &types.QueryMembersRequest{Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
		require.NoError(t, err)
		require.Len(t, page1.Members, 2)
		require.EqualValues(t, 3, page1.Pagination.Total)
		res := testutil.RequireAnswers(t, ctx, q.Members, testutil.Answers[*types.QueryMembersRequest]{
			codes.OK: {
				{Pagination: &query.PageRequest{Key: page1.Pagination.NextKey}},
				{Status: types.MemberStatus_MEMBER_STATUS_SUSPENDED},
			},
			codes.InvalidArgument: {
				{Pagination: &query.PageRequest{Limit: 1001}},
				{Pagination: &query.PageRequest{Key: []byte{1}, Offset: 1}},
			},
		})
		page2, none := res[0], res[1]
		require.Len(t, page2.Members, 1)
		require.Empty(t, none.Members)
	})
	t.Run("Agent", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.Agent, testutil.Answers[*types.QueryAgentRequest]{
			codes.OK:              {{Address: f.Str("dr-jones")}},
			codes.NotFound:        {{Address: f.Str("dr-new")}}, // invited, not enrolled
			codes.InvalidArgument: {{Address: "med1xyz"}},
		})
		require.Equal(t, f.Str("hospital-a"), res[0].Agent.Member)
	})
	t.Run("AgentsByMember", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.AgentsByMember, testutil.Answers[*types.QueryAgentsByMemberRequest]{
			codes.OK:              {{Member: f.Str("hospital-a")}, {Member: f.Str("stranger")}},
			codes.InvalidArgument: {{Member: ""}},
		})
		require.Len(t, res[0].Agents, 1)
		require.Empty(t, res[1].Agents)
	})
	t.Run("Invitations", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.Invitations, testutil.Answers[*types.QueryInvitationsRequest]{
			codes.OK:              {{Agent: f.Str("dr-new")}, {Member: f.Str("hospital-b")}, {Agent: f.Str("dr-jones")}},
			codes.InvalidArgument: {{}, {Member: "nope"}},
		})
		byAgent, byMember, none := res[0], res[1], res[2]
		require.Len(t, byAgent.Invitations, 1)
		require.Equal(t, f.Str("hospital-b"), byAgent.Invitations[0].Member)
		require.Equal(t, byAgent.Invitations, byMember.Invitations)
		require.Empty(t, none.Invitations, "an accepted invitation is gone")
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
	_, err = f.Queries.Member(f.Ctx, &types.QueryMemberRequest{Operator: f.Str("hospital-a")})
	testutil.RequireStatus(t, err, codes.Internal)
}
