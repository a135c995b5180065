package testutil

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdktx "github.com/cosmos/cosmos-sdk/types/tx"

	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// Propose has proposer (a validating member) submit msgs and each voter vote
// yes, and returns the proposal as it stands after the last vote.
func (s *Stack) Propose(proposer string, voters []string, msgs ...sdk.Msg) consortiumtypes.Proposal {
	s.T.Helper()
	anys, err := sdktx.SetMsgs(msgs)
	if err != nil {
		s.T.Fatal(err)
	}
	srv := consortiumkeeper.NewMsgServer(s.Consortium)
	res, err := srv.SubmitProposal(s.Ctx, &consortiumtypes.MsgSubmitProposal{
		Proposer: s.Str(proposer), Messages: anys, Title: "Proposal", Summary: "A change the consortium votes on.",
	})
	if err != nil {
		s.T.Fatalf("submit: %v", err)
	}
	for _, v := range voters {
		if _, err := srv.Vote(s.Ctx, &consortiumtypes.MsgVote{Voter: s.Str(v), ProposalId: res.ProposalId, Option: consortiumtypes.VoteOption_VOTE_OPTION_YES}); err != nil {
			s.T.Fatalf("vote of %s: %v", v, err)
		}
	}
	p, err := s.Consortium.GetProposal(s.Ctx, res.ProposalId)
	if err != nil {
		s.T.Fatal(err)
	}
	return p
}
