package app

import (
	"context"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
)

// captureServer records the service a queryGasGuard registers.
type captureServer struct{ desc *grpc.ServiceDesc }

func (c *captureServer) RegisterService(sd *grpc.ServiceDesc, _ any) { c.desc = sd }

// guardedQuery registers a one-method service whose handler answers with
// the errors of answers in turn (nil: an answer), and returns the guarded
// handler and how many times the inner one ran.
func guardedQuery(t *testing.T, answers ...error) (func() (any, error), *int) {
	t.Helper()
	calls := 0
	sd := &grpc.ServiceDesc{ServiceName: "medchain.test.v1.Query", Methods: []grpc.MethodDesc{{
		MethodName: "Ask",
		Handler: func(any, context.Context, func(any) error, grpc.UnaryServerInterceptor) (any, error) {
			err := answers[min(calls, len(answers)-1)]
			calls++
			if err != nil {
				return nil, err
			}
			return "answer", nil
		},
	}}}
	var srv captureServer
	queryGasGuard{&srv}.RegisterService(sd, nil)
	require.Len(t, srv.desc.Methods, 1)
	h := srv.desc.Methods[0].Handler
	return func() (any, error) { return h(nil, context.Background(), func(any) error { return nil }, nil) }, &calls
}

// The SDK's refusal of a query racing a commit, as CreateQueryContext words it.
var raceErr = errorsmod.Wrapf(sdkerrors.ErrInvalidHeight,
	"context did not contain latest block height in either check state or finalize block state (%d)", 7)

func TestQueryRacingACommitIsAskedAgain(t *testing.T) {
	ask, calls := guardedQuery(t, raceErr, raceErr, nil)
	resp, err := ask()
	require.NoError(t, err)
	require.Equal(t, "answer", resp)
	require.Equal(t, 3, *calls)
}

func TestQueryRefusedForAnotherReasonIsNotRetried(t *testing.T) {
	future := errorsmod.Wrap(sdkerrors.ErrInvalidHeight, "cannot query with height in the future; please provide a valid height")
	for _, refusal := range []error{future, sdkerrors.ErrNotFound, sdkerrors.ErrInvalidRequest} {
		ask, calls := guardedQuery(t, refusal, nil)
		_, err := ask()
		require.ErrorIs(t, err, refusal)
		require.Equal(t, 1, *calls, "%v was asked again", refusal)
	}
}

// A node that stays between states is not asked forever: the refusal
// reaches the client after the retries.
func TestQueryRetriesAreBounded(t *testing.T) {
	ask, calls := guardedQuery(t, raceErr)
	_, err := ask()
	require.ErrorIs(t, err, sdkerrors.ErrInvalidHeight)
	require.Equal(t, 1+commitRaceRetries, *calls)
}
