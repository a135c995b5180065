package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func events() []types.AccessEvent {
	at := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	base := types.AccessEvent{
		Patient: "med1patient", Custodian: "med1hospitala", Accessor: "med1cardio", AccessorMember: "med1hospitalb",
		Action: types.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT, Time: at, Height: 40,
	}
	allowed, denied, emergency := base, base, base
	allowed.Id, allowed.RecordId, allowed.Category, allowed.Decision, allowed.GrantId, allowed.Reason =
		1, labID, recordstypes.Category_CATEGORY_LAB, types.Decision_DECISION_ALLOWED, 3, consenttypes.DecisionReason_DECISION_REASON_GRANTED
	denied.Id, denied.RecordId, denied.Category, denied.Decision, denied.Reason =
		2, mhID, recordstypes.Category_CATEGORY_MENTAL_HEALTH, types.Decision_DECISION_DENIED, consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT
	emergency.Id, emergency.RecordId, emergency.Category, emergency.Decision, emergency.Reason =
		3, mhID, recordstypes.Category_CATEGORY_MENTAL_HEALTH, types.Decision_DECISION_EMERGENCY, consenttypes.DecisionReason_DECISION_REASON_EMERGENCY
	emergency.BreakGlassReason, emergency.NoteHash = types.BreakGlassReason_BREAK_GLASS_REASON_PATIENT_UNABLE_TO_CONSENT, noteHash[:]
	emergency.Accessor, emergency.Purpose = "med1erdoc", consenttypes.Purpose_PURPOSE_ETREAT
	return []types.AccessEvent{allowed, denied, emergency}
}

const (
	labID = "5f0c6d1e-8a2b-4c3d-9e4f-0a1b2c3d4e5f"
	mhID  = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
)

var noteHash = sha256.Sum256([]byte("er note"))

func TestFHIRAuditEvents(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, write(&buf, "fhir", events()))
	b, err := fhir.UnmarshalBundle(buf.Bytes())
	require.NoError(t, err)
	require.Len(t, b.Entry, 3)
	var got []fhir.AuditEvent
	for _, e := range b.Entry {
		a, err := fhir.UnmarshalAuditEvent(e.Resource)
		require.NoError(t, err)
		got = append(got, a)
	}
	require.Equal(t, "110110", *got[0].Type.Code)
	require.Equal(t, fhir.AuditEventOutcome0, *got[0].Outcome)
	require.Equal(t, "TREAT", *got[0].PurposeOfEvent[0].Coding[0].Code)
	require.Equal(t, "med1cardio", *got[0].Agent[0].Who.Identifier.Value)
	require.True(t, got[0].Agent[0].Requestor)
	require.Equal(t, "med1patient", *got[0].Entity[0].What.Identifier.Value)
	require.Equal(t, "med1hospitala/"+labID, *got[0].Entity[1].What.Identifier.Value)
	require.Equal(t, fhir.AuditEventOutcome4, *got[1].Outcome, "a denial is a minor failure")
	// Break-glass: DCM 110113 Security Alert / 110127 Emergency Override Started.
	require.Equal(t, "110113", *got[2].Type.Code)
	require.Equal(t, "110127", *got[2].Subtype[0].Code)
	require.Equal(t, "ETREAT", *got[2].Agent[0].PurposeOfUse[0].Coding[0].Code)
}

func TestCSVAndJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, write(&buf, "csv", events()))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 4)
	require.Equal(t, "emergency", rows[3][11])
	require.Equal(t, "patient-unable-to-consent", rows[3][14])
	require.Equal(t, "read", rows[3][9])
	require.Equal(t, "", rows[1][14], "no break-glass reason on a denial")
	require.Equal(t, "emergency", rows[3][13])
	require.Equal(t, hex.EncodeToString(noteHash[:]), rows[3][15])

	buf.Reset()
	require.NoError(t, write(&buf, "json", events()))
	var back []types.AccessEvent
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	require.Len(t, back, 3)
}
