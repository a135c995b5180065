package clikit

import (
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/medchain/medchain/internal/modulekit"
)

// Pager is one page of a list query for modulekit.AllPages: ask sends the
// query for a page, items takes the page's items and pagination out of the
// answer.
func Pager[T, R any](ask func(*query.PageRequest) (R, error), items func(R) ([]T, *query.PageResponse)) func(*query.PageRequest) ([]T, *query.PageResponse, error) {
	return func(page *query.PageRequest) ([]T, *query.PageResponse, error) {
		res, err := ask(page)
		if err != nil {
			return nil, nil, err
		}
		got, next := items(res)
		return got, next, nil
	}
}

// AllPages lists every item of a list query, page by page (see Pager).
func AllPages[T, R any](ask func(*query.PageRequest) (R, error), items func(R) ([]T, *query.PageResponse)) ([]T, error) {
	return modulekit.AllPages(nil, Pager(ask, items), nil)
}
