package clikit_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/modulekit"
)

// listResponse stands in for a generated list query's answer.
type listResponse struct {
	Items      []string
	Pagination *query.PageResponse
}

// fakeList answers pages of n items, limit items a page, keyed by the
// index of a page's first item; failAt makes the page at that key fail.
type fakeList struct {
	n, failAt int
	asked     []*query.PageRequest
}

func (f *fakeList) ask(page *query.PageRequest) (*listResponse, error) {
	f.asked = append(f.asked, page)
	from := 0
	if len(page.Key) > 0 {
		from, _ = strconv.Atoi(string(page.Key))
	}
	if f.failAt > 0 && from == f.failAt {
		return nil, errors.New("node unavailable")
	}
	res := &listResponse{Pagination: &query.PageResponse{Total: uint64(f.n)}}
	for i := from; i < f.n && i < from+int(page.Limit); i++ {
		res.Items = append(res.Items, "item-"+strconv.Itoa(i))
	}
	if next := from + int(page.Limit); next < f.n {
		res.Pagination.NextKey = []byte(strconv.Itoa(next))
	}
	return res, nil
}

func items(res *listResponse) ([]string, *query.PageResponse) { return res.Items, res.Pagination }

// AllPages follows the next keys to the last page, with the client page
// size, and returns every item in order.
func TestAllPages(t *testing.T) {
	n := 2*int(modulekit.ClientPageSize) + 3
	f := &fakeList{n: n}
	all, err := clikit.AllPages(f.ask, items)
	require.NoError(t, err)
	require.Len(t, all, n)
	for i, it := range all {
		require.Equal(t, "item-"+strconv.Itoa(i), it)
	}
	require.Len(t, f.asked, 3)
	for i, page := range f.asked {
		require.EqualValues(t, modulekit.ClientPageSize, page.Limit, "page %d", i)
	}
	require.Empty(t, f.asked[0].Key, "the first page has no key")
	require.Equal(t, []byte(strconv.Itoa(int(modulekit.ClientPageSize))), f.asked[1].Key)

	none, err := clikit.AllPages((&fakeList{}).ask, items)
	require.NoError(t, err)
	require.Empty(t, none)
}

// A page that fails fails the whole list: no partial answer.
func TestAllPagesFailingPage(t *testing.T) {
	f := &fakeList{n: 3 * int(modulekit.ClientPageSize), failAt: int(modulekit.ClientPageSize)}
	all, err := clikit.AllPages(f.ask, items)
	require.EqualError(t, err, "node unavailable")
	require.Nil(t, all)
	require.Len(t, f.asked, 2, "no page is asked after the failing one")
}

// Pager fits modulekit.AllPages, with its first page and its progress
// callback, and hands on the answer's pagination.
func TestPager(t *testing.T) {
	f := &fakeList{n: 7}
	var seen []int
	var totals []uint64
	all, err := modulekit.AllPages(&query.PageRequest{Limit: 3, CountTotal: true}, clikit.Pager(f.ask, items),
		func(got []string, total uint64) {
			seen = append(seen, len(got))
			totals = append(totals, total)
		})
	require.NoError(t, err)
	require.Len(t, all, 7)
	require.Equal(t, []int{3, 3, 1}, seen)
	require.Equal(t, []uint64{7, 7, 7}, totals)
	require.True(t, f.asked[0].CountTotal)

	page := clikit.Pager((&fakeList{n: 5, failAt: 2}).ask, items)
	got, res, err := page(&query.PageRequest{Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []string{"item-0", "item-1"}, got)
	require.Equal(t, []byte("2"), res.NextKey)
	got, res, err = page(&query.PageRequest{Key: res.NextKey, Limit: 2})
	require.EqualError(t, err, "node unavailable")
	require.Nil(t, got)
	require.Nil(t, res, "items is not asked about a failed answer")
}
