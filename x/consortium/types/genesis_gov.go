package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
)

// validateProposals checks proposals and votes: ids unique and ascending,
// text and message counts within bounds, an open proposal's voting period
// after its submission and its proposer within the open-proposal bound, and
// every vote a member's, once, on a known proposal.
func (gs GenesisState) validateProposals(ac address.Codec, members map[string]bool) error {
	open := map[string]uint32{}
	ids := map[uint64]bool{}
	var last uint64
	for _, p := range gs.Proposals {
		if p.Id <= last {
			return errorsmod.Wrapf(ErrInvalidGenesis, "proposal ids must increase; %d after %d", p.Id, last)
		}
		last, ids[p.Id] = p.Id, true
		if err := modulekit.Canonical(ac, p.Proposer); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "proposal %d proposer: %v", p.Id, err)
		}
		if err := ValidateProposalText(p.Title, p.Summary); err != nil {
			return errorsmod.Wrapf(err, "proposal %d", p.Id)
		}
		if len(p.Messages) == 0 || len(p.Messages) > CeilingProposalMessages {
			return errorsmod.Wrapf(ErrInvalidGenesis, "proposal %d carries %d messages", p.Id, len(p.Messages))
		}
		if !enums.Known(ProposalStatus_name, p.Status) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "proposal %d has no status", p.Id)
		}
		if !p.VotingEndsAt.After(p.SubmittedAt) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "proposal %d's voting ends before it was submitted", p.Id)
		}
		if (p.Status == ProposalStatus_PROPOSAL_STATUS_VOTING) == (p.DecidedAt != nil) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "proposal %d: only a decided proposal has a decision time", p.Id)
		}
		if p.Status == ProposalStatus_PROPOSAL_STATUS_VOTING {
			open[p.Proposer]++
			if open[p.Proposer] > gs.Params.MaxOpenProposalsPerMember {
				return errorsmod.Wrapf(ErrTooManyProposals, "%s", p.Proposer)
			}
		}
	}
	voted := map[string]bool{}
	for _, v := range gs.Votes {
		if err := modulekit.Canonical(ac, v.Voter); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "vote on proposal %d: %v", v.ProposalId, err)
		}
		if !ids[v.ProposalId] {
			return errorsmod.Wrapf(ErrProposalNotFound, "vote on proposal %d", v.ProposalId)
		}
		if !members[v.Voter] {
			return errorsmod.Wrapf(ErrNotVoter, "%s voted on proposal %d", v.Voter, v.ProposalId)
		}
		if !enums.Known(VoteOption_name, v.Option) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "vote of %s on proposal %d has no option", v.Voter, v.ProposalId)
		}
		key := fmt.Sprintf("%d/%s", v.ProposalId, v.Voter)
		if voted[key] {
			return errorsmod.Wrapf(ErrAlreadyVoted, "%s on proposal %d", v.Voter, v.ProposalId)
		}
		voted[key] = true
	}
	return nil
}
