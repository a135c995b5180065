package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
)

// Break-glass attempts the chain must refuse, each recording and emitting
// nothing.
func TestBreakGlassAttacks(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(f *fixture, m *types.MsgEmergencyAccess)
		err    *errorsmod.Error
	}{
		{"a clinician of a suspended emergency member", func(f *fixture, _ *types.MsgEmergencyAccess) { f.suspend(t, "er-hospital") },
			types.ErrNotEmergencyMember},
		{"a note hash of 31 bytes", func(_ *fixture, m *types.MsgEmergencyAccess) { m.NoteHash = m.NoteHash[:31] }, types.ErrInvalidJustification},
		{"a note hash of 33 bytes", func(_ *fixture, m *types.MsgEmergencyAccess) { m.NoteHash = append(m.NoteHash, 0) }, types.ErrInvalidJustification},
		{"the patient named is not the record's", func(f *fixture, m *types.MsgEmergencyAccess) { m.Patient = f.Str("patient-2") }, types.ErrRecordNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			m := f.breakGlass("er-doc", f.lab1)
			tc.mutate(f, m)
			ctx := f.FreshEvents()
			_, err := f.Msgs.EmergencyAccess(ctx, m)
			testutil.RequireCode(t, err, tc.err)
			require.Empty(t, testutil.EventTypes(ctx), "a refused break-glass emits nothing")
			require.Empty(t, f.events(t), "and records nothing")
		})
	}
}

// Checked before the mempool: a break-glass message names one record with a
// well-formed custodian and opaque id, and a 32-byte note hash.
func TestBreakGlassValidateBasic(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.breakGlass("er-doc", f.lab1).ValidateBasic())
	for name, tc := range map[string]struct {
		mutate func(m *types.MsgEmergencyAccess)
		err    *errorsmod.Error
	}{
		"no custodian":           {func(m *types.MsgEmergencyAccess) { m.Custodian = "" }, types.ErrInvalidTarget},
		"no record id":           {func(m *types.MsgEmergencyAccess) { m.RecordId = "" }, types.ErrInvalidTarget},
		"a malformed custodian":  {func(m *types.MsgEmergencyAccess) { m.Custodian = "hospital-a" }, types.ErrInvalidTarget},
		"a readable record id":   {func(m *types.MsgEmergencyAccess) { m.RecordId = "mh-1" }, types.ErrInvalidTarget},
		"a malformed accessor":   {func(m *types.MsgEmergencyAccess) { m.Accessor = "er-doc" }, types.ErrInvalidAddress},
		"an unknown reason code": {func(m *types.MsgEmergencyAccess) { m.Reason = 5 }, types.ErrInvalidJustification},
		"a 33-byte note hash":    {func(m *types.MsgEmergencyAccess) { m.NoteHash = make([]byte, 33) }, types.ErrInvalidJustification},
	} {
		m := f.breakGlass("er-doc", f.lab1)
		tc.mutate(m)
		testutil.RequireCode(t, m.ValidateBasic(), tc.err, name)
	}
}

// Each reason code is stored with the note hash, the event is flagged in
// every listing that should show it, and EventEmergencyAccess carries the
// justification.
func TestBreakGlassIsRecordedEverywhere(t *testing.T) {
	reasons := []types.BreakGlassReason{
		types.BreakGlassReason_BREAK_GLASS_REASON_PATIENT_UNABLE_TO_CONSENT, types.BreakGlassReason_BREAK_GLASS_REASON_LIFE_THREATENING,
		types.BreakGlassReason_BREAK_GLASS_REASON_URGENT_TREATMENT, types.BreakGlassReason_BREAK_GLASS_REASON_PUBLIC_HEALTH_EMERGENCY,
	}
	f := newFixture(t)
	_, err := f.request("cardio", f.lab1, treat)
	require.NoError(t, err)
	var ids []uint64
	for i, reason := range reasons {
		m := f.breakGlass("er-doc", f.lab1)
		m.Reason, m.NoteHash = reason, testutil.NoteHash(reason.String())
		ctx := f.FreshEvents()
		res, err := f.Msgs.EmergencyAccess(ctx, m)
		require.NoError(t, err)
		require.EqualValues(t, i+2, res.EventId)
		ids = append(ids, res.EventId)

		e, err := f.K.GetEvent(f.Ctx, res.EventId)
		require.NoError(t, err)
		require.Equal(t, types.AccessEvent{
			Id: res.EventId, Patient: f.Str("patient-1"), Custodian: f.lab1.Custodian, RecordId: f.lab1.RecordId, Category: lab,
			Accessor: f.Str("er-doc"), AccessorMember: f.Str("er-hospital"), Action: read, Purpose: consenttypes.Purpose_PURPOSE_ETREAT,
			Decision: types.Decision_DECISION_EMERGENCY, Reason: consenttypes.DecisionReason_DECISION_REASON_EMERGENCY,
			BreakGlassReason: reason, NoteHash: m.NoteHash, Time: t0, Height: 10,
		}, e, "no grant: consent is not consulted")

		evs := ctx.EventManager().Events().ToABCIEvents()
		require.Len(t, evs, 2)
		parsed, err := sdk.ParseTypedEvent(evs[1])
		require.NoError(t, err)
		require.Equal(t, &types.EventEmergencyAccess{
			EventId: e.Id, Patient: f.Str("patient-1"), Accessor: f.Str("er-doc"), AccessorMember: f.Str("er-hospital"),
			Custodian: f.lab1.Custodian, RecordId: f.lab1.RecordId, Reason: reason, NoteHash: m.NoteHash,
		}, parsed)
	}

	got := idsOf(t)
	require.Equal(t, ids, got(f.Queries.EmergencyEvents(f.Ctx, nil)))
	require.Equal(t, ids, got(f.Queries.EventsByMember(f.Ctx, &types.QueryEventsByMemberRequest{Member: f.Str("er-hospital")})))
	require.Equal(t, ids, got(f.Queries.EventsByAccessor(f.Ctx, &types.QueryEventsByAccessorRequest{Accessor: f.Str("er-doc")})))
	require.Equal(t, append([]uint64{1}, ids...), got(f.Queries.EventsByPatient(f.Ctx, &types.QueryEventsByPatientRequest{Patient: f.Str("patient-1")})))
	require.Equal(t, append([]uint64{1}, ids...), got(f.Queries.EventsByRecord(f.Ctx, &types.QueryEventsByRecordRequest{
		Custodian: f.lab1.Custodian, RecordId: f.lab1.RecordId,
	})))
	require.Empty(t, got(f.Queries.EventsByMember(f.Ctx, &types.QueryEventsByMemberRequest{Member: f.Str("hospital-a")})),
		"the custodian is not the accessor's member")
}
