package types_test

import (
	"math"
	"strings"
	"testing"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdktx "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

func anys(t *testing.T, msgs ...sdk.Msg) []*codectypes.Any {
	t.Helper()
	out, err := sdktx.SetMsgs(msgs)
	require.NoError(t, err)
	return out
}

// Proposals are checked before the mempool: who proposes, a bounded and
// printable text, 1..100 messages, and each carried message's own checks.
func TestSubmitProposalValidateBasic(t *testing.T) {
	ac := testutil.NewStack(t).AC
	op, authority := testutil.Bech32(ac, "op"), testutil.Bech32(ac, "consortium")
	suspend := &types.MsgSuspendMember{Authority: authority, Operator: testutil.Bech32(ac, "hospital-e")}
	proposal := func(mutate func(p *types.MsgSubmitProposal)) *types.MsgSubmitProposal {
		p := &types.MsgSubmitProposal{Proposer: op, Title: "Suspend Hospital E", Summary: "Missed blocks.\nSee the audit.", Messages: anys(t, suspend)}
		mutate(p)
		return p
	}
	many := make([]sdk.Msg, types.CeilingProposalMessages+1)
	for i := range many {
		many[i] = suspend
	}
	raw := anys(t, suspend)[0]
	raw = &codectypes.Any{TypeUrl: raw.TypeUrl, Value: raw.Value} // bytes only, as from the wire before unpacking

	testutil.RequireMsgCases(t,
		testutil.Case("valid", proposal(func(*types.MsgSubmitProposal) {}), nil),
		testutil.Case("title at the limit", proposal(func(p *types.MsgSubmitProposal) { p.Title = strings.Repeat("t", types.MaxTitleLength) }), nil),
		testutil.Case("summary at the limit", proposal(func(p *types.MsgSubmitProposal) { p.Summary = strings.Repeat("s", types.MaxSummaryLength) }), nil),
		testutil.Case("no summary", proposal(func(p *types.MsgSubmitProposal) { p.Summary = "" }), nil),
		testutil.Case("messages at the ceiling", proposal(func(p *types.MsgSubmitProposal) { p.Messages = anys(t, many[1:]...) }), nil),
		testutil.Case("no proposer", proposal(func(p *types.MsgSubmitProposal) { p.Proposer = "" }), types.ErrInvalidAddress),
		testutil.Case("proposer of another chain", proposal(func(p *types.MsgSubmitProposal) {
			p.Proposer = "cosmos1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du"
		}), types.ErrInvalidAddress),
		testutil.Case("no title", proposal(func(p *types.MsgSubmitProposal) { p.Title = "" }), types.ErrInvalidProposal),
		testutil.Case("blank title", proposal(func(p *types.MsgSubmitProposal) { p.Title = " \n " }), types.ErrInvalidProposal),
		testutil.Case("title one byte long", proposal(func(p *types.MsgSubmitProposal) { p.Title = strings.Repeat("t", types.MaxTitleLength+1) }), types.ErrInvalidProposal),
		testutil.Case("summary one byte long", proposal(func(p *types.MsgSubmitProposal) { p.Summary = strings.Repeat("s", types.MaxSummaryLength+1) }), types.ErrInvalidProposal),
		testutil.Case("invalid UTF-8", proposal(func(p *types.MsgSubmitProposal) { p.Title = "Suspend \xff" }), types.ErrInvalidProposal),
		testutil.Case("control character", proposal(func(p *types.MsgSubmitProposal) { p.Summary = "ok\x1b[2Jcleared" }), types.ErrInvalidProposal),
		testutil.Case("carriage return", proposal(func(p *types.MsgSubmitProposal) { p.Title = "line\rover" }), types.ErrInvalidProposal),
		testutil.Case("no message", proposal(func(p *types.MsgSubmitProposal) { p.Messages = nil }), types.ErrInvalidProposal),
		testutil.Case("one message past the ceiling", proposal(func(p *types.MsgSubmitProposal) { p.Messages = anys(t, many...) }), types.ErrInvalidProposal),
		testutil.Case("a carried message fails its own checks", proposal(func(p *types.MsgSubmitProposal) {
			p.Messages = anys(t, suspend, &types.MsgSuspendMember{Authority: authority, Operator: "nobody"})
		}), types.ErrInvalidAddress),
		testutil.Case("a message not unpacked", proposal(func(p *types.MsgSubmitProposal) { p.Messages = []*codectypes.Any{raw} }), types.ErrInvalidProposal),
	)

	err := proposal(func(p *types.MsgSubmitProposal) {
		p.Messages = anys(t, suspend, &types.MsgSuspendMember{Authority: authority, Operator: "nobody"})
	}).ValidateBasic()
	require.ErrorContains(t, err, "message 1 (/medchain.consortium.v1.MsgSuspendMember)", "the error names the failing message")
}

func TestGovernanceMsgsValidateBasic(t *testing.T) {
	ac := testutil.NewStack(t).AC
	op, authority := testutil.Bech32(ac, "op"), testutil.Bech32(ac, "consortium")
	member := testutil.Member(ac, "hospital-e", 5, types.Role_ROLE_HOSPITAL)
	badMember := member
	badMember.Name = ""
	badParams := types.DefaultParams()
	badParams.VotingPeriod = 0
	testutil.RequireMsgCases(t,
		testutil.Case("vote yes", &types.MsgVote{Voter: op, ProposalId: 1, Option: types.VoteOption_VOTE_OPTION_YES}, nil),
		testutil.Case("vote abstain", &types.MsgVote{Voter: op, ProposalId: 7, Option: types.VoteOption_VOTE_OPTION_ABSTAIN}, nil),
		testutil.Case("vote: no voter", &types.MsgVote{ProposalId: 1, Option: types.VoteOption_VOTE_OPTION_NO}, types.ErrInvalidAddress),
		testutil.Case("vote: proposal 0", &types.MsgVote{Voter: op, Option: types.VoteOption_VOTE_OPTION_NO}, types.ErrProposalNotFound),
		testutil.Case("vote: no option", &types.MsgVote{Voter: op, ProposalId: 1}, types.ErrInvalidProposal),
		testutil.Case("vote: unknown option", &types.MsgVote{Voter: op, ProposalId: 1, Option: 42}, types.ErrInvalidProposal),
		testutil.Case("withdraw", &types.MsgWithdrawProposal{Proposer: op, ProposalId: 3}, nil),
		testutil.Case("withdraw: proposal 0", &types.MsgWithdrawProposal{Proposer: op}, types.ErrProposalNotFound),
		testutil.Case("withdraw: bad proposer", &types.MsgWithdrawProposal{Proposer: op + "x", ProposalId: 3}, types.ErrInvalidAddress),
		testutil.Case("admit", &types.MsgAdmitMember{Authority: authority, Member: member}, nil),
		testutil.Case("admit: no authority", &types.MsgAdmitMember{Member: member}, types.ErrInvalidAddress),
		testutil.Case("admit: nameless member", &types.MsgAdmitMember{Authority: authority, Member: badMember}, types.ErrInvalidMember),
		testutil.Case("admit: the status is the chain's to set", &types.MsgAdmitMember{Authority: authority, Member: func() types.Member {
			m := member
			m.Status = types.MemberStatus_MEMBER_STATUS_REMOVED
			return m
		}()}, nil),
		testutil.Case("update: nameless member", &types.MsgUpdateMember{Authority: authority, Member: badMember}, types.ErrInvalidMember),
		testutil.Case("suspend: no operator", &types.MsgSuspendMember{Authority: authority}, types.ErrInvalidAddress),
		testutil.Case("reinstate: no authority", &types.MsgReinstateMember{Operator: op}, types.ErrInvalidAddress),
		testutil.Case("remove", &types.MsgRemoveMember{Authority: authority, Operator: op}, nil),
		testutil.Case("remove: bad operator", &types.MsgRemoveMember{Authority: authority, Operator: "op"}, types.ErrInvalidAddress),
		testutil.Case("params", &types.MsgUpdateParams{Authority: authority, Params: types.DefaultParams()}, nil),
		testutil.Case("params: out of bounds", &types.MsgUpdateParams{Authority: authority, Params: badParams}, types.ErrInvalidParams),
		testutil.Case("params: no authority", &types.MsgUpdateParams{Params: types.DefaultParams()}, types.ErrInvalidAddress),
	)
}

// More than 2/3 of the eligible members carry a proposal; exactly 2/3 does
// not; Needed is the least such count; nothing overflows at the extremes.
func TestTallyArithmetic(t *testing.T) {
	require.False(t, types.Passes(2, 3), "exactly 2/3 is not more than 2/3")
	require.True(t, types.Passes(3, 3))
	require.False(t, types.Passes(0, 0), "no eligible member, nothing passes")
	for eligible := uint32(1); eligible <= 300; eligible++ {
		need := types.Needed(eligible)
		require.True(t, types.Passes(need, eligible), "eligible %d", eligible)
		require.False(t, types.Passes(need-1, eligible), "eligible %d: one fewer does not pass", eligible)
	}
	require.Equal(t, []uint32{3, 4, 5}, []uint32{types.Needed(4), types.Needed(5), types.Needed(7)}, "the table in docs/operators.md")
	max := uint32(math.MaxUint32)
	require.True(t, types.Passes(max, max))
	require.False(t, types.Passes(types.Needed(max)-1, max))

	tally := func(yes, no, abstain, eligible uint32) types.TallyResult {
		return types.TallyResult{Yes: yes, No: no, Abstain: abstain, Eligible: eligible}
	}
	require.True(t, tally(0, 0, 0, 4).CanStillPass())
	require.True(t, tally(2, 1, 0, 4).CanStillPass(), "the last vote can still make 3 of 4")
	require.False(t, tally(2, 2, 0, 4).CanStillPass(), "two against of four: it cannot pass")
	require.False(t, tally(1, 0, 2, 4).CanStillPass(), "abstentions count against")
	require.False(t, tally(2, 5, 0, 4).CanStillPass(), "more votes than eligible members (after suspensions): none left to cast")
	require.True(t, tally(3, 1, 0, 4).CanStillPass(), "passed already")
}
