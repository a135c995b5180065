package modulekit

import "github.com/cosmos/cosmos-sdk/types/query"

// ClientPageSize is the page a client asks for when it reads a whole list.
const ClientPageSize = 100

// AllPages reads a whole list query page by page: fetch asks for one page
// and returns its entries and page response. first is the first page
// request (nil: ClientPageSize entries, no total); each is passed to
// onPage, if given, as it arrives, with the total count when the server
// gave one.
func AllPages[T any](first *query.PageRequest, fetch func(*query.PageRequest) ([]T, *query.PageResponse, error),
	onPage func(got []T, total uint64),
) ([]T, error) {
	page := first
	if page == nil {
		page = &query.PageRequest{Limit: ClientPageSize}
	}
	var all []T
	for {
		got, res, err := fetch(page)
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
		if onPage != nil {
			var total uint64
			if res != nil {
				total = res.Total
			}
			onPage(got, total)
		}
		if res == nil || len(res.NextKey) == 0 {
			return all, nil
		}
		page = &query.PageRequest{Key: res.NextKey, Limit: page.Limit}
	}
}
