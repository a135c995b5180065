package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// pass has h1 propose msgs and the hospitals vote yes in order until the
// proposal is decided; it returns the proposal.
func (f *fixture) pass(t testing.TB, msgs ...sdk.Msg) types.Proposal {
	t.Helper()
	id := f.mustPropose(t, "h1", msgs...)
	for _, h := range hospitals(7) {
		if status, err := f.vote(h, id, yes); err == nil && status != voting {
			break
		}
	}
	return f.proposal(t, id)
}

// newcomer is hospital-x, validating, with one node.
func (f *fixture) newcomer(name string) types.Member {
	return types.Member{Operator: f.Str(name), Name: "Hospital " + name, Roles: []types.Role{hospital},
		ConsensusPubkey: testutil.ConsensusKey(name), NodeIds: []string{testutil.NodeID(name)}}
}

// powers maps the validator updates of the next EndBlock by key.
func (f *fixture) powers(t testing.TB) map[string]int64 {
	t.Helper()
	updates, err := f.K.ApplyValidatorSet(f.Ctx)
	require.NoError(t, err)
	out := map[string]int64{}
	for _, u := range updates {
		out[string(u.PubKey.GetEd25519())] = u.Power
	}
	return out
}

func (f *fixture) peer(t testing.TB, name string) bool {
	t.Helper()
	ok, err := f.K.IsPeerAllowed(f.Ctx, testutil.NodeID(name))
	require.NoError(t, err)
	return ok
}

// An admitted hospital validates from the next validator set, its node may
// peer, its operator signs and enrols agents.
func TestAdmitMemberGoesLive(t *testing.T) {
	f := council(t, 4)
	require.False(t, f.peer(t, "h5"))
	p := f.pass(t, &types.MsgAdmitMember{Authority: f.K.Authority(), Member: f.newcomer("h5")})
	require.Equal(t, passed, p.Status, p.ExecutionError)

	m, err := f.K.GetMember(f.Ctx, f.Addr("h5"))
	require.NoError(t, err)
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_ACTIVE, m.Status)
	require.Equal(t, f.Ctx.BlockTime(), m.JoinedAt)
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("h5")): types.DefaultValidatorPower}, f.powers(t))
	require.True(t, f.peer(t, "h5"))
	require.True(t, f.allowed(t, "h5"))
	require.True(t, f.Accounts.HasAccount(f.Ctx, f.Addr("h5")), "its operator can sign at once")
	f.enrol(t, "h5", "h5-doc", clinician)
	tally, err := f.K.Tally(f.Ctx, p.Id)
	require.NoError(t, err)
	require.EqualValues(t, 5, tally.Eligible, "it votes on what comes next")
}

// Nobody already known to the chain is admitted: a member (of any status),
// an agent, a former agent or a patient. The proposal fails, nothing changes.
func TestAdmitRefusesKnownAddresses(t *testing.T) {
	f := council(t, 4)
	f.enrol(t, "h2", "gone", staff)
	require.NoError(t, f.remove("h2", "gone"))
	require.NoError(t, f.K.RegisterPatient(f.Ctx, f.Addr("jane")))
	for _, who := range []string{"h2", "h1-doc", "gone", "jane"} {
		p := f.pass(t, &types.MsgAdmitMember{Authority: f.K.Authority(), Member: f.newcomer(who)})
		require.Equal(t, failed, p.Status, who)
	}
	dup := f.newcomer("h6")
	dup.NodeIds = []string{testutil.NodeID("h1")}
	p := f.pass(t, &types.MsgAdmitMember{Authority: f.K.Authority(), Member: dup})
	require.Equal(t, failed, p.Status, "another member's node ID")
	require.Contains(t, p.ExecutionError, "node")
}

