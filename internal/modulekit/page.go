package modulekit

import (
	"context"

	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// MaxPageLimit is the most entries one list query returns; a client pages
// through longer lists. Together with app.toml's query-gas-limit it keeps
// one query from stalling a node.
const MaxPageLimit = 1000

// CheckPage refuses a page request that asks for more than MaxPageLimit
// entries, with InvalidArgument. A nil request or limit 0 take the SDK's
// default page of 100.
func CheckPage(p *query.PageRequest) error {
	if p != nil && p.Limit > MaxPageLimit {
		return status.Errorf(codes.InvalidArgument, "pagination limit %d exceeds the maximum of %d; page through the list", p.Limit, MaxPageLimit)
	}
	return nil
}

// Paginate is query.CollectionFilteredPaginate behind CheckPage: every list
// query pages through it. predicate may be nil (keep everything). A
// malformed page request (bad key, offset with key) is InvalidArgument; an
// error of predicate or transform (reading the store) keeps its kind, as
// QueryError maps it.
func Paginate[K, V any, C query.Collection[K, V], T any](
	ctx context.Context, coll C, p *query.PageRequest,
	predicate func(K, V) (bool, error), transform func(K, V) (T, error),
	opts ...func(*query.CollectionsPaginateOptions[K]),
) ([]T, *query.PageResponse, error) {
	if err := CheckPage(p); err != nil {
		return nil, nil, err
	}
	var readErr error
	keep := func(k K, v V) (bool, error) {
		if predicate == nil {
			return true, nil
		}
		ok, err := predicate(k, v)
		if err != nil {
			readErr = err
		}
		return ok, err
	}
	convert := func(k K, v V) (T, error) {
		t, err := transform(k, v)
		if err != nil {
			readErr = err
		}
		return t, err
	}
	out, page, err := query.CollectionFilteredPaginate(ctx, coll, p, keep, convert, opts...)
	switch {
	case err == nil:
		return out, page, nil
	case readErr != nil:
		return nil, nil, QueryError(readErr)
	default:
		return nil, nil, status.Error(codes.InvalidArgument, err.Error())
	}
}

// PaginateMap pages through the values of a map as they are stored,
// keeping those predicate accepts (all when it is nil).
func PaginateMap[K, V any](ctx context.Context, m collections.Map[K, V], p *query.PageRequest,
	predicate func(K, V) (bool, error), opts ...func(*query.CollectionsPaginateOptions[K]),
) ([]V, *query.PageResponse, error) {
	return Paginate(ctx, m, p, predicate, func(_ K, v V) (V, error) { return v, nil }, opts...)
}

// TriplePrefix pages through the keys of a triple-keyed collection under k1.
func TriplePrefix[K1, K2, K3 any](k1 K1) func(*query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
	return func(o *query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
		p := collections.TriplePrefix[K1, K2, K3](k1)
		o.Prefix = &p
	}
}

// TripleSuperPrefix pages through the keys of a triple-keyed collection under (k1, k2).
func TripleSuperPrefix[K1, K2, K3 any](k1 K1, k2 K2) func(*query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
	return func(o *query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
		p := collections.TripleSuperPrefix[K1, K2, K3](k1, k2)
		o.Prefix = &p
	}
}
