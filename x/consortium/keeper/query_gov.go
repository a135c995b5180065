package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

func (q queryServer) Proposal(ctx context.Context, req *types.QueryProposalRequest) (*types.QueryProposalResponse, error) {
	p, err := modulekit.QueryByID(ctx, req == nil, req.GetProposalId(), "proposal", q.k.GetProposal)
	if err != nil {
		return nil, err
	}
	return &types.QueryProposalResponse{Proposal: p}, nil
}

func (q queryServer) Proposals(ctx context.Context, req *types.QueryProposalsRequest) (*types.QueryProposalsResponse, error) {
	if req == nil {
		return nil, modulekit.EmptyRequest()
	}
	var keep func(uint64, types.Proposal) (bool, error)
	if req.Status != types.ProposalStatus_PROPOSAL_STATUS_UNSPECIFIED {
		keep = func(_ uint64, p types.Proposal) (bool, error) { return p.Status == req.Status, nil }
	}
	ps, page, err := modulekit.PaginateMap(ctx, q.k.Proposals, req.Pagination, keep)
	if err != nil {
		return nil, err
	}
	return &types.QueryProposalsResponse{Proposals: ps, Pagination: page}, nil
}

func (q queryServer) Votes(ctx context.Context, req *types.QueryVotesRequest) (*types.QueryVotesResponse, error) {
	if _, err := modulekit.QueryByID(ctx, req == nil, req.GetProposalId(), "proposal", q.k.GetProposal); err != nil {
		return nil, err
	}
	votes, page, err := modulekit.PaginateMap(ctx, q.k.Votes, req.Pagination, nil,
		query.WithCollectionPaginationPairPrefix[uint64, sdk.AccAddress](req.ProposalId))
	if err != nil {
		return nil, err
	}
	return &types.QueryVotesResponse{Votes: votes, Pagination: page}, nil
}

// TallyResult counts an open proposal against the members eligible now, or
// returns a decided one's final tally.
func (q queryServer) TallyResult(ctx context.Context, req *types.QueryTallyResultRequest) (*types.QueryTallyResultResponse, error) {
	p, err := modulekit.QueryByID(ctx, req == nil, req.GetProposalId(), "proposal", q.k.GetProposal)
	if err != nil {
		return nil, err
	}
	tally := p.Tally
	if p.Status == types.ProposalStatus_PROPOSAL_STATUS_VOTING {
		if tally, err = q.k.Tally(ctx, p.Id); err != nil {
			return nil, modulekit.QueryError(err)
		}
	}
	return &types.QueryTallyResultResponse{Tally: tally, Needed: types.Needed(tally.Eligible)}, nil
}
