package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

type queryServer struct{ k Keeper }

// NewQueryServer returns the consortium's Query service.
func NewQueryServer(k Keeper) types.QueryServer { return queryServer{k: k} }

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

func (q queryServer) Member(ctx context.Context, req *types.QueryMemberRequest) (*types.QueryMemberResponse, error) {
	op, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "operator", req.GetOperator())
	if err != nil {
		return nil, err
	}
	m, err := q.k.GetMember(ctx, op)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	var power int64
	if v, err := q.k.Validators.Get(ctx, op); err == nil {
		power = v.Power
	}
	return &types.QueryMemberResponse{Member: m, Power: power}, nil
}

func (q queryServer) Members(ctx context.Context, req *types.QueryMembersRequest) (*types.QueryMembersResponse, error) {
	if req == nil {
		req = &types.QueryMembersRequest{}
	}
	members, page, err := modulekit.PaginateMap(ctx, q.k.Members, req.Pagination,
		func(_ sdk.AccAddress, m types.Member) (bool, error) {
			return req.Status == types.MemberStatus_MEMBER_STATUS_UNSPECIFIED || m.Status == req.Status, nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryMembersResponse{Members: members, Pagination: page}, nil
}

func (q queryServer) Agent(ctx context.Context, req *types.QueryAgentRequest) (*types.QueryAgentResponse, error) {
	addr, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "agent", req.GetAddress())
	if err != nil {
		return nil, err
	}
	a, err := q.k.GetAgent(ctx, addr)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	return &types.QueryAgentResponse{Agent: a}, nil
}

func (q queryServer) AgentsByMember(ctx context.Context, req *types.QueryAgentsByMemberRequest) (*types.QueryAgentsByMemberResponse, error) {
	op, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "member", req.GetMember())
	if err != nil {
		return nil, err
	}
	agents, page, err := modulekit.Paginate(ctx, q.k.AgentsByMember, req.Pagination, nil,
		func(key collections.Pair[sdk.AccAddress, sdk.AccAddress], _ collections.NoValue) (types.Agent, error) {
			return q.k.Agents.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, sdk.AccAddress](op),
	)
	if err != nil {
		return nil, err
	}
	return &types.QueryAgentsByMemberResponse{Agents: agents, Pagination: page}, nil
}

func (q queryServer) Validators(ctx context.Context, _ *types.QueryValidatorsRequest) (*types.QueryValidatorsResponse, error) {
	vals, err := q.k.ValidatorSet(ctx)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	return &types.QueryValidatorsResponse{Validators: vals}, nil
}

// Invitations lists open invitations, of an agent or by a member; expired
// ones (still stored until the member's next invitation sweeps them) are
// left out.
func (q queryServer) Invitations(ctx context.Context, req *types.QueryInvitationsRequest) (*types.QueryInvitationsResponse, error) {
	if req == nil || (req.Agent == "" && req.Member == "") {
		return nil, status.Error(codes.InvalidArgument, "give an agent or a member")
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	open := func(inv types.AgentInvitation) bool { return now.Before(inv.ExpiresAt) }
	if req.Agent != "" {
		agent, err := modulekit.QueryAddress(q.k.addressCodec, "agent", req.Agent)
		if err != nil {
			return nil, err
		}
		invs, page, err := modulekit.PaginateMap(ctx, q.k.Invitations, req.Pagination,
			func(_ collections.Pair[sdk.AccAddress, sdk.AccAddress], inv types.AgentInvitation) (bool, error) {
				return open(inv), nil
			},
			query.WithCollectionPaginationPairPrefix[sdk.AccAddress, sdk.AccAddress](agent))
		if err != nil {
			return nil, err
		}
		return &types.QueryInvitationsResponse{Invitations: invs, Pagination: page}, nil
	}
	op, err := modulekit.QueryAddress(q.k.addressCodec, "member", req.Member)
	if err != nil {
		return nil, err
	}
	invs, page, err := modulekit.Paginate(ctx, q.k.InvitedBy, req.Pagination,
		func(key collections.Pair[sdk.AccAddress, sdk.AccAddress], _ collections.NoValue) (bool, error) {
			inv, err := q.k.Invitations.Get(ctx, collections.Join(key.K2(), key.K1()))
			return err == nil && open(inv), err
		},
		func(key collections.Pair[sdk.AccAddress, sdk.AccAddress], _ collections.NoValue) (types.AgentInvitation, error) {
			return q.k.Invitations.Get(ctx, collections.Join(key.K2(), key.K1()))
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, sdk.AccAddress](op))
	if err != nil {
		return nil, err
	}
	return &types.QueryInvitationsResponse{Invitations: invs, Pagination: page}, nil
}
