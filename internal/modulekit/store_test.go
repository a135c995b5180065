package modulekit_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/colltest"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/internal/modulekit"
)

// kv is a small keeper state: a sequence, a map and a triple-keyed set.
type kv struct {
	seq    collections.Sequence
	things collections.Map[uint64, string]
	triple collections.KeySet[collections.Triple[string, string, uint64]]
}

func newKV(t *testing.T) (kv, context.Context) {
	svc, ctx := colltest.MockStore()
	sb := collections.NewSchemaBuilder(svc)
	s := kv{
		seq:    collections.NewSequence(sb, collections.NewPrefix(1), "seq"),
		things: collections.NewMap(sb, collections.NewPrefix(2), "things", collections.Uint64Key, collections.StringValue),
		triple: collections.NewKeySet(sb, collections.NewPrefix(3), "triple",
			collections.TripleKeyCodec(collections.StringKey, collections.StringKey, collections.Uint64Key)),
	}
	modulekit.MustBuild(sb)
	return s, ctx
}

// Ids start at 1 and continue after the highest one genesis loaded.
func TestIDSequence(t *testing.T) {
	s, ctx := newKV(t)
	for want := uint64(1); want <= 3; want++ {
		id, err := modulekit.NextID(ctx, s.seq)
		require.NoError(t, err)
		require.Equal(t, want, id)
	}
	require.NoError(t, modulekit.SetLastID(ctx, s.seq, 41))
	id, err := modulekit.NextID(ctx, s.seq)
	require.NoError(t, err)
	require.EqualValues(t, 42, id)
}

// Two collections on one prefix is a programming error, caught at start.
func TestMustBuildPanicsOnACollision(t *testing.T) {
	svc, _ := colltest.MockStore()
	sb := collections.NewSchemaBuilder(svc)
	collections.NewSequence(sb, collections.NewPrefix(1), "a")
	require.Panics(t, func() {
		collections.NewSequence(sb, collections.NewPrefix(1), "b")
		modulekit.MustBuild(sb)
	})
}

func TestGetNamesTheMissingKey(t *testing.T) {
	s, ctx := newKV(t)
	require.NoError(t, s.things.Set(ctx, 7, "seven"))
	v, err := modulekit.Get(ctx, s.things, 7, errMissing)
	require.NoError(t, err)
	require.Equal(t, "seven", v)
	_, err = modulekit.Get(ctx, s.things, 8, errMissing)
	require.ErrorIs(t, err, errMissing)
	require.ErrorContains(t, err, "8")
	require.Equal(t, codes.NotFound, status.Code(modulekit.QueryError(err)))
}

// Pages: the cap, a malformed request, filters, prefixes and the kind of a
// failure while reading.
func TestPaginate(t *testing.T) {
	s, ctx := newKV(t)
	for i := uint64(1); i <= 25; i++ {
		require.NoError(t, s.things.Set(ctx, i, fmt.Sprint("v", i)))
	}
	keep := func(k uint64, _ string) (bool, error) { return k%2 == 0, nil }
	val := func(_ uint64, v string) (string, error) { return v, nil }

	got, page, err := modulekit.Paginate(ctx, s.things, &query.PageRequest{Limit: 5, CountTotal: true}, keep, val)
	require.NoError(t, err)
	require.Equal(t, []string{"v2", "v4", "v6", "v8", "v10"}, got)
	require.NotEmpty(t, page.NextKey)
	rest, _, err := modulekit.Paginate(ctx, s.things, &query.PageRequest{Key: page.NextKey, Limit: 100}, keep, val)
	require.NoError(t, err)
	require.Len(t, rest, 7, "12 even keys in all")

	all, _, err := modulekit.Paginate(ctx, s.things, &query.PageRequest{Limit: 3, Reverse: true}, nil, val)
	require.NoError(t, err)
	require.Equal(t, []string{"v25", "v24", "v23"}, all, "nil predicate keeps everything")

	_, _, err = modulekit.Paginate(ctx, s.things, &query.PageRequest{Limit: modulekit.MaxPageLimit + 1}, nil, val)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.ErrorContains(t, err, "exceeds the maximum")
	_, _, err = modulekit.Paginate(ctx, s.things, &query.PageRequest{Limit: modulekit.MaxPageLimit}, nil, val)
	require.NoError(t, err, "exactly the cap is fine")
	_, _, err = modulekit.Paginate(ctx, s.things, &query.PageRequest{Key: []byte{1}, Offset: 3}, nil, val)
	require.Equal(t, codes.InvalidArgument, status.Code(err), "key and offset together")

	broken := func(uint64, string) (string, error) { return "", errors.New("store failure") }
	_, _, err = modulekit.Paginate(ctx, s.things, nil, nil, broken)
	require.Equal(t, codes.Internal, status.Code(err), "a read failure is not the caller's fault")
	missing := func(k uint64, _ string) (bool, error) { return false, fmt.Errorf("%d: %w", k, collections.ErrNotFound) }
	_, _, err = modulekit.Paginate(ctx, s.things, nil, missing, val)
	require.Equal(t, codes.NotFound, status.Code(err))
}

