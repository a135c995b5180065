package ante_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consortiumante "github.com/medchain/medchain/x/consortium/ante"
	"github.com/medchain/medchain/x/consortium/types"
)

const (
	maxBytes = 2048
	maxMsgs  = 3
	maxGas   = 200_000
)

// limits is the decorator over a consortium with small bounds, and the
// direct-only messages the app declares.
func limits(t testing.TB) (consortiumante.TxLimitsDecorator, sdk.Context) {
	s := consortium(t, func(s *testutil.Stack) {
		s.Genesis.Params.MaxTxBytes, s.Genesis.Params.MaxMsgsPerTx, s.Genesis.Params.MaxTxGas = maxBytes, maxMsgs, maxGas
	})
	d := consortiumante.NewTxLimitsDecorator(s.Consortium,
		sdk.MsgTypeURL(&audittypes.MsgRequestAccess{}),
		sdk.MsgTypeURL(&audittypes.MsgEmergencyAccess{}),
		sdk.MsgTypeURL(&types.MsgAcceptAgent{}),
	)
	return d, s.Ctx
}

// remove is a well-formed message of the consortium.
func remove() sdk.Msg {
	return &types.MsgRemoveAgent{Signer: str("hospital-a"), Agent: str("dr")}
}

func msgs(n int) []sdk.Msg {
	out := make([]sdk.Msg, n)
	for i := range out {
		out[i] = remove()
	}
	return out
}

func TestTxLimits(t *testing.T) {
	accept := &types.MsgAcceptAgent{Agent: str("dr"), Member: str("hospital-a")}
	cases := []struct {
		name     string
		tx       sdk.Tx
		bytes    int
		simulate bool
		want     *errorsmod.Error
	}{
		{"within every bound", fakeTx{msgs: msgs(maxMsgs), gas: maxGas}, maxBytes, false, nil},
		{"one byte too many", fakeTx{msgs: msgs(1)}, maxBytes + 1, false, types.ErrTxTooLarge},
		{"one byte too many, simulated", fakeTx{msgs: msgs(1)}, maxBytes + 1, true, types.ErrTxTooLarge},
		{"asks for too much gas", fakeTx{msgs: msgs(1), gas: maxGas + 1}, 0, false, types.ErrTxTooLarge},
		{"asks for too much gas, simulated", fakeTx{msgs: msgs(1), gas: maxGas + 1}, 0, true, nil},
		{"cannot ask for gas", bareTx{msgs: msgs(1)}, 0, false, nil},
		{"one message too many", fakeTx{msgs: msgs(maxMsgs + 1)}, 0, false, types.ErrTxTooLarge},
		{"no message", fakeTx{}, 0, false, nil},
		{"a memo", fakeTx{msgs: msgs(1), memo: "patient Jane Doe, HIV+"}, 0, false, types.ErrMemoNotAllowed},
		{"a blank memo", fakeTx{msgs: msgs(1), memo: " "}, 0, true, types.ErrMemoNotAllowed},
		{"exec and its messages fill the bound", fakeTx{msgs: []sdk.Msg{exec("app", msgs(maxMsgs-1)...)}}, 0, false, nil},
		{"exec hides one message too many", fakeTx{msgs: []sdk.Msg{exec("app", msgs(maxMsgs)...)}}, 0, false, types.ErrTxTooLarge},
		{"two execs over the bound together", fakeTx{msgs: []sdk.Msg{exec("app", remove()), exec("app", remove())}}, 0, false, types.ErrTxTooLarge},
		{"exec in an exec", fakeTx{msgs: []sdk.Msg{exec("app", exec("app", remove()))}}, 0, false, types.ErrNestedExec},
		{"accepting an enrolment through exec", fakeTx{msgs: []sdk.Msg{exec("app", accept)}}, 0, false, types.ErrNestedExec},
		{"accepting an enrolment directly", fakeTx{msgs: []sdk.Msg{accept}}, 0, false, nil},
		{"access request through exec", fakeTx{msgs: []sdk.Msg{exec("app", &audittypes.MsgRequestAccess{})}}, 0, false, types.ErrNestedExec},
		{"emergency access through exec", fakeTx{msgs: []sdk.Msg{exec("app", &audittypes.MsgEmergencyAccess{})}}, 0, false, types.ErrNestedExec},
		{"direct-only message after an allowed one", fakeTx{msgs: []sdk.Msg{exec("app", remove(), accept)}}, 0, false, types.ErrNestedExec},
		{"exec carrying a malformed message", fakeTx{msgs: []sdk.Msg{exec("app", &types.MsgAddAgent{
			Operator: str("hospital-a"), Agent: str("dr"),
		})}}, 0, false, types.ErrInvalidAgent},
		{"exec carrying a foreign address", fakeTx{msgs: []sdk.Msg{exec("app", &types.MsgRemoveAgent{
			Signer: "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a", Agent: str("dr"),
		})}}, 0, false, types.ErrInvalidAddress},
		{"exec carrying nothing", fakeTx{msgs: []sdk.Msg{exec("app")}}, 0, false, sdkerrors.ErrInvalidRequest},
		{"exec carrying an unreadable message", fakeTx{msgs: []sdk.Msg{&authz.MsgExec{
			Grantee: str("app"), Msgs: []*codectypes.Any{{TypeUrl: "/medchain.consortium.v1.MsgRemoveAgent"}},
		}}}, 0, false, sdkerrors.ErrInvalidRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, ctx := limits(t)
			ctx = ctx.WithTxBytes(make([]byte, tc.bytes))
			var n next
			_, err := d.AnteHandle(ctx, tc.tx, tc.simulate, n.handle)
			if tc.want == nil {
				require.NoError(t, err)
				require.True(t, n.called, "an admissible transaction goes on")
				return
			}
			testutil.RequireCode(t, err, tc.want)
			require.False(t, n.called, "a refused transaction stops here")
		})
	}
}

