package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// More than 2/3 of the validating members pass a proposal: 3 of 4, 4 of 5,
// 5 of 7. One yes vote fewer leaves it open; the passing vote executes it.
func TestThresholds(t *testing.T) {
	for _, tc := range []struct{ members, needed int }{{4, 3}, {5, 4}, {7, 5}} {
		t.Run(hospitals(tc.members)[tc.members-1], func(t *testing.T) {
			f := council(t, tc.members)
			require.EqualValues(t, tc.needed, types.Needed(uint32(tc.members)))
			id := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }))
			voters := hospitals(tc.members)
			require.Equal(t, voting, f.votes(t, id, yes, voters[:tc.needed-1]...), "one short of 2/3")
			params, err := f.K.Params.Get(f.Ctx)
			require.NoError(t, err)
			require.NotEqualValues(t, 77, params.MaxMembers)

			require.Equal(t, passed, f.votes(t, id, yes, voters[tc.needed-1]))
			params, err = f.K.Params.Get(f.Ctx)
			require.NoError(t, err)
			require.EqualValues(t, 77, params.MaxMembers, "the passing vote executed the proposal")
			p := f.proposal(t, id)
			require.Equal(t, types.TallyResult{Yes: uint32(tc.needed), Eligible: uint32(tc.members)}, p.Tally)
			require.NotNil(t, p.DecidedAt)
			_, err = f.vote(voters[tc.members-1], id, yes)
			testutil.RequireCode(t, err, types.ErrProposalClosed, "a decided proposal takes no votes")
		})
	}
}

// A proposal is rejected as soon as the votes left cannot carry it: 2 no of
// 4, 2 no of 5, 3 no of 7 (abstaining counts against passing too).
func TestRejectedOnceItCannotPass(t *testing.T) {
	for _, tc := range []struct {
		members int
		against []string
	}{{4, []string{"h2", "h3"}}, {5, []string{"h2", "h3"}}, {7, []string{"h2", "h3", "h4"}}} {
		f := council(t, tc.members)
		id := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }))
		require.Equal(t, voting, f.votes(t, id, no, tc.against[:len(tc.against)-1]...), "%d members", tc.members)
		require.Equal(t, reject, f.votes(t, id, abstain, tc.against[len(tc.against)-1]), "%d members", tc.members)
		require.Equal(t, reject, f.proposal(t, id).Status)
	}
}

// The messages execute together or not at all: a failing second message
// rolls back the first, and the proposal records why.
func TestFailedExecutionChangesNothing(t *testing.T) {
	f := council(t, 4)
	before, err := f.K.Params.Get(f.Ctx)
	require.NoError(t, err)
	id := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }), f.suspendMsg("nobody"))
	ctx := f.FreshEvents()
	require.Equal(t, failed, f.votes(t, id, yes, "h1", "h2", "h3"))
	after, err := f.K.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before, after, "the first message was rolled back")
	p := f.proposal(t, id)
	require.Contains(t, p.ExecutionError, "message 1 (/medchain.consortium.v1.MsgSuspendMember)")
	require.Contains(t, p.ExecutionError, "member not found")
	require.NotContains(t, testutil.EventTypes(ctx), "medchain.consortium.v1.EventParamsUpdated", "no event of the rolled-back message")
	require.Contains(t, testutil.EventTypes(ctx), "medchain.consortium.v1.EventProposalDecided")
}

// Only operators of active validating members propose and vote, once each:
// not a stranger, a regulator (no consensus key), an agent, or a member
// suspended since.
func TestWhoMayProposeAndVote(t *testing.T) {
	f := council(t, 4)
	id := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }))
	f.SetStatus(t, "h4", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	for _, who := range []string{"stranger", "regulator", "h1-doc", "h4"} {
		_, err := f.propose(who, f.updateParams(t, func(p *types.Params) { p.MaxMembers = 78 }))
		testutil.RequireCode(t, err, types.ErrNotVoter, who)
		_, err = f.vote(who, id, yes)
		testutil.RequireCode(t, err, types.ErrNotVoter, who)
	}
	f.votes(t, id, yes, "h2")
	_, err := f.vote("h2", id, no)
	testutil.RequireCode(t, err, types.ErrAlreadyVoted, "a member votes once")
	_, err = f.vote("h3", id, 7)
	testutil.RequireCode(t, err, types.ErrInvalidProposal, "an unknown option")
	_, err = f.vote("h3", 99, yes)
	testutil.RequireCode(t, err, types.ErrProposalNotFound)
}

