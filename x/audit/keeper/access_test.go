package keeper_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func TestDecisionMatrix(t *testing.T) {
	f := newFixture(t)
	week := t0.Add(7 * 24 * time.Hour)
	cardioGrant := f.grant(t, "cardio", week)
	missing := recordstypes.RecordRef{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("nope")}
	var mhGrant uint64

	cases := []struct {
		name, accessor string
		record         recordstypes.RecordRef
		purpose        consenttypes.Purpose
		setup          func()
		want           types.Decision
		reason         consenttypes.DecisionReason
		grant          *uint64
	}{
		{name: "allowed by grant", accessor: "cardio", record: f.lab1, purpose: treat, want: allowed, reason: consenttypes.DecisionReason_DECISION_REASON_GRANTED, grant: &cardioGrant},
		{name: "denied without grant", accessor: "dr-a", record: f.lab1, purpose: treat, want: denied, reason: consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT},
		{name: "a restricted record is outside a category grant", accessor: "cardio", record: f.mh1, purpose: treat, want: denied,
			reason: consenttypes.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT},
		{name: "denied for the wrong purpose", accessor: "cardio", record: f.lab1, purpose: consenttypes.Purpose_PURPOSE_HRESCH, want: denied,
			reason: consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT},
		{name: "denied for a record that is not anchored", accessor: "cardio", record: missing, purpose: treat, want: denied,
			reason: consenttypes.DecisionReason_DECISION_REASON_RECORD_NOT_FOUND},
		{name: "allowed: a record grant covers a restricted record", accessor: "dr-a", record: f.mh1, purpose: treat, setup: func() {
			mhGrant = f.Grant("patient-1", "dr-a", nil, []recordstypes.RecordRef{f.mh1}, []consenttypes.Purpose{treat}, week)
		}, want: allowed, reason: consenttypes.DecisionReason_DECISION_REASON_GRANTED, grant: &mhGrant},
		{name: "denied expired", accessor: "er-doc", record: f.lab1, purpose: treat, setup: func() {
			f.grant(t, "er-doc", t0.Add(time.Hour))
			f.At(t0.Add(time.Hour))
		}, want: denied, reason: consenttypes.DecisionReason_DECISION_REASON_GRANT_EXPIRED},
		{name: "denied revoked", accessor: "gw-a", record: f.lab1, purpose: treat, setup: func() {
			id := f.grant(t, "gw-a", week)
			require.NoError(t, f.Consent.Revoke(f.Ctx, f.Addr("patient-1"), id))
		}, want: denied, reason: consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			res, err := f.request(tc.accessor, tc.record, tc.purpose)
			require.NoError(t, err, "a denial is a successful, recorded transaction")
			require.Equal(t, tc.want, res.Decision, res.Reason)
			require.Equal(t, tc.reason, res.Reason)
			if tc.grant != nil {
				require.Equal(t, *tc.grant, res.GrantId)
			}
			require.EqualValues(t, i+1, res.EventId)
			e, err := f.K.GetEvent(f.Ctx, res.EventId)
			require.NoError(t, err)
			require.Equal(t, tc.want, e.Decision)
			require.Equal(t, f.Str(tc.accessor), e.Accessor)
			require.Equal(t, tc.record.Custodian, e.Custodian)
			require.Equal(t, tc.record.RecordId, e.RecordId)
			require.Equal(t, f.Ctx.BlockTime(), e.Time)
			require.NotEqual(t, recordstypes.Category_CATEGORY_MENTAL_HEALTH, e.Category, "no sensitive category in the trail")
		})
	}
}

