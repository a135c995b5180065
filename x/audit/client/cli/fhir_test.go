package cli

import (
	"encoding/hex"
	"testing"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/fhirmap"
	"github.com/medchain/medchain/x/audit/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Each decision's outcome and description, and each action's FHIR action
// and restful subtype.
func TestFHIROutcomesAndActions(t *testing.T) {
	evs := events()
	for i, want := range []struct {
		outcome fhir.AuditEventOutcome
		desc    string
	}{{fhir.AuditEventOutcome0, "allowed: granted"}, {fhir.AuditEventOutcome4, "denied: no-matching-grant"}, {fhir.AuditEventOutcome0, "emergency: emergency"}} {
		a := ToFHIR(evs[i])
		require.Equal(t, want.outcome, *a.Outcome, want.desc)
		require.Equal(t, want.desc, *a.OutcomeDesc)
	}
	for action, want := range map[types.Action][2]string{
		types.Action_ACTION_READ: {"R", "read"}, types.Action_ACTION_COPY: {"R", "read"}, types.Action_ACTION_EXPORT: {"R", "read"},
		types.Action_ACTION_PRINT: {"R", "read"}, types.Action_ACTION_QUERY: {"E", "search-type"},
	} {
		e := evs[0]
		e.Action = action
		a := ToFHIR(e)
		require.Equal(t, want[0], a.Action.Code(), action)
		require.Len(t, a.Subtype, 1)
		require.Equal(t, systemRestful, *a.Subtype[0].System)
		require.Equal(t, want[1], *a.Subtype[0].Code, action)
		require.Equal(t, "110110", *a.Type.Code)
	}
}

// Break-glass: a security alert, "emergency override started", the
// accessor's ETREAT purpose of use with the reason code, and the note hash
// as a security resource before the record.
func TestFHIRBreakGlass(t *testing.T) {
	a := ToFHIR(events()[2])
	require.Equal(t, []fhir.Coding{{System: fhirmap.Ptr(systemDCM), Code: fhirmap.Ptr("110127"), Display: fhirmap.Ptr("Emergency Override Started")}}, a.Subtype)
	require.Equal(t, "R", a.Action.Code())
	require.Equal(t, []fhir.CodeableConcept{fhirmap.Concept(fhirmap.SystemActReason, "ETREAT", "patient-unable-to-consent")}, a.Agent[0].PurposeOfUse)

	require.Len(t, a.Entity, 3)
	require.Equal(t, "1", *a.Entity[0].Role.Code, "the patient first")
	note := a.Entity[1]
	require.Equal(t, systemNoteHash, *note.What.Identifier.System)
	require.Equal(t, hex.EncodeToString(noteHash[:]), *note.What.Identifier.Value)
	require.Equal(t, "2", *note.Type.Code)
	require.Equal(t, "13", *note.Role.Code)
	require.Equal(t, "break-glass note (sha-256)", *note.Name)
	require.Equal(t, "med1hospitala/"+mhID, *a.Entity[2].What.Identifier.Value)

	plain := ToFHIR(events()[1])
	require.Len(t, plain.Entity, 2, "no note entity without break-glass")
	require.Nil(t, plain.Agent[0].PurposeOfUse)
}

// Agents, the data accessed, the source and the record time.
func TestFHIRParticipants(t *testing.T) {
	e := events()[0]
	e.Id, e.Height = 7, 123
	e.Time = time.Date(2026, 6, 1, 10, 30, 0, 5, time.FixedZone("CEST", 2*3600))
	a := ToFHIR(e)
	require.Equal(t, "medchain-audit-7", *a.Id)
	require.Equal(t, "2026-06-01T08:30:00.000000005Z", a.Recorded)
	require.Equal(t, "medchain", *a.Source.Site)
	require.Equal(t, fhirmap.Ref(fhirmap.SystemEvent, "height/123"), a.Source.Observer)

	require.Len(t, a.Agent, 2)
	require.Equal(t, "IRCP", *a.Agent[0].Type.Coding[0].Code)
	require.Equal(t, fhirmap.AddressRef("med1cardio"), *a.Agent[0].Who)
	require.Equal(t, "110153", *a.Agent[1].Type.Coding[0].Code)
	require.Equal(t, fhirmap.AddressRef("med1hospitalb"), *a.Agent[1].Who)
	require.False(t, a.Agent[1].Requestor, "the member does not request")

	require.Equal(t, fhirmap.AddressRef("med1patient"), *a.Entity[0].What)
	target := a.Entity[1]
	require.Equal(t, "4", *target.Role.Code)
	require.Equal(t, "lab", *target.Name)
	require.Equal(t, fhirmap.SystemRecord, *target.What.Identifier.System)

	e.AccessorMember, e.Custodian, e.RecordId, e.Category = "", "", "", recordstypes.Category_CATEGORY_IMAGING
	a = ToFHIR(e)
	require.Len(t, a.Agent, 1, "no member agent without a member")
	require.Nil(t, a.Entity[1].What, "a category request names no record")
	require.Equal(t, "imaging", *a.Entity[1].Name)
}