// The bounds are read from the params at every transaction: a lower bound
// applies at once.
func TestTxLimitsFollowParams(t *testing.T) {
	s := consortium(t)
	d := consortiumante.NewTxLimitsDecorator(s.Consortium)
	tx := fakeTx{msgs: msgs(2)}
	var n next
	_, err := d.AnteHandle(s.Ctx, tx, false, n.handle)
	require.NoError(t, err)

	p := types.DefaultParams()
	p.MaxMsgsPerTx = 1
	require.NoError(t, s.Consortium.Params.Set(s.Ctx, p))
	_, err = d.AnteHandle(s.Ctx, tx, false, n.handle)
	testutil.RequireCode(t, err, types.ErrTxTooLarge)
}

// Without a direct-only list, only a nested MsgExec is refused inside one.
func TestTxLimitsDirectOnlyIsConfigured(t *testing.T) {
	s := consortium(t)
	d := consortiumante.NewTxLimitsDecorator(s.Consortium)
	var n next
	accept := &types.MsgAcceptAgent{Agent: str("dr"), Member: str("hospital-a")}
	_, err := d.AnteHandle(s.Ctx, fakeTx{msgs: []sdk.Msg{exec("app", accept)}}, false, n.handle)
	require.NoError(t, err)
	_, err = d.AnteHandle(s.Ctx, fakeTx{msgs: []sdk.Msg{exec("app", exec("app", accept))}}, false, n.handle)
	testutil.RequireCode(t, err, types.ErrNestedExec)
}

// A chain whose params cannot be read admits nothing.
func TestTxLimitsWithoutParams(t *testing.T) {
	s := testutil.NewStack(t)
	d := consortiumante.NewTxLimitsDecorator(s.Consortium)
	var n next
	_, err := d.AnteHandle(s.Ctx, fakeTx{msgs: msgs(1)}, false, n.handle)
	require.Error(t, err)
	require.False(t, n.called)
}
