package ante_test

import (
	"context"
	"errors"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	consortiumante "github.com/medchain/medchain/x/consortium/ante"
	"github.com/medchain/medchain/x/consortium/types"
)

// allowlist is the app's signer allowlist over s: the keeper, then the
// invitee rule.
func allowlist(s *testutil.Stack) consortiumante.SignerAllowlistDecorator {
	return consortiumante.NewSignerAllowlistDecorator([]consortiumante.SignerAllower{s.Consortium}, consortiumante.Invitees{Keeper: s.Consortium})
}

func accept(agent, member string) sdk.Msg {
	return &types.MsgAcceptAgent{Agent: str(agent), Member: str(member)}
}

func removeAgent(signer, agent string) sdk.Msg {
	return &types.MsgRemoveAgent{Signer: str(signer), Agent: str(agent)}
}

// signers is a consortium with an agent, a patient, a suspended member and
// two open invitations ("invitee" from both hospitals, "other" from one).
func signers(t *testing.T) *testutil.Stack {
	s := consortium(t, func(s *testutil.Stack) {
		s.WithMember("hospital-c", types.Role_ROLE_HOSPITAL).WithAgent("dr", "hospital-a", types.AgentRole_AGENT_ROLE_CLINICIAN)
		s.Genesis.Members[2].Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
		s.Genesis.Patients = []string{s.Str("jane")}
	})
	for _, inv := range [][2]string{{"hospital-a", "invitee"}, {"hospital-b", "invitee"}, {"hospital-b", "other"}} {
		require.NoError(t, s.Consortium.AddAgent(s.Ctx, s.Addr(inv[0]), s.Addr(inv[1]), types.AgentRole_AGENT_ROLE_STAFF))
	}
	return s
}

func TestSignerAllowlist(t *testing.T) {
	anything := []sdk.Msg{removeAgent("hospital-a", "dr")}
	cases := []struct {
		name    string
		tx      fakeTx
		allowed bool
	}{
		{"an active member's operator", signedBy(anything, "hospital-a"), true},
		{"an agent", signedBy(anything, "dr"), true},
		{"a known patient", signedBy(anything, "jane"), true},
		{"every signer allowed", signedBy(anything, "hospital-a", "dr", "jane"), true},
		{"a stranger", signedBy(anything, "stranger"), false},
		{"a stranger beside a member", signedBy(anything, "hospital-a", "stranger"), false},
		{"a suspended member's operator", signedBy(anything, "hospital-c"), false},

		{"an invitee accepting", signedBy([]sdk.Msg{accept("invitee", "hospital-a")}, "invitee"), true},
		{"an invitee declining", signedBy([]sdk.Msg{removeAgent("invitee", "invitee")}, "invitee"), true},
		{"an invitee declining, then accepting", signedBy([]sdk.Msg{removeAgent("invitee", "invitee"), accept("invitee", "hospital-a")}, "invitee"), true},
		{"an invitee accepting for another invitee", signedBy([]sdk.Msg{accept("other", "hospital-b")}, "invitee"), false},
		{"an invitee removing someone else", signedBy([]sdk.Msg{removeAgent("invitee", "dr")}, "invitee"), false},
		{"an invitee declining someone else's invitation", signedBy([]sdk.Msg{removeAgent("invitee", "other")}, "invitee"), false},
		{"an invitee signing a member's removal of it", signedBy([]sdk.Msg{removeAgent("hospital-a", "invitee")}, "invitee"), false},
		{"an invitee inviting", signedBy([]sdk.Msg{&types.MsgAddAgent{Operator: str("invitee"), Agent: str("x"), Role: types.AgentRole_AGENT_ROLE_STAFF}}, "invitee"), false},
		{"an invitee adding any other message", signedBy([]sdk.Msg{accept("invitee", "hospital-a"), removeAgent("hospital-a", "dr")}, "invitee"), false},
		{"an invitee accepting through an exec", signedBy([]sdk.Msg{exec("invitee", accept("invitee", "hospital-a"))}, "invitee"), false},
		{"an invitee with no message", signedBy(nil, "invitee"), false},
		{"a stranger answering for itself", signedBy([]sdk.Msg{removeAgent("stranger", "stranger")}, "stranger"), false},
		{"a stranger answering for an invitee", signedBy([]sdk.Msg{accept("invitee", "hospital-a")}, "invitee", "stranger"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := signers(t)
			var n next
			_, err := allowlist(s).AnteHandle(s.Ctx, tc.tx, false, n.handle)
			require.Equal(t, tc.allowed, n.called)
			if tc.allowed {
				require.NoError(t, err)
				return
			}
			testutil.RequireCode(t, err, types.ErrSignerNotAllowed)
		})
	}
}

