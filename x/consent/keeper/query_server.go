package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

type queryServer struct{ k Keeper }

// NewQueryServer returns the consent Query service.
func NewQueryServer(k Keeper) types.QueryServer { return queryServer{k: k} }

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

func (q queryServer) Grant(ctx context.Context, req *types.QueryGrantRequest) (*types.QueryGrantResponse, error) {
	g, err := modulekit.QueryByID(ctx, req == nil, req.GetGrantId(), "grant", q.k.GetGrant)
	if err != nil {
		return nil, err
	}
	return &types.QueryGrantResponse{Grant: g}, nil
}

func (q queryServer) GrantsByPatient(ctx context.Context, req *types.QueryGrantsByPatientRequest) (*types.QueryGrantsResponse, error) {
	return q.grantsUnder(ctx, req == nil, q.k.ByPatient, "patient", req.GetPatient(), req.GetStatus(), req.GetPagination())
}

func (q queryServer) GrantsByGrantee(ctx context.Context, req *types.QueryGrantsByGranteeRequest) (*types.QueryGrantsResponse, error) {
	return q.grantsUnder(ctx, req == nil, q.k.ByGrantee, "grantee", req.GetGrantee(), req.GetStatus(), req.GetPagination())
}

// grantsUnder pages through an (address, id) index, keeping grants of one
// status if status is set.
func (q queryServer) grantsUnder(ctx context.Context, empty bool, index collections.KeySet[collections.Pair[sdk.AccAddress, uint64]],
	field, addr string, st types.GrantStatus, page *query.PageRequest,
) (*types.QueryGrantsResponse, error) {
	var keep func(types.Grant) bool
	if st != types.GrantStatus_GRANT_STATUS_UNSPECIFIED {
		keep = func(g types.Grant) bool { return g.Status == st }
	}
	grants, res, err := listUnder(ctx, q.k, empty, index, q.k.Grants, field, addr, page, keep)
	if err != nil {
		return nil, err
	}
	return &types.QueryGrantsResponse{Grants: grants, Pagination: res}, nil
}

func (q queryServer) ConsentRequest(ctx context.Context, req *types.QueryConsentRequestRequest) (*types.QueryConsentRequestResponse, error) {
	r, err := modulekit.QueryByID(ctx, req == nil, req.GetRequestId(), "request", q.k.GetRequest)
	if err != nil {
		return nil, err
	}
	return &types.QueryConsentRequestResponse{Request: r}, nil
}

func (q queryServer) RequestsByPatient(ctx context.Context, req *types.QueryRequestsByPatientRequest) (*types.QueryRequestsResponse, error) {
	return q.requestsUnder(ctx, req == nil, q.k.RequestsByPatient, "patient", req.GetPatient(), req.GetStatus(), req.GetPagination())
}

func (q queryServer) RequestsByRequester(ctx context.Context, req *types.QueryRequestsByRequesterRequest) (*types.QueryRequestsResponse, error) {
	return q.requestsUnder(ctx, req == nil, q.k.RequestsByRequester, "requester", req.GetRequester(), req.GetStatus(), req.GetPagination())
}

// requestsUnder pages through an (address, id) index of requests, keeping
// those of one status if status is set.
func (q queryServer) requestsUnder(ctx context.Context, empty bool, index collections.KeySet[collections.Pair[sdk.AccAddress, uint64]],
	field, addr string, st types.RequestStatus, page *query.PageRequest,
) (*types.QueryRequestsResponse, error) {
	var keep func(types.ConsentRequest) bool
	if st != types.RequestStatus_REQUEST_STATUS_UNSPECIFIED {
		keep = func(r types.ConsentRequest) bool { return r.Status == st }
	}
	requests, res, err := listUnder(ctx, q.k, empty, index, q.k.Requests, field, addr, page, keep)
	if err != nil {
		return nil, err
	}
	return &types.QueryRequestsResponse{Requests: requests, Pagination: res}, nil
}

// listUnder pages through an (address, id) index over values, keeping those
// keep accepts (all, without reading them twice, when keep is nil); a nil
// request (empty) is EmptyRequest.
func listUnder[V any](ctx context.Context, k Keeper, empty bool, index collections.KeySet[collections.Pair[sdk.AccAddress, uint64]],
	values collections.Map[uint64, V], field, addr string, page *query.PageRequest, keep func(V) bool,
) ([]V, *query.PageResponse, error) {
	bz, err := modulekit.RequestAddress(k.addressCodec, empty, field, addr)
	if err != nil {
		return nil, nil, err
	}
	var predicate func(collections.Pair[sdk.AccAddress, uint64], collections.NoValue) (bool, error)
	if keep != nil {
		predicate = func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (bool, error) {
			v, err := values.Get(ctx, key.K2())
			return err == nil && keep(v), err
		}
	}
	return modulekit.Paginate(ctx, index, page, predicate,
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (V, error) {
			return values.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](bz),
	)
}

func (q queryServer) CheckAccess(ctx context.Context, req *types.QueryCheckAccessRequest) (*types.QueryCheckAccessResponse, error) {
	accessor, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "accessor", req.GetAccessor())
	if err != nil {
		return nil, err
	}
	patient, err := modulekit.QueryAddress(q.k.addressCodec, "patient", req.Patient)
	if err != nil {
		return nil, err
	}
	ar := types.AccessRequest{Accessor: accessor, Patient: patient, Category: req.Category, Purpose: req.Purpose}
	if req.Custodian != "" || req.RecordId != "" {
		ar.Record = &recordstypes.RecordRef{Custodian: req.Custodian, RecordId: req.RecordId}
	}
	d, err := q.k.CheckAccess(ctx, ar)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	return &types.QueryCheckAccessResponse{Allowed: d.Allowed, GrantId: d.GrantID, Reason: d.Reason}, nil
}
