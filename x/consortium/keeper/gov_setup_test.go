package keeper_test

import (
	"fmt"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdktx "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

const (
	yes     = types.VoteOption_VOTE_OPTION_YES
	no      = types.VoteOption_VOTE_OPTION_NO
	abstain = types.VoteOption_VOTE_OPTION_ABSTAIN
	voting  = types.ProposalStatus_PROPOSAL_STATUS_VOTING
	passed  = types.ProposalStatus_PROPOSAL_STATUS_PASSED
	failed  = types.ProposalStatus_PROPOSAL_STATUS_FAILED
	reject  = types.ProposalStatus_PROPOSAL_STATUS_REJECTED
)

// hospitals names n validating hospitals h1..hn.
func hospitals(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("h%d", i+1)
	}
	return out
}

// council is a consortium of n validating hospitals (h1..hn), a regulator
// and an agent of h1; configure may change the genesis first.
func council(t testing.TB, n int, configure ...func(*testutil.Stack)) *fixture {
	s := testutil.NewStack(t)
	for _, h := range hospitals(n) {
		s.WithMember(h, hospital)
	}
	s.WithObserver("regulator", types.Role_ROLE_REGULATOR).WithAgent("h1-doc", "h1", clinician)
	for _, c := range configure {
		c(s)
	}
	f := consortium(s.Build())
	_, err := f.K.ApplyValidatorSet(f.Ctx)
	require.NoError(t, err)
	return f
}

// propose has proposer submit msgs.
func (f *fixture) propose(proposer string, msgs ...sdk.Msg) (uint64, error) {
	anys, err := sdktx.SetMsgs(msgs)
	if err != nil {
		return 0, err
	}
	res, err := f.Msgs.SubmitProposal(f.Ctx, &types.MsgSubmitProposal{
		Proposer: f.Str(proposer), Messages: anys, Title: "Test proposal", Summary: "Changes the consortium.",
	})
	if err != nil {
		return 0, err
	}
	return res.ProposalId, nil
}

func (f *fixture) mustPropose(t testing.TB, proposer string, msgs ...sdk.Msg) uint64 {
	t.Helper()
	id, err := f.propose(proposer, msgs...)
	require.NoError(t, err)
	return id
}

func (f *fixture) vote(voter string, id uint64, option types.VoteOption) (types.ProposalStatus, error) {
	res, err := f.Msgs.Vote(f.Ctx, &types.MsgVote{Voter: f.Str(voter), ProposalId: id, Option: option})
	if err != nil {
		return 0, err
	}
	return res.Status, nil
}

// votes has each voter vote option and returns the last status.
func (f *fixture) votes(t testing.TB, id uint64, option types.VoteOption, voters ...string) types.ProposalStatus {
	t.Helper()
	var status types.ProposalStatus
	for _, v := range voters {
		var err error
		status, err = f.vote(v, id, option)
		require.NoError(t, err, v)
	}
	return status
}

func (f *fixture) proposal(t testing.TB, id uint64) types.Proposal {
	t.Helper()
	return testutil.Get(t, f.Ctx, f.K.GetProposal, id)
}

// params returns the current params with change applied: an UpdateParams
// message for a proposal.
func (f *fixture) updateParams(t testing.TB, change func(*types.Params)) *types.MsgUpdateParams {
	t.Helper()
	p, err := f.K.Params.Get(f.Ctx)
	require.NoError(t, err)
	change(&p)
	return &types.MsgUpdateParams{Authority: f.K.Authority(), Params: p}
}

func (f *fixture) suspendMsg(name string) *types.MsgSuspendMember {
	return &types.MsgSuspendMember{Authority: f.K.Authority(), Operator: f.Str(name)}
}
