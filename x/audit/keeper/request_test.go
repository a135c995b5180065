package keeper_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Every recorded decision stores what was asked (record or category,
// action, purpose), by whom and for which member, and consent's answer; the
// response, the stored event and EventAccessRecorded agree, and ids
// strictly increase.
func TestRequestAccessRecordsTheDecision(t *testing.T) {
	f := newFixture(t)
	grant := f.grant(t, "cardio", t0.Add(24*time.Hour))
	expiring := f.grant(t, "er-doc", t0.Add(time.Hour))
	other := f.Anchor("cardio", "patient-2", "lab-2", lab)
	missing := &recordstypes.RecordRef{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("nope")}
	imaging, restricted := recordstypes.Category_CATEGORY_IMAGING, recordstypes.Category_CATEGORY_RESTRICTED
	r := consenttypes.DecisionReason_DECISION_REASON_GRANTED

	cases := []struct {
		name, accessor string
		record         *recordstypes.RecordRef
		category       recordstypes.Category
		action         types.Action
		later          bool
		decision       types.Decision
		reason         consenttypes.DecisionReason
		grant          uint64
		stored         recordstypes.Category
		member         string
	}{
		{"a record covered by a category grant", "cardio", &f.lab1, 0, types.Action_ACTION_COPY, false, allowed, r, grant, lab, "hospital-b"},
		{"a category covered by a category grant", "cardio", nil, lab, types.Action_ACTION_QUERY, false, allowed, r, grant, lab, "hospital-b"},
		{"the record's category wins over the one asked", "cardio", &f.lab1, imaging, types.Action_ACTION_PRINT, false, allowed, r, grant, lab, "hospital-b"},
		{"the grantee's operator is not the grantee", "hospital-b", nil, lab, read, false, denied,
			consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, 0, lab, "hospital-b"},
		{"a category outside the grant, asked by a gateway", "gw-a", nil, imaging, types.Action_ACTION_EXPORT, false, denied,
			consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, 0, imaging, "hospital-a"},
		{"the restricted category as a whole", "cardio", nil, restricted, read, false, denied,
			consenttypes.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT, 0, restricted, "hospital-b"},
		{"an unknown record keeps the category asked", "cardio", missing, imaging, read, false, denied,
			consenttypes.DecisionReason_DECISION_REASON_RECORD_NOT_FOUND, 0, imaging, "hospital-b"},
		{"another patient's record", "cardio", &other, 0, read, false, denied,
			consenttypes.DecisionReason_DECISION_REASON_RECORD_OF_ANOTHER_PATIENT, 0, lab, "hospital-b"},
		{"an expired grant is named", "er-doc", &f.lab1, 0, read, true, denied,
			consenttypes.DecisionReason_DECISION_REASON_GRANT_EXPIRED, expiring, lab, "er-hospital"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.later {
				f.At(t0.Add(time.Hour))
			}
			msg := &types.MsgRequestAccess{Accessor: f.Str(tc.accessor), Patient: f.Str("patient-1"), Category: tc.category,
				Action: tc.action, Purpose: treat}
			if tc.record != nil {
				msg.Custodian, msg.RecordId = tc.record.Custodian, tc.record.RecordId
			}
			ctx := f.FreshEvents()
			res, err := f.Msgs.RequestAccess(ctx, msg)
			require.NoError(t, err)
			require.EqualValues(t, i+1, res.EventId)
			require.Equal(t, &types.MsgRequestAccessResponse{EventId: res.EventId, Decision: tc.decision, GrantId: tc.grant, Reason: tc.reason}, res)

			e, err := f.K.GetEvent(f.Ctx, res.EventId)
			require.NoError(t, err)
			owner := "patient-1"
			if tc.reason == consenttypes.DecisionReason_DECISION_REASON_RECORD_OF_ANOTHER_PATIENT {
				owner = "patient-2" // the attempt lands in the record owner's trail, never the named patient's
			}
			require.Equal(t, types.AccessEvent{
				Id: res.EventId, Patient: f.Str(owner), Custodian: msg.Custodian, RecordId: msg.RecordId, Category: tc.stored,
				Accessor: f.Str(tc.accessor), AccessorMember: f.Str(tc.member), Action: tc.action, Purpose: treat,
				Decision: tc.decision, GrantId: tc.grant, Reason: tc.reason, Time: ctx.BlockTime(), Height: ctx.BlockHeight(),
			}, e)

			evs := ctx.EventManager().Events().ToABCIEvents()
			require.Len(t, evs, 1, "no emergency event for a request")
			parsed, err := sdk.ParseTypedEvent(evs[0])
			require.NoError(t, err)
			require.Equal(t, &types.EventAccessRecorded{EventId: e.Id, Patient: e.Patient, Accessor: e.Accessor, Custodian: e.Custodian,
				RecordId: e.RecordId, Decision: e.Decision, GrantId: e.GrantId}, parsed)
		})
	}

	ids := idsOf(t)
	require.Equal(t, []uint64{1, 3, 9}, ids(f.Queries.EventsByRecord(f.Ctx, &types.QueryEventsByRecordRequest{
		Custodian: f.lab1.Custodian, RecordId: f.lab1.RecordId,
	})), "category requests are not indexed under a record")
	require.Equal(t, []uint64{8}, ids(f.Queries.EventsByRecord(f.Ctx, &types.QueryEventsByRecordRequest{
		Custodian: other.Custodian, RecordId: other.RecordId,
	})))
	require.Empty(t, ids(f.Queries.EmergencyEvents(f.Ctx, nil)))
}

// A refused request consumes no id: the next recorded event takes the next
// number, whichever message records it.
func TestRefusalsConsumeNoIDs(t *testing.T) {
	f := newFixture(t)
	res, err := f.request("cardio", f.lab1, treat)
	require.NoError(t, err)
	require.EqualValues(t, 1, res.EventId)

	_, err = f.request("stranger", f.lab1, treat)
	testutil.RequireCode(t, err, types.ErrNotAllowed)
	_, err = f.Msgs.EmergencyAccess(f.Ctx, f.breakGlass("er-gw", f.lab1))
	testutil.RequireCode(t, err, types.ErrNotEmergencyMember)
	_, err = f.request("cardio", f.lab1, 0)
	testutil.RequireCode(t, err, consenttypes.ErrInvalidPurpose)

	glass, err := f.Msgs.EmergencyAccess(f.Ctx, f.breakGlass("er-doc", f.lab1))
	require.NoError(t, err)
	require.EqualValues(t, 2, glass.EventId)
	res, err = f.request("dr-a", f.mh1, treat)
	require.NoError(t, err)
	require.EqualValues(t, 3, res.EventId)
	require.Len(t, f.events(t), 3)
}
