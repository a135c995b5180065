package keeper_test

import (
	"testing"

	"cosmossdk.io/core/comet"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

func (f *fixture) status(t *testing.T, name string) types.MemberStatus {
	t.Helper()
	m, err := f.K.GetMember(f.Ctx, f.Addr(name))
	require.NoError(t, err)
	return m.Status
}

func doubleVotes(names ...string) blockInfo {
	var l evidenceList
	for _, n := range names {
		l = append(l, fakeEvidence{kind: comet.DuplicateVote, addr: consAddr(n)})
	}
	return blockInfo{l}
}

// A block without comet info or evidence suspends nobody.
func TestNoEvidenceNoSuspension(t *testing.T) {
	f := newFixture(t)
	ctx := f.FreshEvents()
	require.NoError(t, f.K.SuspendDoubleSigners(ctx))
	require.NoError(t, f.K.SuspendDoubleSigners(ctx.WithCometInfo(blockInfo{})))
	require.Empty(t, ctx.EventManager().Events())
	require.Empty(t, powers(t, f))
}

// Several double-signers in one block are all suspended, as long as one
// validator remains; evidence is read in order.
func TestDoubleSignersInOneBlock(t *testing.T) {
	f := newFixture(t, func(s *testutil.Stack) { s.WithMember("hospital-c", hospital) })
	f.Ctx = f.FreshEvents().WithCometInfo(doubleVotes("hospital-a", "hospital-c"))
	require.NoError(t, f.K.SuspendDoubleSigners(f.Ctx))
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_SUSPENDED, f.status(t, "hospital-a"))
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_SUSPENDED, f.status(t, "hospital-c"))
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_ACTIVE, f.status(t, "hospital-b"))
	suspended := attrs(f.Ctx, "EventMemberSuspended")
	require.Len(t, suspended, 2)
	require.Equal(t, f.Str("hospital-a"), suspended[0]["operator"])
	require.Equal(t, "double-signed at height 41", suspended[0]["reason"])
	require.Equal(t, map[string]int64{
		string(testutil.ConsensusKey("hospital-a")): 0,
		string(testutil.ConsensusKey("hospital-c")): 0,
	}, powers(t, f))
}

// When every validator double-signs in the same block, the last one is
// kept so the chain can go on.
func TestAllValidatorsDoubleSign(t *testing.T) {
	f := newFixture(t)
	f.Ctx = f.FreshEvents().WithCometInfo(doubleVotes("hospital-a", "hospital-b"))
	require.NoError(t, f.K.SuspendDoubleSigners(f.Ctx))
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_SUSPENDED, f.status(t, "hospital-a"))
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_ACTIVE, f.status(t, "hospital-b"))
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("hospital-a")): 0}, powers(t, f))
	set, err := f.K.ValidatorSet(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, []types.Validator{{Operator: f.Str("hospital-b"), ConsensusPubkey: testutil.ConsensusKey("hospital-b"), Power: types.DefaultValidatorPower}}, set)
}

// Repeated evidence against a suspended member, in the same block (its
// validator is still in the reported set) or later, changes nothing.
func TestRepeatedEvidenceSuspendsOnce(t *testing.T) {
	f := newFixture(t, func(s *testutil.Stack) { s.WithMember("hospital-c", hospital) })
	f.Ctx = f.FreshEvents().WithCometInfo(doubleVotes("hospital-b", "hospital-b"))
	require.NoError(t, f.K.SuspendDoubleSigners(f.Ctx))
	require.Len(t, attrs(f.Ctx, "EventMemberSuspended"), 1)
	require.NoError(t, f.K.SuspendDoubleSigners(f.Ctx))
	require.Len(t, attrs(f.Ctx, "EventMemberSuspended"), 1)
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_SUSPENDED, f.status(t, "hospital-b"))
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_ACTIVE, f.status(t, "hospital-c"))
}

// Suspension applies at once to the operator, its agents and its peers.
func TestSuspensionShutsOutEverything(t *testing.T) {
	f := newFixture(t)
	f.enrol(t, "hospital-b", "dr-b", clinician)
	require.NoError(t, f.invite("hospital-b", "invited", staff))
	f.Ctx = f.Ctx.WithCometInfo(doubleVotes("hospital-b"))
	require.NoError(t, f.K.SuspendDoubleSigners(f.Ctx))
	require.False(t, f.allowed(t, "hospital-b"))
	require.False(t, f.allowed(t, "dr-b"))
	ok, err := f.K.IsPeerAllowed(f.Ctx, testutil.NodeID("hospital-b"))
	require.NoError(t, err)
	require.False(t, ok)
	testutil.RequireCode(t, f.accept("invited", "hospital-b"), types.ErrMemberNotActive)
	res, err := f.Queries.Member(f.Ctx, &types.QueryMemberRequest{Operator: f.Str("hospital-b")})
	require.NoError(t, err)
	require.Equal(t, types.DefaultValidatorPower, res.Power, "it validates until EndBlock")
	powers(t, f)
	res, err = f.Queries.Member(f.Ctx, &types.QueryMemberRequest{Operator: f.Str("hospital-b")})
	require.NoError(t, err)
	require.Zero(t, res.Power)
}

// Every change of the reported set is an event: power 0 for a member that
// left (removed, or lost its key), the new power for one that joined; a
// new key is one event at the member's power.
func TestValidatorUpdateEvents(t *testing.T) {
	f := newFixture(t, func(s *testutil.Stack) { s.WithMember("hospital-c", hospital) })
	ctx := f.FreshEvents()
	f.SetStatus(t, "hospital-a", types.MemberStatus_MEMBER_STATUS_REMOVED)
	b, err := f.K.GetMember(ctx, f.Addr("hospital-b"))
	require.NoError(t, err)
	b.ConsensusPubkey = nil
	require.NoError(t, f.K.SetMember(ctx, b))
	c, err := f.K.GetMember(ctx, f.Addr("hospital-c"))
	require.NoError(t, err)
	c.ConsensusPubkey = testutil.ConsensusKey("hospital-c-new")
	require.NoError(t, f.K.SetMember(ctx, c))

	require.Equal(t, map[string]int64{
		string(testutil.ConsensusKey("hospital-a")):     0,
		string(testutil.ConsensusKey("hospital-b")):     0,
		string(testutil.ConsensusKey("hospital-c")):     0,
		string(testutil.ConsensusKey("hospital-c-new")): types.DefaultValidatorPower,
	}, powers(t, f))
	require.ElementsMatch(t, []map[string]string{
		{"operator": f.Str("hospital-a"), "power": "0"},
		{"operator": f.Str("hospital-b"), "power": "0"},
		{"operator": f.Str("hospital-c"), "power": "10"},
	}, attrs(ctx, "EventValidatorUpdated"))
	require.Empty(t, powers(t, f), "nothing more to report")
}