// The accessor signs its own request: it is the message's only signer, so
// no gateway can file a request in someone else's name; and only an
// operator or agent of an active member may ask at all.
func TestAccessorSignsItsOwnRequest(t *testing.T) {
	f := newFixture(t)
	msg := &types.MsgRequestAccess{Accessor: f.Str("cardio"), Patient: f.Str("patient-1"), Custodian: f.lab1.Custodian,
		RecordId: f.lab1.RecordId, Action: read, Purpose: treat}
	require.Equal(t, [][]byte{f.Addr("cardio")}, testutil.SignersOf(t, msg))
	require.Equal(t, [][]byte{f.Addr("er-doc")}, testutil.SignersOf(t, f.breakGlass("er-doc", f.lab1)))

	_, err := f.request("stranger", f.lab1, treat)
	testutil.RequireCode(t, err, types.ErrNotAllowed)
	_, err = f.request("patient-1", f.lab1, treat)
	testutil.RequireCode(t, err, types.ErrNotAllowed, "a patient is no accessor")
	m, err := f.Consortium.GetMember(f.Ctx, f.Addr("hospital-b"))
	require.NoError(t, err)
	m.Status = consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.Consortium.SetMember(f.Ctx, m))
	_, err = f.request("cardio", f.lab1, treat)
	testutil.RequireCode(t, err, types.ErrNotAllowed, "an agent of a suspended member")
	require.Empty(t, f.events(t), "refused requests record nothing")
}

func TestRequestRefusals(t *testing.T) {
	f := newFixture(t)
	base := func() *types.MsgRequestAccess {
		return &types.MsgRequestAccess{Accessor: f.Str("cardio"), Patient: f.Str("patient-1"), Custodian: f.lab1.Custodian,
			RecordId: f.lab1.RecordId, Action: read, Purpose: treat}
	}
	cases := []struct {
		name   string
		mutate func(m *types.MsgRequestAccess)
		err    *errorsmod.Error
	}{
		{"no action", func(m *types.MsgRequestAccess) { m.Action = 0 }, types.ErrInvalidAction},
		{"no purpose", func(m *types.MsgRequestAccess) { m.Purpose = 0 }, consenttypes.ErrInvalidPurpose},
		{"no target", func(m *types.MsgRequestAccess) { m.Custodian, m.RecordId = "", "" }, types.ErrInvalidTarget},
		{"a record id without its custodian", func(m *types.MsgRequestAccess) { m.Custodian = "" }, types.ErrInvalidTarget},
		{"a readable record id", func(m *types.MsgRequestAccess) { m.RecordId = "lab-1" }, types.ErrInvalidTarget},
		{"an unknown record with an invented category", func(m *types.MsgRequestAccess) {
			m.RecordId, m.Category = testutil.RecordID("nope"), 9999
		}, types.ErrInvalidTarget},
		{"a sensitive category", func(m *types.MsgRequestAccess) {
			m.Custodian, m.RecordId, m.Category = "", "", recordstypes.Category_CATEGORY_SUBSTANCE_USE
		}, types.ErrInvalidTarget},
		{"bad patient", func(m *types.MsgRequestAccess) { m.Patient = "med1" }, types.ErrInvalidAddress},
		{"bad accessor", func(m *types.MsgRequestAccess) { m.Accessor = "" }, types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := base()
			tc.mutate(msg)
			testutil.RequireCode(t, msg.ValidateBasic(), tc.err, "refused before the mempool")
			_, err := f.Msgs.RequestAccess(f.Ctx, msg)
			testutil.RequireCode(t, err, tc.err, "and by the keeper")
		})
	}
	require.Empty(t, f.events(t))
}

