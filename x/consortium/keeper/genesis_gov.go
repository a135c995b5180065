package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// initProposals loads proposals and votes and rebuilds what open proposals
// imply: the voting queue, each member's open count and the id sequence.
func (k Keeper) initProposals(ctx context.Context, gs types.GenesisState) error {
	var last uint64
	for _, p := range gs.Proposals {
		if err := k.Proposals.Set(ctx, p.Id, p); err != nil {
			return err
		}
		last = max(last, p.Id)
		if p.Status != types.ProposalStatus_PROPOSAL_STATUS_VOTING {
			continue
		}
		proposer, err := k.addressCodec.StringToBytes(p.Proposer)
		if err != nil {
			return err
		}
		open, err := modulekit.OrZero(ctx, k.OpenProposals, proposer)
		if err != nil {
			return err
		}
		if err := k.openProposal(ctx, p, proposer, open); err != nil {
			return err
		}
	}
	for _, v := range gs.Votes {
		voter, err := k.addressCodec.StringToBytes(v.Voter)
		if err != nil {
			return err
		}
		if err := k.Votes.Set(ctx, collections.Join(v.ProposalId, sdk.AccAddress(voter)), v); err != nil {
			return err
		}
	}
	return modulekit.SetLastID(ctx, k.ProposalSeq, last)
}

// exportProposals adds every proposal and vote to gs.
func (k Keeper) exportProposals(ctx context.Context, gs *types.GenesisState) error {
	var err error
	if gs.Proposals, err = modulekit.Values(ctx, k.Proposals); err != nil {
		return err
	}
	gs.Votes, err = modulekit.Values(ctx, k.Votes)
	return err
}
