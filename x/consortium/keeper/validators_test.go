package keeper_test

import (
	"testing"

	cmtcrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

func powers(t testing.TB, f *fixture) map[string]int64 {
	t.Helper()
	updates, err := f.K.ApplyValidatorSet(f.Ctx)
	require.NoError(t, err)
	out := map[string]int64{}
	for _, u := range updates {
		out[string(u.PubKey.Sum.(*cmtcrypto.PublicKey_Ed25519).Ed25519)] = u.Power
	}
	return out
}

func TestValidatorUpdates(t *testing.T) {
	f := newFixture(t)

	// Nothing changed: no updates.
	require.Empty(t, powers(t, f))

	// Suspending a validator member removes it from the set (power 0).
	m, err := f.K.GetMember(f.Ctx, f.Addr("hospital-b"))
	require.NoError(t, err)
	m.Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.K.SetMember(f.Ctx, m))
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("hospital-b")): 0}, powers(t, f))
	vals, err := f.K.ValidatorSet(f.Ctx)
	require.NoError(t, err)
	require.Len(t, vals, 1)

	// Reactivating brings it back at the common power.
	m.Status = types.MemberStatus_MEMBER_STATUS_ACTIVE
	require.NoError(t, f.K.SetMember(f.Ctx, m))
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("hospital-b")): types.DefaultValidatorPower}, powers(t, f))

	// A new consensus key: the old key leaves, the new one joins.
	m.ConsensusPubkey = testutil.ConsensusKey("hospital-b-2")
	require.NoError(t, f.K.SetMember(f.Ctx, m))
	require.Equal(t, map[string]int64{
		string(testutil.ConsensusKey("hospital-b")):   0,
		string(testutil.ConsensusKey("hospital-b-2")): types.DefaultValidatorPower,
	}, powers(t, f))

	// A new validator power applies to every validator equally.
	p := types.DefaultParams()
	p.ValidatorPower = 7
	require.NoError(t, f.K.Params.Set(f.Ctx, p))
	require.Equal(t, map[string]int64{
		string(testutil.ConsensusKey("hospital-a")):   7,
		string(testutil.ConsensusKey("hospital-b-2")): 7,
	}, powers(t, f))

	// A member joining with a key becomes a validator; a regulator never does.
	require.NoError(t, f.K.SetMember(f.Ctx, f.NewMember("hospital-c", true, types.Role_ROLE_HOSPITAL)))
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("hospital-c")): 7}, powers(t, f))
	require.Empty(t, powers(t, f))
}

func TestSetMemberNodeIDs(t *testing.T) {
	f := newFixture(t)

	// Another member cannot take a registered node ID.
	c := f.NewMember("hospital-c", false, types.Role_ROLE_LAB)
	c.NodeIds = []string{testutil.NodeID("hospital-a")}
	require.ErrorIs(t, f.K.SetMember(f.Ctx, c), types.ErrDuplicateNodeID)

	// A member replacing its node IDs releases the old ones.
	a, err := f.K.GetMember(f.Ctx, f.Addr("hospital-a"))
	require.NoError(t, err)
	a.NodeIds = []string{testutil.NodeID("hospital-a-2")}
	require.NoError(t, f.K.SetMember(f.Ctx, a))
	ok, err := f.K.IsPeerAllowed(f.Ctx, testutil.NodeID("hospital-a"))
	require.NoError(t, err)
	require.False(t, ok)
	require.NoError(t, f.K.SetMember(f.Ctx, c))
	ok, err = f.K.IsPeerAllowed(f.Ctx, testutil.NodeID("hospital-a"))
	require.NoError(t, err)
	require.True(t, ok)
}

func TestMaxMembers(t *testing.T) {
	f := newFixture(t, func(s *testutil.Stack) { s.Genesis.Params.MaxMembers = 3 })
	require.ErrorIs(t, f.K.SetMember(f.Ctx, f.NewMember("hospital-c", false, types.Role_ROLE_LAB)), types.ErrTooManyMembers)
}