// Break-glass: one record, by a clinician agent of an emergency member,
// with a reason code and a note hash; flagged for the patient and the
// regulator. No gateway or staff account, no operator, no other member's
// clinician, and no whole category.
func TestBreakGlass(t *testing.T) {
	f := newFixture(t)
	ctx := f.FreshEvents()
	res, err := f.Msgs.EmergencyAccess(ctx, f.breakGlass("er-doc", f.mh1))
	require.NoError(t, err)
	e, err := f.K.GetEvent(ctx, res.EventId)
	require.NoError(t, err)
	require.Equal(t, types.Decision_DECISION_EMERGENCY, e.Decision)
	require.Equal(t, consenttypes.DecisionReason_DECISION_REASON_EMERGENCY, e.Reason)
	require.Equal(t, consenttypes.Purpose_PURPOSE_ETREAT, e.Purpose)
	require.Equal(t, f.Str("er-hospital"), e.AccessorMember)
	require.Equal(t, types.BreakGlassReason_BREAK_GLASS_REASON_PATIENT_UNABLE_TO_CONSENT, e.BreakGlassReason)
	require.Equal(t, testutil.NoteHash("er note"), e.NoteHash)
	require.Equal(t, recordstypes.Category_CATEGORY_RESTRICTED, e.Category)
	require.Equal(t, []string{"medchain.audit.v1.EventAccessRecorded", "medchain.audit.v1.EventEmergencyAccess"}, testutil.EventTypes(ctx))

	with := func(accessor string, mut func(m *types.MsgEmergencyAccess)) *types.MsgEmergencyAccess {
		m := f.breakGlass(accessor, f.lab1)
		mut(m)
		return m
	}
	same := func(*types.MsgEmergencyAccess) {}
	other := f.Anchor("cardio", "patient-2", "lab-x", lab)
	for name, tc := range map[string]struct {
		m   *types.MsgEmergencyAccess
		err *errorsmod.Error
	}{
		"a clinician of a member without the emergency role": {with("cardio", same), types.ErrNotEmergencyMember},
		"the emergency member's gateway":                     {with("er-gw", same), types.ErrNotEmergencyMember},
		"the emergency member's staff":                       {with("er-staff", same), types.ErrNotEmergencyMember},
		"the emergency member's operator, not an agent":      {with("er-hospital", same), types.ErrNotEmergencyMember},
		"a stranger":                          {with("stranger", same), types.ErrNotEmergencyMember},
		"a whole category":                    {with("er-doc", func(m *types.MsgEmergencyAccess) { m.Custodian, m.RecordId = "", "" }), types.ErrInvalidTarget},
		"no reason code":                      {with("er-doc", func(m *types.MsgEmergencyAccess) { m.Reason = 0 }), types.ErrInvalidJustification},
		"an unknown reason code":              {with("er-doc", func(m *types.MsgEmergencyAccess) { m.Reason = 42 }), types.ErrInvalidJustification},
		"no note hash":                        {with("er-doc", func(m *types.MsgEmergencyAccess) { m.NoteHash = nil }), types.ErrInvalidJustification},
		"the note itself instead of its hash": {with("er-doc", func(m *types.MsgEmergencyAccess) { m.NoteHash = []byte("unconscious patient, suspected overdose") }), types.ErrInvalidJustification},
		"an unknown record":                   {with("er-doc", func(m *types.MsgEmergencyAccess) { m.RecordId = testutil.RecordID("nope") }), types.ErrRecordNotFound},
		"another patient's record":            {with("er-doc", func(m *types.MsgEmergencyAccess) { m.Custodian, m.RecordId = other.Custodian, other.RecordId }), types.ErrRecordNotFound},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.Msgs.EmergencyAccess(f.Ctx, tc.m)
			testutil.RequireCode(t, err, tc.err)
		})
	}
	list, err := f.Queries.EmergencyEvents(f.Ctx, &types.QueryEmergencyEventsRequest{})
	require.NoError(t, err)
	require.Len(t, list.Events, 1, "only the one break-glass access is recorded")

	// Visible to the patient and the regulator: in the patient's listing and
	// among the emergency events, flagged.
	byPatient, err := f.Queries.EventsByPatient(f.Ctx, &types.QueryEventsByPatientRequest{
		Patient: f.Str("patient-1"), Filter: &types.EventFilter{Decision: types.Decision_DECISION_EMERGENCY},
	})
	require.NoError(t, err)
	require.Len(t, byPatient.Events, 1)
}
