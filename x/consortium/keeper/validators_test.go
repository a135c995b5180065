package keeper_test

import (
	"testing"

	cmtcrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consortium/types"
)

func powers(t *testing.T, f *fixture) map[string]int64 {
	t.Helper()
	updates, err := f.k.ApplyValidatorSet(f.ctx)
	require.NoError(t, err)
	out := map[string]int64{}
	for _, u := range updates {
		out[string(u.PubKey.Sum.(*cmtcrypto.PublicKey_Ed25519).Ed25519)] = u.Power
	}
	return out
}

func TestValidatorUpdates(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)

	// Nothing changed: no updates.
	require.Empty(t, powers(t, f))

	// Suspending a validator member removes it from the set (power 0).
	m, err := f.k.GetMember(f.ctx, addr("hospital-b"))
	require.NoError(t, err)
	m.Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.k.SetMember(f.ctx, m))
	require.Equal(t, map[string]int64{string(consKey("hospital-b")): 0}, powers(t, f))
	vals, err := f.k.ValidatorSet(f.ctx)
	require.NoError(t, err)
	require.Len(t, vals, 1)

	// Reactivating brings it back at the common power.
	m.Status = types.MemberStatus_MEMBER_STATUS_ACTIVE
	require.NoError(t, f.k.SetMember(f.ctx, m))
	require.Equal(t, map[string]int64{string(consKey("hospital-b")): types.DefaultValidatorPower}, powers(t, f))

	// A new consensus key: the old key leaves, the new one joins.
	m.ConsensusPubkey = consKey("hospital-b-2")
	require.NoError(t, f.k.SetMember(f.ctx, m))
	require.Equal(t, map[string]int64{
		string(consKey("hospital-b")):   0,
		string(consKey("hospital-b-2")): types.DefaultValidatorPower,
	}, powers(t, f))

	// A new validator power applies to every validator equally.
	p := types.DefaultParams()
	p.ValidatorPower = 7
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	require.Equal(t, map[string]int64{
		string(consKey("hospital-a")):   7,
		string(consKey("hospital-b-2")): 7,
	}, powers(t, f))

	// A member joining with a key becomes a validator; a regulator never does.
	require.NoError(t, f.k.SetMember(f.ctx, f.member("hospital-c", true, types.Role_ROLE_HOSPITAL)))
	require.Equal(t, map[string]int64{string(consKey("hospital-c")): 7}, powers(t, f))
	require.Empty(t, powers(t, f))
}

func TestSetMemberNodeIDs(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)

	// Another member cannot take a registered node ID.
	c := f.member("hospital-c", false, types.Role_ROLE_LAB)
	c.NodeIds = []string{nodeID("hospital-a")}
	require.ErrorIs(t, f.k.SetMember(f.ctx, c), types.ErrDuplicateNodeID)

	// A member replacing its node IDs releases the old ones.
	a, err := f.k.GetMember(f.ctx, addr("hospital-a"))
	require.NoError(t, err)
	a.NodeIds = []string{nodeID("hospital-a-2")}
	require.NoError(t, f.k.SetMember(f.ctx, a))
	ok, err := f.k.IsPeerAllowed(f.ctx, nodeID("hospital-a"))
	require.NoError(t, err)
	require.False(t, ok)
	require.NoError(t, f.k.SetMember(f.ctx, c))
	ok, err = f.k.IsPeerAllowed(f.ctx, nodeID("hospital-a"))
	require.NoError(t, err)
	require.True(t, ok)
}

func TestMaxMembers(t *testing.T) {
	f := newFixture(t)
	gs := f.genesis()
	gs.Params.MaxMembers = 3
	_, err := f.k.InitGenesis(f.ctx, gs)
	require.NoError(t, err)
	require.ErrorIs(t, f.k.SetMember(f.ctx, f.member("hospital-c", false, types.Role_ROLE_LAB)), types.ErrTooManyMembers)
}
