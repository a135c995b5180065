package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/records/types"
)

type queryServer struct{ k Keeper }

// NewQueryServer returns the records Query service.
func NewQueryServer(k Keeper) types.QueryServer { return queryServer{k: k} }

// recordArgs checks the (custodian, record id) a query request names; a nil
// request (empty) is EmptyRequest.
func (q queryServer) recordArgs(empty bool, custodian, recordID string) (sdk.AccAddress, error) {
	c, err := modulekit.RequestAddress(q.k.addressCodec, empty, "custodian", custodian)
	if err != nil {
		return nil, err
	}
	return c, modulekit.QueryError(types.ValidateRecordID(recordID))
}

func (q queryServer) Record(ctx context.Context, req *types.QueryRecordRequest) (*types.QueryRecordResponse, error) {
	custodian, err := q.recordArgs(req == nil, req.GetCustodian(), req.GetRecordId())
	if err != nil {
		return nil, err
	}
	v, err := q.k.GetVersion(ctx, custodian, req.RecordId, req.Version)
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	latest, err := q.k.Latest.Get(ctx, collections.Join(custodian, req.RecordId))
	if err != nil {
		return nil, modulekit.QueryError(err)
	}
	return &types.QueryRecordResponse{Record: v, LatestVersion: latest}, nil
}

func (q queryServer) RecordHistory(ctx context.Context, req *types.QueryRecordHistoryRequest) (*types.QueryRecordHistoryResponse, error) {
	custodian, err := q.recordArgs(req == nil, req.GetCustodian(), req.GetRecordId())
	if err != nil {
		return nil, err
	}
	if _, err := q.k.GetVersion(ctx, custodian, req.RecordId, 0); err != nil {
		return nil, modulekit.QueryError(err)
	}
	versions, page, err := modulekit.PaginateMap(ctx, q.k.Versions, req.Pagination, nil,
		modulekit.TripleSuperPrefix[sdk.AccAddress, string, uint32](custodian, req.RecordId),
	)
	if err != nil {
		return nil, err
	}
	return &types.QueryRecordHistoryResponse{Versions: versions, Pagination: page}, nil
}

func (q queryServer) RecordsByPatient(ctx context.Context, req *types.QueryRecordsByPatientRequest) (*types.QueryRecordsResponse, error) {
	patient, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "patient", req.GetPatient())
	if err != nil {
		return nil, err
	}
	records, page, err := modulekit.Paginate(ctx, q.k.ByPatient, req.Pagination, nil,
		func(key collections.Triple[sdk.AccAddress, sdk.AccAddress, string], _ collections.NoValue) (types.RecordVersion, error) {
			return q.k.GetVersion(ctx, key.K2(), key.K3(), 0)
		},
		modulekit.TriplePrefix[sdk.AccAddress, sdk.AccAddress, string](patient),
	)
	if err != nil {
		return nil, err
	}
	return &types.QueryRecordsResponse{Records: records, Pagination: page}, nil
}

func (q queryServer) RecordsByCustodian(ctx context.Context, req *types.QueryRecordsByCustodianRequest) (*types.QueryRecordsResponse, error) {
	custodian, err := modulekit.RequestAddress(q.k.addressCodec, req == nil, "custodian", req.GetCustodian())
	if err != nil {
		return nil, err
	}
	records, page, err := modulekit.Paginate(ctx, q.k.Latest, req.Pagination, nil,
		func(key RecordKey, latest uint32) (types.RecordVersion, error) {
			return q.k.Versions.Get(ctx, collections.Join3(key.K1(), key.K2(), latest))
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, string](custodian),
	)
	if err != nil {
		return nil, err
	}
	return &types.QueryRecordsResponse{Records: records, Pagination: page}, nil
}

func (q queryServer) RecordsByHash(ctx context.Context, req *types.QueryRecordsByHashRequest) (*types.QueryRecordsResponse, error) {
	if req == nil {
		return nil, modulekit.EmptyRequest()
	}
	hash := types.ContentHash{Algorithm: req.Algorithm, Digest: req.Digest}
	if err := hash.Validate(); err != nil {
		return nil, modulekit.QueryError(err)
	}
	records, page, err := modulekit.Paginate(ctx, q.k.ByHash, req.Pagination, nil,
		func(key collections.Triple[[]byte, sdk.AccAddress, string], _ collections.NoValue) (types.RecordVersion, error) {
			id, version, err := parseVersionRef(key.K3())
			if err != nil {
				return types.RecordVersion{}, err
			}
			return q.k.Versions.Get(ctx, collections.Join3(key.K2(), id, version))
		},
		modulekit.TriplePrefix[[]byte, sdk.AccAddress, string](hash.Key()),
	)
	if err != nil {
		return nil, err
	}
	return &types.QueryRecordsResponse{Records: records, Pagination: page}, nil
}

func (q queryServer) Batch(ctx context.Context, req *types.QueryBatchRequest) (*types.QueryBatchResponse, error) {
	b, err := modulekit.QueryByID(ctx, req == nil, req.GetBatchId(), "batch", q.k.GetBatch)
	if err != nil {
		return nil, err
	}
	return &types.QueryBatchResponse{Batch: b}, nil
}

func (q queryServer) VerifyInclusion(ctx context.Context, req *types.QueryVerifyInclusionRequest) (*types.QueryVerifyInclusionResponse, error) {
	if req == nil {
		return nil, modulekit.EmptyRequest()
	}
	if err := types.ValidateInclusionQuery(req.BatchId, req.Leaf, req.Proof); err != nil {
		return nil, modulekit.QueryError(err)
	}
	if _, err := q.k.GetBatch(ctx, req.BatchId); err != nil {
		return nil, modulekit.QueryError(err)
	}
	if err := q.k.VerifyInclusion(ctx, req.BatchId, req.Leaf, req.LeafIndex, req.Proof); err != nil {
		return &types.QueryVerifyInclusionResponse{Included: false, Reason: err.Error()}, nil
	}
	return &types.QueryVerifyInclusionResponse{Included: true}, nil
}
