package testutil

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// GenesisIO is how one module's genesis state G enters and leaves a Stack:
// the module's InitGenesis and ExportGenesis, and the store they write.
type GenesisIO[G Genesis] struct {
	StoreKey string
	Init     func(*Stack, G) error
	Export   func(*Stack) (*G, error)
}

func genesisIO[K any, G Genesis](storeKey string, keeper func(*Stack) K, initGenesis func(K, context.Context, G) error, exportGenesis func(K, context.Context) (*G, error)) GenesisIO[G] {
	return GenesisIO[G]{
		StoreKey: storeKey,
		Init:     func(s *Stack, gs G) error { return initGenesis(keeper(s), s.Ctx, gs) },
		Export:   func(s *Stack) (*G, error) { return exportGenesis(keeper(s), s.Ctx) },
	}
}

// MustExport is the module's genesis as s exports it; an error fails t.
func (io GenesisIO[G]) MustExport(t testing.TB, s *Stack) *G {
	t.Helper()
	gs, err := io.Export(s)
	require.NoError(t, err)
	return gs
}

// Exported gives, each time it is called, a new copy of the module's
// genesis as s exports it now: the base of RequireRefused's cases.
func (io GenesisIO[G]) Exported(s *Stack) func(testing.TB) *G {
	return func(t testing.TB) *G { return io.MustExport(t, s) }
}

// RequireRoundTrip loads gs into s, a stack without the module's state, and
// requires s to export gs again, unchanged.
func (io GenesisIO[G]) RequireRoundTrip(t testing.TB, s *Stack, gs *G) {
	t.Helper()
	require.NoError(t, io.Init(s, *gs))
	require.Equal(t, gs, io.MustExport(t, s))
}

// GenesisCase changes a valid genesis state into one that must be refused
// with Err (nil: with any error).
type GenesisCase[G any] struct {
	Name   string
	Mutate func(*G)
	Err    error
}

// Refuse is a GenesisCase.
func Refuse[G any](name string, mutate func(*G), err error) GenesisCase[G] {
	return GenesisCase[G]{Name: name, Mutate: mutate, Err: err}
}

// RequireRefused runs each case in its own subtest: it changes the state
// base gives, and requires Validate to refuse the result, and InitGenesis
// into a stack fresh builds to refuse it too, writing nothing.
func (io GenesisIO[G]) RequireRefused(t *testing.T, base func(testing.TB) *G, fresh func(testing.TB) *Stack, cases []GenesisCase[G]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			gs := base(t)
			tc.Mutate(gs)
			s := fresh(t)
			requireRefusal(t, (*gs).Validate(s.AC), tc.Err, "Validate")
			before := s.storeEntries(io.StoreKey)
			requireRefusal(t, io.Init(s, *gs), tc.Err, "InitGenesis refuses what Validate refuses")
			require.Equal(t, before, s.storeEntries(io.StoreKey), "a refused genesis writes nothing")
		})
	}
}

func requireRefusal(t testing.TB, err, want error, what string) {
	t.Helper()
	require.Error(t, err, what)
	if want != nil {
		require.ErrorIs(t, err, want, what)
	}
}

// storeEntries lists the keys and values of the store named key, in order.
func (s *Stack) storeEntries(key string) [][2][]byte {
	it := s.Ctx.KVStore(s.Keys[key]).Iterator(nil, nil)
	defer it.Close()
	var out [][2][]byte
	for ; it.Valid(); it.Next() {
		out = append(out, [2][]byte{it.Key(), it.Value()})
	}
	return out
}
