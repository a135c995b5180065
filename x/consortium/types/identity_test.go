package types_test

import (
	"testing"
	"time"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// Every stateless rule of the identity messages, each broken once.
func TestIdentityMessagesValidateBasic(t *testing.T) {
	_, str := genesis(t)
	p, phone, g1, g2 := str("jane"), str("phone"), str("g1"), str("g2")
	guardians := func(threshold uint32, delay time.Duration, gs ...string) *types.MsgSetGuardians {
		return &types.MsgSetGuardians{Patient: p, Guardians: gs, Threshold: threshold, Delay: delay}
	}
	many := make([]string, types.CeilingGuardians+1)
	for i := range many {
		many[i] = str("g" + string(rune('a'+i)))
	}
	msg, err := codectypes.NewAnyWithValue(&types.MsgCancelRecovery{Patient: p})
	require.NoError(t, err)
	act := func(n int) *types.MsgActAsPatient {
		m := &types.MsgActAsPatient{Controller: phone, Patient: p}
		for range n {
			m.Msgs = append(m.Msgs, msg)
		}
		return m
	}
	testutil.RequireMsgCases(t,
		testutil.Case("rotate", &types.MsgRotateKey{Patient: p, NewController: phone}, nil),
		testutil.Case("rotate to itself", &types.MsgRotateKey{Patient: p, NewController: p}, types.ErrInvalidController),
		testutil.Case("rotate: bad key", &types.MsgRotateKey{Patient: p, NewController: "phone"}, types.ErrInvalidAddress),
		testutil.Case("guardians 2 of 2", guardians(2, time.Hour, g1, g2), nil),
		testutil.Case("guardians cleared", guardians(0, 0), nil),
		testutil.Case("no guardians, threshold 1", guardians(1, 0), types.ErrInvalidGuardians),
		testutil.Case("threshold 0 of 2", guardians(0, time.Hour, g1, g2), types.ErrInvalidGuardians),
		testutil.Case("threshold 3 of 2", guardians(3, time.Hour, g1, g2), types.ErrInvalidGuardians),
		testutil.Case("a guardian twice", guardians(1, time.Hour, g1, g1), types.ErrInvalidGuardians),
		testutil.Case("the patient as guardian", guardians(1, time.Hour, p), types.ErrInvalidGuardians),
		testutil.Case("a bad guardian", guardians(1, time.Hour, "g1"), types.ErrInvalidAddress),
		testutil.Case("21 guardians", guardians(1, time.Hour, many...), types.ErrInvalidGuardians),
		testutil.Case("20 guardians", guardians(20, time.Hour, many[:20]...), nil),
		testutil.Case("negative delay", guardians(1, -time.Second, g1), types.ErrInvalidGuardians),
		testutil.Case("delay over 90 days", guardians(1, types.MaxRecoveryDelay+time.Second, g1), types.ErrInvalidGuardians),
		testutil.Case("start", &types.MsgStartRecovery{Guardian: g1, Patient: p, NewController: phone}, nil),
		testutil.Case("start: the patient as guardian", &types.MsgStartRecovery{Guardian: p, Patient: p, NewController: phone}, types.ErrInvalidController),
		testutil.Case("start: to the patient", &types.MsgStartRecovery{Guardian: g1, Patient: p, NewController: p}, types.ErrInvalidController),
		testutil.Case("approve: bad patient", &types.MsgApproveRecovery{Guardian: g1, Patient: "", NewController: phone}, types.ErrInvalidAddress),
		testutil.Case("cancel", &types.MsgCancelRecovery{Patient: p}, nil),
		testutil.Case("cancel: bad patient", &types.MsgCancelRecovery{Patient: "x"}, types.ErrInvalidAddress),
		testutil.Case("act: one message", act(1), nil),
		testutil.Case("act: eight messages", act(types.MaxActAsPatientMsgs), nil),
		testutil.Case("act: nine messages", act(types.MaxActAsPatientMsgs+1), types.ErrNotPatientMsg),
		testutil.Case("act: none", act(0), types.ErrNotPatientMsg),
		testutil.Case("act: bad controller", &types.MsgActAsPatient{Controller: "c", Patient: p, Msgs: act(1).Msgs}, types.ErrInvalidAddress),
	)
}

// A message that was never unpacked is refused, not dispatched blind.
func TestActAsPatientNeedsUnpackedMessages(t *testing.T) {
	m := &types.MsgActAsPatient{Msgs: []*codectypes.Any{{TypeUrl: "/medchain.consortium.v1.MsgCancelRecovery"}}}
	_, err := m.GetMessages()
	testutil.RequireCode(t, err, types.ErrNotPatientMsg)
}

// The lock holds strictly before locked_until; a recovery has reached its
// threshold once it has an effective time.
func TestLockAndReached(t *testing.T) {
	until := testutil.T0.Add(time.Hour)
	id := types.Identity{LockedUntil: &until}
	require.True(t, id.LockedAt(until.Add(-time.Nanosecond)))
	require.False(t, id.LockedAt(until))
	require.False(t, types.Identity{}.LockedAt(testutil.T0))
	require.False(t, types.Recovery{}.Reached())
	require.True(t, types.Recovery{EffectiveAt: &until}.Reached())
}

// Genesis identities and recoveries are checked as the keeper would have
// made them; each fault is refused with its own error.
func TestGenesisIdentities(t *testing.T) {
	base, str := genesis(t)
	base.Patients = []string{str("jane"), str("john"), str("g1"), str("g2")}
	at := testutil.T0.Add(time.Hour)
	base.Identities = []types.Identity{
		{Patient: str("jane"), Controller: str("jane"), Guardians: []string{str("g1"), str("g2")}, Threshold: 2, Delay: time.Hour},
		{Patient: str("john"), Controller: str("johns-phone")},
	}
	base.Recoveries = []types.Recovery{{Patient: str("jane"), NewController: str("janes-phone"), Approvals: []string{str("g1"), str("g2")},
		StartedAt: testutil.T0, EffectiveAt: &at}}
	ac := testutil.NewStack(t).AC
	require.NoError(t, base.Validate(ac))
	cases := map[string]struct {
		edit func(*types.GenesisState)
		want error
	}{
		"an unknown patient":      {func(gs *types.GenesisState) { gs.Identities[1].Patient = str("nobody") }, types.ErrInvalidGenesis},
		"an identity twice":       {func(gs *types.GenesisState) { gs.Identities[1] = gs.Identities[0] }, types.ErrInvalidGenesis},
		"a patient as controller": {func(gs *types.GenesisState) { gs.Identities[1].Controller = str("g1") }, types.ErrInvalidController},
		"a shared controller": {func(gs *types.GenesisState) {
			gs.Identities[0].Controller = str("johns-phone")
		}, types.ErrInvalidController},
		"a bad controller":            {func(gs *types.GenesisState) { gs.Identities[1].Controller = "phone" }, types.ErrInvalidAddress},
		"threshold over guardians":    {func(gs *types.GenesisState) { gs.Identities[0].Threshold = 3 }, types.ErrInvalidGuardians},
		"more than max_guardians":     {func(gs *types.GenesisState) { gs.Params.MaxGuardians = 1 }, types.ErrInvalidGuardians},
		"a recovery of no identity":   {func(gs *types.GenesisState) { gs.Recoveries[0].Patient = str("g1") }, types.ErrInvalidGenesis},
		"a recovery twice":            {func(gs *types.GenesisState) { gs.Recoveries = append(gs.Recoveries, gs.Recoveries[0]) }, types.ErrInvalidGenesis},
		"a recovery without approval": {func(gs *types.GenesisState) { gs.Recoveries[0].Approvals = nil }, types.ErrInvalidGenesis},
		"approved twice": {func(gs *types.GenesisState) {
			gs.Recoveries[0].Approvals = []string{str("g1"), str("g1")}
		}, types.ErrAlreadyApproved},
		"started by a stranger":       {func(gs *types.GenesisState) { gs.Recoveries[0].Approvals[0] = str("john") }, types.ErrNotGuardian},
		"to another's controller":     {func(gs *types.GenesisState) { gs.Recoveries[0].NewController = str("johns-phone") }, types.ErrInvalidController},
		"effective before it started": {func(gs *types.GenesisState) { gs.Recoveries[0].EffectiveAt = &testutil.T0 }, types.ErrInvalidGenesis},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			gs := base
			gs.Identities = append([]types.Identity{}, base.Identities...)
			gs.Recoveries = []types.Recovery{base.Recoveries[0]}
			gs.Recoveries[0].Approvals = append([]string{}, base.Recoveries[0].Approvals...)
			c.edit(&gs)
			err := gs.Validate(ac)
			require.ErrorIs(t, err, c.want)
		})
	}
}