// Suspension takes the member's power, its operator's and agents' signing
// and its nodes away; reinstatement gives them back.
func TestSuspendAndReinstate(t *testing.T) {
	f := council(t, 4)
	f.enrol(t, "h4", "h4-gw", gateway)
	require.Equal(t, passed, f.pass(t, f.suspendMsg("h4")).Status)
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("h4")): 0}, f.powers(t))
	require.False(t, f.allowed(t, "h4"))
	require.False(t, f.allowed(t, "h4-gw"))
	require.False(t, f.peer(t, "h4"))

	p := f.pass(t, &types.MsgReinstateMember{Authority: f.K.Authority(), Operator: f.Str("h4")})
	require.Equal(t, passed, p.Status, p.ExecutionError)
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("h4")): types.DefaultValidatorPower}, f.powers(t))
	require.True(t, f.allowed(t, "h4-gw"))
	require.True(t, f.peer(t, "h4"))
	require.Equal(t, failed, f.pass(t, &types.MsgReinstateMember{Authority: f.K.Authority(), Operator: f.Str("h4")}).Status,
		"only a suspended member is reinstated")
}

// Removal is for good: agents become former agents (never patients), node
// IDs are released, and the member is neither reinstated nor re-admitted.
func TestRemoveMember(t *testing.T) {
	f := council(t, 5)
	f.enrol(t, "h5", "h5-doc", clinician)
	require.NoError(t, f.invite("h5", "h5-new", staff))
	remove := &types.MsgRemoveMember{Authority: f.K.Authority(), Operator: f.Str("h5")}
	require.Equal(t, passed, f.pass(t, remove).Status)
	require.False(t, f.allowed(t, "h5-doc"))
	former, err := f.K.FormerAgents.Has(f.Ctx, f.Addr("h5-doc"))
	require.NoError(t, err)
	require.True(t, former)
	testutil.RequireCode(t, f.K.RegisterPatient(f.Ctx, f.Addr("h5-doc")), types.ErrNotAPatient)
	testutil.RequireCode(t, f.accept("h5-new", "h5"), types.ErrNoInvitation, "its invitations ended")
	_, err = f.K.NodeIDs.Get(f.Ctx, testutil.NodeID("h5"))
	require.Error(t, err, "its node IDs are released")
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("h5")): 0}, f.powers(t))

	for _, msg := range []sdk.Msg{
		&types.MsgReinstateMember{Authority: f.K.Authority(), Operator: f.Str("h5")},
		remove,
		&types.MsgAdmitMember{Authority: f.K.Authority(), Member: f.newcomer("h5")},
		&types.MsgUpdateMember{Authority: f.K.Authority(), Member: f.newcomer("h5")},
	} {
		require.Equal(t, failed, f.pass(t, msg).Status, sdk.MsgTypeURL(msg))
	}
}

// No change leaves fewer validating members than min_validators.
func TestValidatorFloor(t *testing.T) {
	f := council(t, 4) // min_validators defaults to 3
	require.Equal(t, passed, f.pass(t, f.suspendMsg("h4")).Status)
	f.powers(t)
	id := f.mustPropose(t, "h1", f.suspendMsg("h3"))
	p := f.proposal(t, id)
	require.Equal(t, voting, p.Status)
	require.Equal(t, failed, f.votes(t, id, yes, "h1", "h2", "h3"))
	require.Contains(t, f.proposal(t, id).ExecutionError, "fewer validating members than min_validators")
	p = f.pass(t, &types.MsgRemoveMember{Authority: f.K.Authority(), Operator: f.Str("h3")})
	require.Equal(t, failed, p.Status)
	noKey := f.newcomer("h3")
	noKey.ConsensusPubkey, noKey.Name = nil, "Institution h3"
	require.Equal(t, failed, f.pass(t, &types.MsgUpdateMember{Authority: f.K.Authority(), Member: noKey}).Status,
		"nor does dropping a consensus key")
	require.Equal(t, passed, f.pass(t, &types.MsgRemoveMember{Authority: f.K.Authority(), Operator: f.Str("h4")}).Status,
		"a suspended member does not validate: removing it leaves the count as it is")
}

