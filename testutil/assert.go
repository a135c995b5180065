package testutil

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// RequireCode asserts err is want, and that a client sees want's own
// codespace and code, not a generic internal error.
func RequireCode(t testing.TB, err error, want *errorsmod.Error, msgAndArgs ...any) {
	t.Helper()
	require.ErrorIs(t, err, want, msgAndArgs...)
	space, code, _ := errorsmod.ABCIInfo(err, false)
	require.Equal(t, want.Codespace(), space, msgAndArgs...)
	require.Equal(t, want.ABCICode(), code, msgAndArgs...)
}

// RequireStatus asserts a query's error carries the gRPC code want.
func RequireStatus(t testing.TB, err error, want codes.Code, msgAndArgs ...any) {
	t.Helper()
	require.Error(t, err, msgAndArgs...)
	require.Equalf(t, want, status.Code(err), "%v %v", err, msgAndArgs)
}

// EventTypes lists the types of the events emitted on ctx so far.
func EventTypes(ctx sdk.Context) []string {
	var out []string
	for _, e := range ctx.EventManager().Events() {
		out = append(out, e.Type)
	}
	return out
}

// TypedEvents decodes the typed events emitted on ctx so far.
func TypedEvents(t testing.TB, ctx sdk.Context) []gogoproto.Message {
	t.Helper()
	var out []gogoproto.Message
	for _, e := range ctx.EventManager().Events() {
		msg, err := sdk.ParseTypedEvent(abci.Event(e))
		require.NoError(t, err)
		out = append(out, msg)
	}
	return out
}

// FreshEvents gives the stack a new event manager and returns its context.
func (s *Stack) FreshEvents() sdk.Context {
	s.Ctx = s.Ctx.WithEventManager(sdk.NewEventManager())
	return s.Ctx
}

// MsgCase is a message and the error its stateless checks must give (nil:
// the message is valid).
type MsgCase struct {
	Name string
	Msg  ValidatedMsg
	Want *errorsmod.Error
}

// Case is a MsgCase.
func Case(name string, msg ValidatedMsg, want *errorsmod.Error) MsgCase {
	return MsgCase{Name: name, Msg: msg, Want: want}
}

// RequireMsgCases runs each case's ValidateBasic in its own subtest.
func RequireMsgCases(t *testing.T, cases ...MsgCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			err := tc.Msg.ValidateBasic()
			if tc.Want == nil {
				require.NoError(t, err)
				return
			}
			RequireCode(t, err, tc.Want)
		})
	}
}
