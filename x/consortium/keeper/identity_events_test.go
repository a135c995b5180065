package keeper_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// Each step of a recovery tells the patient's notifications what happened:
// who started it, to which key, each approval with the count of current
// guardians' approvals, the lock with its effective time, the cancel with
// how long the lock lasts, and the rotation.
func TestIdentityEvents(t *testing.T) {
	f := newFixture(t)
	f.patients(t, "jane", "g1", "g2")
	f.FreshEvents()
	require.NoError(t, f.setGuardians("jane", 2, day, "g1", "g2"))
	require.Equal(t, []proto.Message{&types.EventGuardiansSet{Patient: f.Str("jane"), Guardians: 2, Threshold: 2}}, testutil.TypedEvents(t, f.Ctx))

	f.FreshEvents()
	require.NoError(t, f.start("g1", "jane", "phone"))
	require.Equal(t, []proto.Message{
		&types.EventRecoveryStarted{Patient: f.Str("jane"), Guardian: f.Str("g1"), NewController: f.Str("phone")},
		&types.EventRecoveryApproved{Patient: f.Str("jane"), Guardian: f.Str("g1"), Approvals: 1},
	}, testutil.TypedEvents(t, f.Ctx))

	f.FreshEvents()
	require.NoError(t, f.approveRecovery("g2", "jane", "phone"))
	effective := f.Ctx.BlockTime().Add(day)
	require.Equal(t, []proto.Message{
		&types.EventRecoveryApproved{Patient: f.Str("jane"), Guardian: f.Str("g2"), Approvals: 2},
		&types.EventIdentityLocked{Patient: f.Str("jane"), EffectiveAt: effective},
	}, testutil.TypedEvents(t, f.Ctx))

	f.later(day / 2)
	f.FreshEvents()
	require.NoError(t, f.cancel("jane"))
	until := f.Ctx.BlockTime().Add(day)
	require.Equal(t, []proto.Message{&types.EventRecoveryCancelled{Patient: f.Str("jane"), LockedUntil: &until}}, testutil.TypedEvents(t, f.Ctx))

	f.FreshEvents()
	testutil.RequireCode(t, f.rotate("jane", "phone"), types.ErrIdentityLocked)
	require.Empty(t, testutil.TypedEvents(t, f.Ctx), "a refused rotation emits nothing")
	f.later(day)
	f.FreshEvents()
	require.NoError(t, f.rotate("jane", "phone"))
	require.Equal(t, []proto.Message{&types.EventKeyRotated{Patient: f.Str("jane"), NewController: f.Str("phone")}}, testutil.TypedEvents(t, f.Ctx))
}

// The Identity query shows a recovery as it goes: open and unlocked after
// one approval, locked with its effective time at the threshold, and done
// (new controller, no recovery, unlocked) from the effective time on, even
// before BeginBlock writes it down.
func TestIdentityQueryFollowsTheRecovery(t *testing.T) {
	f := guarded(t)
	require.NoError(t, f.start("g1", "jane", "phone"))
	res := f.identity(t, "jane")
	require.False(t, res.Locked)
	require.Equal(t, []string{f.Str("g1")}, res.Recovery.Approvals)
	require.Nil(t, res.Recovery.EffectiveAt)

	require.NoError(t, f.approveRecovery("g3", "jane", "phone"))
	res = f.identity(t, "jane")
	require.True(t, res.Locked)
	require.Equal(t, f.Ctx.BlockTime().Add(day), *res.Identity.LockedUntil)
	require.Equal(t, *res.Identity.LockedUntil, *res.Recovery.EffectiveAt)

	f.later(day)
	res = f.identity(t, "jane")
	require.Equal(t, f.Str("phone"), res.Identity.Controller)
	require.Nil(t, res.Recovery)
	require.False(t, res.Locked)
	require.Nil(t, res.Identity.LockedUntil)
	require.Len(t, res.Identity.Guardians, 3)
}
