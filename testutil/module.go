package testutil

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// Module is the Stack as one module's keeper tests see it: that module's
// keeper K with its Msg and Query servers, over the shared stack.
//
//	type fixture struct {
//		testutil.Module[keeper.Keeper, types.MsgServer, types.QueryServer]
//	}
//	f := &fixture{testutil.NewModule(s, s.Records, keeper.NewMsgServer, keeper.NewQueryServer)}
type Module[K, M, Q any] struct {
	*Stack
	K       K
	Msgs    M
	Queries Q
}

// NewModule is s seen from the module whose keeper is k; msgs and queries
// build its servers.
func NewModule[K, M, Q any](s *Stack, k K, msgs func(K) M, queries func(K) Q) Module[K, M, Q] {
	return Module[K, M, Q]{Stack: s, K: k, Msgs: msgs(k), Queries: queries(k)}
}

// SetStatus changes the status of the member named name, as a suspension or
// a removal does.
func (s *Stack) SetStatus(t testing.TB, name string, status consortiumtypes.MemberStatus) {
	t.Helper()
	m, err := s.Consortium.GetMember(s.Ctx, s.Addr(name))
	require.NoError(t, err)
	m.Status = status
	require.NoError(t, s.Consortium.SetMember(s.Ctx, m))
}

// Get is what get finds under key, read over ctx; an error fails t.
//
//	p := testutil.Get(t, f.Ctx, f.K.GetProposal, id)
func Get[K, V any](t testing.TB, ctx context.Context, get func(context.Context, K) (V, error), key K) V {
	t.Helper()
	v, err := get(ctx, key)
	require.NoError(t, err)
	return v
}