// A vote counts while its member validates: one suspended after voting
// drops out of the tally, and the eligible count shrinks with it.
func TestVotesOfASuspendedMemberStopCounting(t *testing.T) {
	f := council(t, 4)
	id := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }))
	f.votes(t, id, yes, "h1", "h2")
	f.SetStatus(t, "h2", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	tally, err := f.K.Tally(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.TallyResult{Yes: 1, Eligible: 3}, tally)
	require.Equal(t, voting, f.votes(t, id, yes, "h3"), "2 of 3 is not more than 2/3")
	require.Equal(t, passed, f.votes(t, id, yes, "h4"))
}

// At the end of the voting period EndBlock decides: passed if the votes
// cast carry it among the members eligible then, rejected otherwise; no vote
// is taken after the end. At most proposal_end_limit close per block.
func TestVotingPeriodEnds(t *testing.T) {
	f := council(t, 5, func(s *testutil.Stack) { s.Genesis.Params.ProposalEndLimit = 2 })
	short := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 71 }))
	carried := f.mustPropose(t, "h2", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 72 }))
	third := f.mustPropose(t, "h3", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 73 }))
	f.votes(t, short, yes, "h1", "h2", "h3")
	f.votes(t, carried, yes, "h1", "h2", "h3")
	// Two members that never voted leave before the end: 3 yes of 3 now carries it.
	f.SetStatus(t, "h4", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	f.SetStatus(t, "h5", types.MemberStatus_MEMBER_STATUS_SUSPENDED)

	end := f.proposal(t, short).VotingEndsAt
	f.At(end.Add(-1))
	require.NoError(t, f.K.EndProposals(f.Ctx))
	require.Equal(t, voting, f.proposal(t, short).Status, "open until its last nanosecond")
	f.At(end)
	_, err := f.vote("h1", third, yes)
	testutil.RequireCode(t, err, types.ErrProposalClosed, "no vote at the end")

	require.NoError(t, f.K.EndProposals(f.Ctx))
	statuses := []types.ProposalStatus{f.proposal(t, short).Status, f.proposal(t, carried).Status, f.proposal(t, third).Status}
	require.Equal(t, []types.ProposalStatus{passed, passed, voting}, statuses, "two per block, oldest first")
	require.NoError(t, f.K.EndProposals(f.Ctx))
	require.Equal(t, reject, f.proposal(t, third).Status)
	open, err := f.K.OpenProposals.Has(f.Ctx, f.Addr("h3"))
	require.NoError(t, err)
	require.False(t, open, "closed proposals no longer count against their proposer")
}

// Only the proposer withdraws, only while open; a withdrawn proposal frees
// its slot and takes no votes.
func TestWithdraw(t *testing.T) {
	f := council(t, 4, func(s *testutil.Stack) { s.Genesis.Params.MaxOpenProposalsPerMember = 1 })
	id := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }))
	_, err := f.propose("h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 78 }))
	testutil.RequireCode(t, err, types.ErrTooManyProposals)

	_, err = f.Msgs.WithdrawProposal(f.Ctx, &types.MsgWithdrawProposal{Proposer: f.Str("h2"), ProposalId: id})
	testutil.RequireCode(t, err, types.ErrNotProposer)
	_, err = f.Msgs.WithdrawProposal(f.Ctx, &types.MsgWithdrawProposal{Proposer: f.Str("h1"), ProposalId: id})
	require.NoError(t, err)
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_WITHDRAWN, f.proposal(t, id).Status)
	_, err = f.vote("h2", id, yes)
	testutil.RequireCode(t, err, types.ErrProposalClosed)
	_, err = f.Msgs.WithdrawProposal(f.Ctx, &types.MsgWithdrawProposal{Proposer: f.Str("h1"), ProposalId: id})
	testutil.RequireCode(t, err, types.ErrProposalClosed)
	f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 78 }))
}

// A passed proposal's messages emit their own events into the block, so
// watchers and indexers see the change (here, the params replaced).
func TestPassedProposalEmitsItsMessagesEvents(t *testing.T) {
	f := council(t, 4)
	id := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }))
	ctx := f.FreshEvents()
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_PASSED, f.votes(t, id, yes, "h1", "h2", "h3"))
	require.Contains(t, testutil.EventTypes(ctx), "medchain.consortium.v1.EventParamsUpdated")
}
