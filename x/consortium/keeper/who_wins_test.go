package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// guarded: jane with three guardians, two of whom recover, a day's delay.
func guarded(t *testing.T) *fixture {
	f := newFixture(t)
	f.patients(t, "jane", "g1", "g2", "g3")
	require.NoError(t, f.setGuardians("jane", 2, day, "g1", "g2", "g3"))
	return f
}

func (f *fixture) cancel(controller string) error {
	if controller == "jane" {
		_, err := f.Msgs.CancelRecovery(f.Ctx, &types.MsgCancelRecovery{Patient: f.Str("jane")})
		return err
	}
	return f.asPatient(f.T, controller, "jane", &types.MsgCancelRecovery{Patient: f.Str("jane")})
}

func (f *fixture) recoverTo(t *testing.T, key string) {
	t.Helper()
	require.NoError(t, f.start("g1", "jane", key))
	require.NoError(t, f.approveRecovery("g2", "jane", key))
}

// The table in README "Who wins", row by row.
func TestWhoWins(t *testing.T) {
	t.Run("lost key: the guardians' new key takes over after the delay", func(t *testing.T) {
		f := guarded(t)
		f.recoverTo(t, "new-phone")
		f.later(day)
		require.NoError(t, f.K.CompleteRecoveries(f.Ctx))
		require.Equal(t, f.Str("new-phone"), f.identity(t, "jane").Identity.Controller)
	})

	t.Run("stolen key, the patient still has it: the first rotation wins", func(t *testing.T) {
		f := guarded(t)
		require.NoError(t, f.rotate("jane", "patients-new-phone"))
		testutil.RequireCode(t, f.rotate("jane", "thiefs-phone"), types.ErrKeyRotated, "the thief, second")
		require.Equal(t, f.Str("patients-new-phone"), f.identity(t, "jane").Identity.Controller)
	})

	t.Run("stolen key: the thief cancels, but never grants while the guardians keep it locked", func(t *testing.T) {
		f := guarded(t)
		require.NoError(t, f.rotate("jane", "thiefs-phone"))
		for round := range 3 {
			f.recoverTo(t, "patients-phone")
			f.later(day / 2)
			require.NoError(t, f.cancel("thiefs-phone"), "round %d", round)
			for range 2 {
				testutil.RequireCode(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), true), types.ErrKeyRotated, "a grant outside as-patient")
				testutil.RequireCode(t, f.asPatient(t, "thiefs-phone", "jane", &types.MsgRotateKey{Patient: f.Str("jane"), NewController: f.Str("thiefs-other-phone")}),
					types.ErrIdentityLocked, "round %d: the lock outlives the cancel", round)
				f.later(day / 4)
			}
		}
		// The thief stops cancelling: the patient's key takes over.
		f.recoverTo(t, "patients-phone")
		f.later(day)
		require.NoError(t, f.K.CompleteRecoveries(f.Ctx))
		require.Equal(t, f.Str("patients-phone"), f.identity(t, "jane").Identity.Controller)
		require.False(t, f.allowed(t, "thiefs-phone"))
	})

	t.Run("hostile guardians: the patient cancels within the delay and keeps the key", func(t *testing.T) {
		f := guarded(t)
		require.NoError(t, f.start("g1", "jane", "hostile-phone"))
		require.NoError(t, f.approveRecovery("g3", "jane", "hostile-phone"))
		f.later(day - time.Second)
		require.NoError(t, f.cancel("jane"))
		testutil.RequireCode(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), true), types.ErrIdentityLocked, "no grant during the lock")
		require.NoError(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), false), "revoking works")
		f.later(day)
		require.NoError(t, f.K.CompleteRecoveries(f.Ctx))
		require.Equal(t, f.Str("jane"), f.identity(t, "jane").Identity.Controller)
		require.NoError(t, f.K.AuthorizePatient(f.Ctx, f.Addr("jane"), true), "unlocked: the patient may now change guardians")
		require.NoError(t, f.setGuardians("jane", 1, day, "g2"))
		testutil.RequireCode(t, f.start("g1", "jane", "hostile-phone"), types.ErrNotGuardian)
	})

	t.Run("hostile guardians the patient does not watch: they take over after the delay", func(t *testing.T) {
		f := guarded(t)
		require.NoError(t, f.start("g1", "jane", "hostile-phone"))
		require.NoError(t, f.approveRecovery("g3", "jane", "hostile-phone"))
		f.later(day)
		testutil.RequireCode(t, f.cancel("jane"), types.ErrKeyRotated, "too late: the delay is over")
	})

	t.Run("fewer guardians than the threshold: nothing happens", func(t *testing.T) {
		f := guarded(t)
		require.NoError(t, f.start("g1", "jane", "new-phone"))
		f.later(30 * day)
		require.NoError(t, f.K.CompleteRecoveries(f.Ctx))
		res := f.identity(t, "jane")
		require.Equal(t, f.Str("jane"), res.Identity.Controller)
		require.False(t, res.Locked)
		require.NotNil(t, res.Recovery, "still open, for a second guardian")
	})

	t.Run("a lowered threshold counts at the next approval", func(t *testing.T) {
		f := guarded(t)
		require.NoError(t, f.start("g1", "jane", "new-phone"))
		require.NoError(t, f.setGuardians("jane", 1, day, "g1", "g2", "g3"))
		require.False(t, f.identity(t, "jane").Locked, "a new threshold alone locks nothing")
		require.NoError(t, f.approveRecovery("g3", "jane", "new-phone"))
		require.True(t, f.identity(t, "jane").Locked)
	})
}