// A map's values page as stored, filtered by the predicate when one is
// given, within the page limit.
func TestPaginateMap(t *testing.T) {
	s, ctx := newKV(t)
	for i := uint64(1); i <= 5; i++ {
		require.NoError(t, s.things.Set(ctx, i, fmt.Sprint(i*10)))
	}
	all, page, err := modulekit.PaginateMap(ctx, s.things, &query.PageRequest{Limit: 2, CountTotal: true}, nil)
	require.NoError(t, err)
	require.Equal(t, []string{"10", "20"}, all)
	require.EqualValues(t, 5, page.Total)
	odd, _, err := modulekit.PaginateMap(ctx, s.things, nil, func(k uint64, _ string) (bool, error) { return k%2 == 1, nil })
	require.NoError(t, err)
	require.Equal(t, []string{"10", "30", "50"}, odd)
	_, _, err = modulekit.PaginateMap(ctx, s.things, &query.PageRequest{Limit: modulekit.MaxPageLimit + 1}, nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}

func TestTriplePrefixes(t *testing.T) {
	s, ctx := newKV(t)
	for _, k := range []collections.Triple[string, string, uint64]{
		collections.Join3("a", "x", uint64(1)), collections.Join3("a", "x", uint64(2)), collections.Join3("a", "y", uint64(3)),
		collections.Join3("b", "x", uint64(4)),
	} {
		require.NoError(t, s.triple.Set(ctx, k))
	}
	third := func(k collections.Triple[string, string, uint64], _ collections.NoValue) (uint64, error) {
		return k.K3(), nil
	}
	got, _, err := modulekit.Paginate(ctx, s.triple, nil, nil, third, modulekit.TriplePrefix[string, string, uint64]("a"))
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2, 3}, got)
	got, _, err = modulekit.Paginate(ctx, s.triple, nil, nil, third, modulekit.TripleSuperPrefix[string, string, uint64]("a", "x"))
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, got)
}

// A client reads a whole list across pages, seeing each page and the
// total as they come.
func TestAllPages(t *testing.T) {
	s, ctx := newKV(t)
	for i := uint64(1); i <= 250; i++ {
		require.NoError(t, s.things.Set(ctx, i, fmt.Sprint(i)))
	}
	fetch := func(p *query.PageRequest) ([]string, *query.PageResponse, error) {
		return modulekit.Paginate(ctx, s.things, p, nil, func(_ uint64, v string) (string, error) { return v, nil })
	}
	var pages []int
	var total uint64
	all, err := modulekit.AllPages(&query.PageRequest{Limit: 100, CountTotal: true}, fetch, func(got []string, n uint64) {
		pages = append(pages, len(got))
		if n > 0 {
			total = n
		}
	})
	require.NoError(t, err)
	require.Len(t, all, 250)
	require.Equal(t, []int{100, 100, 50}, pages)
	require.EqualValues(t, 250, total)

	all, err = modulekit.AllPages(nil, fetch, nil)
	require.NoError(t, err)
	require.Len(t, all, 250, "the default page size reads it all too")

	_, err = modulekit.AllPages(nil, func(*query.PageRequest) ([]string, *query.PageResponse, error) {
		return nil, nil, errors.New("node down")
	}, nil)
	require.ErrorContains(t, err, "node down")
}
