package keeper_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// Proposals, votes and tallies answer over gRPC; a missing id is NotFound,
// id 0 or an empty request InvalidArgument.
func TestGovernanceQueries(t *testing.T) {
	f := council(t, 4)
	open := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 71 }))
	done := f.mustPropose(t, "h2", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 72 }))
	f.votes(t, open, yes, "h1")
	f.votes(t, open, no, "h2")
	f.votes(t, done, yes, "h1", "h2", "h3")
	ctx, q := f.Ctx, f.Queries

	res := testutil.RequireAnswers(t, ctx, q.Proposal, testutil.Answers[*types.QueryProposalRequest]{
		codes.OK:              {{ProposalId: open}},
		codes.NotFound:        {{ProposalId: 9}},
		codes.InvalidArgument: {{}, nil},
	})[0]
	require.Equal(t, f.Str("h1"), res.Proposal.Proposer)
	require.Equal(t, "Test proposal", res.Proposal.Title)
	require.Len(t, res.Proposal.Messages, 1)

	lists := testutil.RequireAnswers(t, ctx, q.Proposals, testutil.Answers[*types.QueryProposalsRequest]{
		codes.OK:              {{}, {Status: passed}},
		codes.InvalidArgument: {nil, {Pagination: &query.PageRequest{Limit: 1001}}},
	})
	all, onlyPassed := lists[0], lists[1]
	require.Len(t, all.Proposals, 2)
	require.Len(t, onlyPassed.Proposals, 1)
	require.Equal(t, done, onlyPassed.Proposals[0].Id)

	votes := testutil.RequireAnswers(t, ctx, q.Votes, testutil.Answers[*types.QueryVotesRequest]{
		codes.OK:              {{ProposalId: open}},
		codes.NotFound:        {{ProposalId: 9}},
		codes.InvalidArgument: {nil},
	})[0]
	require.Len(t, votes.Votes, 2)

	tally := testutil.RequireAnswers(t, ctx, q.TallyResult, testutil.Answers[*types.QueryTallyResultRequest]{
		codes.OK:              {{ProposalId: open}},
		codes.NotFound:        {{ProposalId: 9}},
		codes.InvalidArgument: {{}},
	})[0]
	require.Equal(t, types.TallyResult{Yes: 1, No: 1, Eligible: 4}, tally.Tally)
	require.EqualValues(t, 3, tally.Needed)
	f.SetStatus(t, "h4", types.MemberStatus_MEMBER_STATUS_SUSPENDED)
	tally, err := q.TallyResult(ctx, &types.QueryTallyResultRequest{ProposalId: open})
	require.NoError(t, err)
	require.EqualValues(t, 3, tally.Tally.Eligible, "an open proposal counts against the members eligible now")
	tally, err = q.TallyResult(ctx, &types.QueryTallyResultRequest{ProposalId: done})
	require.NoError(t, err)
	require.Equal(t, types.TallyResult{Yes: 3, Eligible: 4}, tally.Tally, "a decided proposal keeps its final tally")
}

// Proposals and votes survive export and import: an open proposal keeps
// taking votes, counts against its proposer, and ids continue.
func TestGenesisCarriesProposals(t *testing.T) {
	f := council(t, 4, func(s *testutil.Stack) { s.Genesis.Params.MaxOpenProposalsPerMember = 1 })
	open := f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 71 }))
	f.votes(t, open, yes, "h1", "h2")
	done := f.mustPropose(t, "h2", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 72 }))
	f.votes(t, done, no, "h1", "h3")
	gs, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.Proposals, 2)
	require.Len(t, gs.Votes, 4)

	g := council(t, 4, func(s *testutil.Stack) { s.Genesis = *gs })
	again, err := g.K.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs.Proposals, again.Proposals)
	require.Equal(t, gs.Votes, again.Votes)
	_, err = g.propose("h1", g.updateParams(t, func(p *types.Params) { p.MaxMembers = 73 }))
	testutil.RequireCode(t, err, types.ErrTooManyProposals, "the open proposal still counts against h1")
	require.Equal(t, passed, g.votes(t, open, yes, "h3"), "the open proposal takes votes after the import")
	next := g.mustPropose(t, "h4", g.updateParams(t, func(p *types.Params) { p.MaxMembers = 74 }))
	require.EqualValues(t, 3, next, "ids continue")
}

// Genesis refuses proposals and votes InitGenesis could not carry.
func TestGenesisValidationOfProposals(t *testing.T) {
	f := council(t, 4)
	f.mustPropose(t, "h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 71 }))
	f.votes(t, 1, yes, "h2")
	good, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, good.Validate(f.AC))
	cases := []struct {
		name   string
		mutate func(gs *types.GenesisState)
	}{
		{"proposal id 0", func(gs *types.GenesisState) { gs.Proposals[0].Id = 0 }},
		{"no title", func(gs *types.GenesisState) { gs.Proposals[0].Title = "" }},
		{"no messages", func(gs *types.GenesisState) { gs.Proposals[0].Messages = nil }},
		{"no status", func(gs *types.GenesisState) { gs.Proposals[0].Status = 0 }},
		{"voting ends before submission", func(gs *types.GenesisState) { gs.Proposals[0].VotingEndsAt = gs.Proposals[0].SubmittedAt }},
		{"an open proposal with a decision time", func(gs *types.GenesisState) { gs.Proposals[0].DecidedAt = &gs.Proposals[0].SubmittedAt }},
		{"a vote on an unknown proposal", func(gs *types.GenesisState) { gs.Votes[0].ProposalId = 7 }},
		{"a vote of a non-member", func(gs *types.GenesisState) { gs.Votes[0].Voter = f.Str("stranger") }},
		{"a vote twice", func(gs *types.GenesisState) { gs.Votes = append(gs.Votes, gs.Votes[0]) }},
		{"a vote without an option", func(gs *types.GenesisState) { gs.Votes[0].Option = 0 }},
		{"too many open proposals", func(gs *types.GenesisState) { gs.Params.MaxOpenProposalsPerMember = 0 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.K.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.mutate(gs)
			require.Error(t, gs.Validate(f.AC))
		})
	}
}