// The invitee rule holds only while an invitation is open: not from its
// expires_at on, not once it is withdrawn, declined or accepted.
func TestInviteeAdmittedOnlyWhileInvited(t *testing.T) {
	answer := func(s *testutil.Stack) error {
		var n next
		_, err := allowlist(s).AnteHandle(s.Ctx, signedBy([]sdk.Msg{removeAgent("other", "other")}, "other"), false, n.handle)
		return err
	}
	ttl := types.DefaultAgentInvitationTTL

	s := signers(t)
	s.At(testutil.T0.Add(ttl - time.Nanosecond))
	require.NoError(t, answer(s), "open until its last nanosecond")
	s.At(testutil.T0.Add(ttl))
	testutil.RequireCode(t, answer(s), types.ErrSignerNotAllowed, "expired at expires_at")

	s = signers(t)
	require.NoError(t, s.Consortium.RemoveAgent(s.Ctx, s.Addr("hospital-b"), s.Addr("other")))
	testutil.RequireCode(t, answer(s), types.ErrSignerNotAllowed, "withdrawn")

	s = signers(t)
	require.NoError(t, s.Consortium.AcceptAgent(s.Ctx, s.Addr("invitee"), s.Addr("hospital-a")))
	var n next
	_, err := allowlist(s).AnteHandle(s.Ctx, signedBy([]sdk.Msg{accept("invitee", "hospital-b")}, "invitee"), false, n.handle)
	require.NoError(t, err, "now an agent, admitted as one")
	require.NoError(t, s.Consortium.RemoveAgent(s.Ctx, s.Addr("invitee"), s.Addr("invitee")))
	_, err = allowlist(s).AnteHandle(s.Ctx, signedBy([]sdk.Msg{removeAgent("invitee", "invitee")}, "invitee"), false, n.handle)
	testutil.RequireCode(t, err, types.ErrSignerNotAllowed, "a former agent with no invitation left")
}

type allowerFunc func(addr sdk.AccAddress) (bool, error)

func (f allowerFunc) IsAllowedSigner(_ context.Context, addr sdk.AccAddress) (bool, error) {
	return f(addr)
}

func (f allowerFunc) IsAllowedTxSigner(_ sdk.Context, _ sdk.Tx, addr sdk.AccAddress) (bool, error) {
	return f(addr)
}

// Allowers are asked in order, the first yes or error decides, and a
// transaction that cannot name its signers is refused.
func TestSignerAllowlistOrder(t *testing.T) {
	ctx := testutil.NewStack(t).Ctx
	var asked []string
	answer := func(name string, ok bool, err error) allowerFunc {
		return func(sdk.AccAddress) (bool, error) { asked = append(asked, name); return ok, err }
	}
	run := func(d consortiumante.SignerAllowlistDecorator, tx sdk.Tx) error {
		asked = nil
		var n next
		_, err := d.AnteHandle(ctx, tx, false, n.handle)
		require.Equal(t, err == nil, n.called)
		return err
	}
	tx := signedBy(nil, "someone")

	d := consortiumante.NewSignerAllowlistDecorator([]consortiumante.SignerAllower{answer("keeper", false, nil), answer("second", true, nil)}, answer("tx", true, nil))
	require.NoError(t, run(d, tx))
	require.Equal(t, []string{"keeper", "second"}, asked, "a yes ends the search")

	d = consortiumante.NewSignerAllowlistDecorator([]consortiumante.SignerAllower{answer("keeper", false, nil)}, answer("tx-1", false, nil), answer("tx-2", true, nil))
	require.NoError(t, run(d, tx))
	require.Equal(t, []string{"keeper", "tx-1", "tx-2"}, asked)

	broken := errors.New("store unreadable")
	d = consortiumante.NewSignerAllowlistDecorator([]consortiumante.SignerAllower{answer("keeper", false, broken)}, answer("tx", true, nil))
	require.ErrorIs(t, run(d, tx), broken, "an error is not a no: later allowers do not overrule it")
	require.Equal(t, []string{"keeper"}, asked)

	d = consortiumante.NewSignerAllowlistDecorator(nil)
	testutil.RequireCode(t, run(d, tx), types.ErrSignerNotAllowed, "no allower, nobody")
	testutil.RequireCode(t, run(d, bareTx{}), sdkerrors.ErrTxDecode)
	require.ErrorIs(t, run(d, fakeTx{err: broken}), broken)
}

type holder struct {
	asked bool
	has   bool
	err   error
}

func (h *holder) HasInvitation(context.Context, sdk.AccAddress) (bool, error) {
	h.asked = true
	return h.has, h.err
}

// The invitee rule reads the messages before the store, and passes on the
// store's answer.
func TestInviteesAsksOnlyForOwnAnswers(t *testing.T) {
	ctx := testutil.NewStack(t).Ctx
	h := &holder{has: true}
	ok, err := consortiumante.Invitees{Keeper: h}.IsAllowedTxSigner(ctx, signedBy([]sdk.Msg{removeAgent("hospital-a", "x")}), testutil.Addr("x"))
	require.NoError(t, err)
	require.False(t, ok)
	require.False(t, h.asked, "not its own answer: no store read")

	ok, err = consortiumante.Invitees{Keeper: h}.IsAllowedTxSigner(ctx, signedBy([]sdk.Msg{accept("x", "hospital-a")}), testutil.Addr("x"))
	require.NoError(t, err)
	require.True(t, ok)

	h = &holder{}
	ok, err = consortiumante.Invitees{Keeper: h}.IsAllowedTxSigner(ctx, signedBy([]sdk.Msg{accept("x", "hospital-a")}), testutil.Addr("x"))
	require.NoError(t, err)
	require.False(t, ok, "no open invitation")
	require.True(t, h.asked)

	h = &holder{has: true, err: errors.New("store unreadable")}
	_, err = consortiumante.Invitees{Keeper: h}.IsAllowedTxSigner(ctx, signedBy([]sdk.Msg{accept("x", "hospital-a")}), testutil.Addr("x"))
	require.ErrorIs(t, err, h.err)

	malformed := &types.MsgAcceptAgent{Agent: "x", Member: str("hospital-a")}
	ok, err = consortiumante.Invitees{Keeper: &holder{has: true}}.IsAllowedTxSigner(ctx, signedBy([]sdk.Msg{malformed}), testutil.Addr("x"))
	require.NoError(t, err)
	require.False(t, ok, "an address that does not parse is nobody's own")
}
