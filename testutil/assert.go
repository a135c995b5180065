package testutil

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
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

// ParamCase changes the default parameters one way; OK says whether the
// result is valid.
type ParamCase[P any] struct {
	Name string
	Set  func(*P)
	OK   bool
}

// Param is a ParamCase.
func Param[P any](name string, set func(*P), ok bool) ParamCase[P] {
	return ParamCase[P]{Name: name, Set: set, OK: ok}
}

// RequireParamCases validates each case's change of defaults() in its own
// subtest: valid, or refused with want.
func RequireParamCases[P interface{ Validate() error }](t *testing.T, defaults func() P, want *errorsmod.Error, cases ...ParamCase[P]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			p := defaults()
			tc.Set(&p)
			err := p.Validate()
			if tc.OK {
				require.NoError(t, err)
				return
			}
			RequireCode(t, err, want)
		})
	}
}
