package keeper_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/types"
)

// Every list query takes a page of up to 1000 entries and refuses more, or
// a page naming both a key and an offset, with InvalidArgument.
func TestListPageLimits(t *testing.T) {
	f := anchored(t, "dr-a", "a-1")
	h := sha("a-1/v1")
	lists := map[string]func(p *query.PageRequest) error{
		"RecordHistory": func(p *query.PageRequest) error {
			_, err := f.Queries.RecordHistory(f.Ctx, &types.QueryRecordHistoryRequest{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("a-1"), Pagination: p})
			return err
		},
		"RecordsByPatient": func(p *query.PageRequest) error {
			_, err := f.Queries.RecordsByPatient(f.Ctx, &types.QueryRecordsByPatientRequest{Patient: f.Str("patient-1"), Pagination: p})
			return err
		},
		"RecordsByCustodian": func(p *query.PageRequest) error {
			_, err := f.Queries.RecordsByCustodian(f.Ctx, &types.QueryRecordsByCustodianRequest{Custodian: f.Str("hospital-a"), Pagination: p})
			return err
		},
		"RecordsByHash": func(p *query.PageRequest) error {
			_, err := f.Queries.RecordsByHash(f.Ctx, &types.QueryRecordsByHashRequest{Algorithm: h.Algorithm, Digest: h.Digest, Pagination: p})
			return err
		},
	}
	for name, list := range lists {
		require.NoError(t, list(&query.PageRequest{Limit: 1000}), name)
		testutil.RequireStatus(t, list(&query.PageRequest{Limit: 1001}), codes.InvalidArgument, name)
		testutil.RequireStatus(t, list(&query.PageRequest{Key: []byte{1}, Offset: 1}), codes.InvalidArgument, name)
	}
}

// custodianPages pages through RecordsByCustodian with req and returns
// the record ids of every page.
func (f *fixture) custodianPages(t *testing.T, custodian string, req query.PageRequest) [][]string {
	t.Helper()
	var pages [][]string
	for {
		p := req
		res, err := f.Queries.RecordsByCustodian(f.Ctx, &types.QueryRecordsByCustodianRequest{Custodian: f.Str(custodian), Pagination: &p})
		require.NoError(t, err)
		var ids []string
		for _, r := range res.Records {
			require.Equal(t, f.Str(custodian), r.Custodian)
			ids = append(ids, r.RecordId)
		}
		pages = append(pages, ids)
		if res.Pagination.NextKey == nil {
			return pages
		}
		req.Key = res.Pagination.NextKey
	}
}

// Without a limit a page holds 100 entries; next keys walk the whole list
// once, forwards or in reverse, and only the named custodian's records.
func TestRecordsByCustodianPages(t *testing.T) {
	f := newFixture(t)
	var all []string
	for i := range 101 {
		name := fmt.Sprintf("a-%03d", i)
		f.anchor(t, f.anchorMsg("gw-a", name))
		all = append(all, testutil.RecordID(name))
	}
	f.anchor(t, f.anchorMsg("dr-b", "b-1"))
	slices.Sort(all)

	pages := f.custodianPages(t, "hospital-a", query.PageRequest{})
	require.Equal(t, []int{100, 1}, []int{len(pages[0]), len(pages[1])})
	pages = f.custodianPages(t, "hospital-a", query.PageRequest{Limit: 40})
	require.Equal(t, []int{40, 40, 21}, []int{len(pages[0]), len(pages[1]), len(pages[2])})
	require.Equal(t, all, slices.Concat(pages...), "each record once, in key order")

	reversed := slices.Concat(f.custodianPages(t, "hospital-a", query.PageRequest{Limit: 40, Reverse: true})...)
	slices.Reverse(reversed)
	require.Equal(t, all, reversed)
}

// History lists versions in numeric order (10 after 9) and only the named
// record's, even when another id starts with the same digits.
func TestRecordHistoryOrderAndScope(t *testing.T) {
	f := anchored(t, "dr-a", "obs")
	for v := 2; v <= 12; v++ {
		_, err := f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "obs", fmt.Sprintf("obs/v%d", v)))
		require.NoError(t, err)
	}
	longer := f.anchorMsg("dr-a", "obs")
	longer.RecordId += "0"
	f.anchor(t, longer)

	history := func(p *query.PageRequest) ([]uint32, []byte) {
		res, err := f.Queries.RecordHistory(f.Ctx, &types.QueryRecordHistoryRequest{
			Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("obs"), Pagination: p,
		})
		require.NoError(t, err)
		var out []uint32
		for _, v := range res.Versions {
			require.Equal(t, testutil.RecordID("obs"), v.RecordId)
			out = append(out, v.Version)
		}
		return out, res.Pagination.NextKey
	}
	all, next := history(nil)
	require.Equal(t, []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, all)
	require.Nil(t, next)
	newest, _ := history(&query.PageRequest{Limit: 3, Reverse: true})
	require.Equal(t, []uint32{12, 11, 10}, newest)

	res, err := f.Queries.Record(f.Ctx, &types.QueryRecordRequest{Custodian: f.Str("hospital-a"), RecordId: longer.RecordId})
	require.NoError(t, err)
	require.EqualValues(t, 1, res.LatestVersion, "the longer id is a record of its own")
}

// The same content anchored by three custodians is found under its hash,
// page by page; the same digest bytes under another algorithm are not.
func TestRecordsByHashAcrossCustodians(t *testing.T) {
	f := newFixture(t)
	shared := sha("discharge letter")
	for _, signer := range []string{"dr-a", "dr-b", "lab-c"} {
		msg := f.anchorMsg(signer, "letter-"+signer)
		msg.ContentHash = shared
		f.anchor(t, msg)
	}
	other := f.anchorMsg("dr-a", "sha3")
	other.ContentHash = &types.ContentHash{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA3_256, Digest: shared.Digest}
	f.anchor(t, other)

	byHash := func(h *types.ContentHash, p *query.PageRequest) *types.QueryRecordsResponse {
		res, err := f.Queries.RecordsByHash(f.Ctx, &types.QueryRecordsByHashRequest{Algorithm: h.Algorithm, Digest: h.Digest, Pagination: p})
		require.NoError(t, err)
		return res
	}
	first := byHash(shared, &query.PageRequest{Limit: 2})
	rest := byHash(shared, &query.PageRequest{Key: first.Pagination.NextKey})
	require.Equal(t, []int{2, 1}, []int{len(first.Records), len(rest.Records)})
	var custodians []string
	for _, r := range append(first.Records, rest.Records...) {
		custodians = append(custodians, r.Custodian)
	}
	require.ElementsMatch(t, []string{f.Str("hospital-a"), f.Str("hospital-b"), f.Str("lab-c")}, custodians)
	sha3 := byHash(other.ContentHash, nil).Records
	require.Len(t, sha3, 1)
	require.Equal(t, other.RecordId, sha3[0].RecordId)
}
