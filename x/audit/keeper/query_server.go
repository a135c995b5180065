package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

type queryServer struct{ k Keeper }

// NewQueryServer returns the audit Query service.
func NewQueryServer(k Keeper) types.QueryServer { return queryServer{k: k} }

func (q queryServer) Event(ctx context.Context, req *types.QueryEventRequest) (*types.QueryEventResponse, error) {
	e, err := modulekit.QueryByID(ctx, req == nil, req.GetEventId(), "event", q.k.GetEvent)
	if err != nil {
		return nil, err
	}
	return &types.QueryEventResponse{Event: e}, nil
}

func (q queryServer) EventsByPatient(ctx context.Context, req *types.QueryEventsByPatientRequest) (*types.QueryEventsResponse, error) {
	return q.byAddress(ctx, req == nil, q.k.ByPatient, "patient", req.GetPatient(), req.GetFilter(), req.GetPagination())
}

func (q queryServer) EventsByAccessor(ctx context.Context, req *types.QueryEventsByAccessorRequest) (*types.QueryEventsResponse, error) {
	return q.byAddress(ctx, req == nil, q.k.ByAccessor, "accessor", req.GetAccessor(), req.GetFilter(), req.GetPagination())
}

func (q queryServer) EventsByMember(ctx context.Context, req *types.QueryEventsByMemberRequest) (*types.QueryEventsResponse, error) {
	return q.byAddress(ctx, req == nil, q.k.ByMember, "member", req.GetMember(), req.GetFilter(), req.GetPagination())
}

func (q queryServer) EventsByRecord(ctx context.Context, req *types.QueryEventsByRecordRequest) (*types.QueryEventsResponse, error) {
	custodian, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "custodian", req.GetCustodian())
	if err != nil {
		return nil, err
	}
	if err := recordstypes.ValidateRecordID(req.RecordId); err != nil {
		return nil, modulekit.QueryError(err)
	}
	return page(ctx, q.k, q.k.ByRecord, req.Filter, req.Pagination,
		func(key collections.Triple[sdk.AccAddress, string, uint64]) uint64 { return key.K3() },
		modulekit.TripleSuperPrefix[sdk.AccAddress, string, uint64](custodian, req.RecordId))
}

func (q queryServer) EmergencyEvents(ctx context.Context, req *types.QueryEmergencyEventsRequest) (*types.QueryEventsResponse, error) {
	if req == nil {
		req = &types.QueryEmergencyEventsRequest{}
	}
	return page(ctx, q.k, q.k.Emergency, req.Filter, req.Pagination, func(id uint64) uint64 { return id })
}

// byAddress lists the events of an (address, id) index under the address a
// request names; a nil request (empty) is EmptyRequest.
func (q queryServer) byAddress(ctx context.Context, empty bool, index collections.KeySet[collections.Pair[sdk.AccAddress, uint64]],
	field, addr string, f *types.EventFilter, p *query.PageRequest,
) (*types.QueryEventsResponse, error) {
	bz, err := modulekit.RequestAddress(q.k.addressCodec, empty, field, addr)
	if err != nil {
		return nil, err
	}
	return page(ctx, q.k, index, f, p,
		func(key collections.Pair[sdk.AccAddress, uint64]) uint64 { return key.K2() },
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](bz))
}

// page lists the events of an index in id (time) order, either way, keeping
// those the filter matches.
func page[K any](ctx context.Context, k Keeper, index collections.KeySet[K], f *types.EventFilter, p *query.PageRequest,
	id func(K) uint64, opts ...func(*query.CollectionsPaginateOptions[K]),
) (*types.QueryEventsResponse, error) {
	events, res, err := modulekit.Paginate(ctx, index, p,
		func(key K, _ collections.NoValue) (bool, error) {
			if f == nil {
				return true, nil
			}
			e, err := k.Events.Get(ctx, id(key))
			return err == nil && matches(e, f), err
		},
		func(key K, _ collections.NoValue) (types.AccessEvent, error) { return k.Events.Get(ctx, id(key)) },
		opts...,
	)
	if err != nil {
		return nil, err
	}
	return &types.QueryEventsResponse{Events: events, Pagination: res}, nil
}

func matches(e types.AccessEvent, f *types.EventFilter) bool {
	switch {
	case f.Decision != types.Decision_DECISION_UNSPECIFIED && e.Decision != f.Decision:
		return false
	case f.From != nil && e.Time.Before(*f.From):
		return false
	case f.To != nil && !e.Time.Before(*f.To):
		return false
	}
	return true
}