// A key rotation: the old key leaves the set, the new one joins, in one update.
func TestUpdateMemberRotatesItsKey(t *testing.T) {
	f := council(t, 4)
	next := f.newcomer("h2")
	next.Name, next.ConsensusPubkey = "Institution h2, renamed", testutil.ConsensusKey("h2-rotated")
	p := f.pass(t, &types.MsgUpdateMember{Authority: f.K.Authority(), Member: next})
	require.Equal(t, passed, p.Status, p.ExecutionError)
	require.Equal(t, map[string]int64{
		string(testutil.ConsensusKey("h2")):         0,
		string(testutil.ConsensusKey("h2-rotated")): types.DefaultValidatorPower,
	}, f.powers(t))
	m, err := f.K.GetMember(f.Ctx, f.Addr("h2"))
	require.NoError(t, err)
	require.Equal(t, "Institution h2, renamed", m.Name)
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_ACTIVE, m.Status, "status stays")
}

// A proposal may remove its own proposer: it executes, and the proposer's
// votes on later proposals no longer count.
func TestProposalRemovesItsProposer(t *testing.T) {
	f := council(t, 5)
	id := f.mustPropose(t, "h1", &types.MsgRemoveMember{Authority: f.K.Authority(), Operator: f.Str("h1")})
	f.votes(t, id, yes, "h1", "h2", "h3", "h4")
	p := f.proposal(t, id)
	require.Equal(t, passed, p.Status, p.ExecutionError)
	_, err := f.propose("h1", f.updateParams(t, func(p *types.Params) { p.MaxMembers = 77 }))
	testutil.RequireCode(t, err, types.ErrNotVoter)
}

// The authority messages come only from a passed proposal: a member's
// operator sending one directly is refused, and so is a proposal carrying a
// message any other account signs.
func TestAuthorityOnly(t *testing.T) {
	f := council(t, 4)
	op := f.Str("h1")
	_, err := f.Msgs.AdmitMember(f.Ctx, &types.MsgAdmitMember{Authority: op, Member: f.newcomer("h9")})
	testutil.RequireCode(t, err, types.ErrNotAuthority)
	_, err = f.Msgs.SuspendMember(f.Ctx, &types.MsgSuspendMember{Authority: op, Operator: f.Str("h2")})
	testutil.RequireCode(t, err, types.ErrNotAuthority)
	_, err = f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: op, Params: types.DefaultParams()})
	testutil.RequireCode(t, err, types.ErrNotAuthority)
	for _, m := range []sdk.Msg{
		&types.MsgReinstateMember{Authority: op, Operator: f.Str("h2")},
		&types.MsgRemoveMember{Authority: op, Operator: f.Str("h2")},
		&types.MsgUpdateMember{Authority: op, Member: f.newcomer("h2")},
	} {
		h := f.Router.Handler(m)
		_, err := h(f.Ctx, m)
		testutil.RequireCode(t, err, types.ErrNotAuthority, sdk.MsgTypeURL(m))
	}

	_, err = f.propose("h1", &types.MsgAddAgent{Operator: op, Agent: f.Str("x"), Role: staff})
	testutil.RequireCode(t, err, types.ErrInvalidProposal, "a member's own message")
	bad := f.updateParams(t, func(p *types.Params) { p.MaxMembers = 0 })
	_, err = f.propose("h1", bad)
	testutil.RequireCode(t, err, types.ErrInvalidParams, "each message's own checks run at submission")
	_, err = f.propose("h1")
	testutil.RequireCode(t, err, types.ErrInvalidProposal, "no messages")
	many := make([]sdk.Msg, types.DefaultMaxProposalMessages+1)
	for i := range many {
		many[i] = f.suspendMsg("h4")
	}
	_, err = f.propose("h1", many...)
	testutil.RequireCode(t, err, types.ErrInvalidProposal, "too many messages")
}
