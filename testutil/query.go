package testutil

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
)

// Answers is the gRPC status a query must answer each request with:
// codes.OK for a good request, codes.NotFound for a key that holds nothing,
// codes.InvalidArgument for a malformed argument (a nil request, a page too
// large). A list query answers a key that holds nothing with an empty page,
// not NotFound: such a request is OK.
type Answers[Req any] map[codes.Code][]Req

// RequireAnswers sends query each request of want, over ctx, and asserts the
// status of each answer. It returns the answers to want[codes.OK], in order,
// for the test to check what they hold.
func RequireAnswers[Req, Res any](t testing.TB, ctx context.Context, query func(context.Context, Req) (Res, error), want Answers[Req]) []Res {
	t.Helper()
	var ok []Res
	for code, reqs := range want {
		for i, req := range reqs {
			res, err := query(ctx, req)
			if code == codes.OK {
				require.NoError(t, err, "OK[%d]: %v", i, req)
				ok = append(ok, res)
				continue
			}
			RequireStatus(t, err, code, fmt.Sprintf("%v[%d]: %v", code, i, req))
		}
	}
	return ok
}

// IDs lists the ids of items (a page of grants, requests or events), in
// order.
func IDs[E any, PE interface {
	*E
	GetId() uint64
}](items []E) []uint64 {
	var out []uint64
	for i := range items {
		out = append(out, PE(&items[i]).GetId())
	}
	return out
}

// RequireParamsAnswer asserts a module's Params query answers want, to an
// empty request and to none: the params need no argument.
func RequireParamsAnswer[Req any, Res interface{ GetParams() P }, P any](t testing.TB, ctx context.Context, query func(context.Context, *Req) (Res, error), want P) {
	t.Helper()
	for _, res := range RequireAnswers(t, ctx, query, Answers[*Req]{codes.OK: {new(Req), nil}}) {
		require.Equal(t, want, res.GetParams())
	}
}
