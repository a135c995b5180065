package e2e

import (
	"os/exec"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func (n *localnet) testAuditStory(t *testing.T) {
	ctx := ctxTimeout(t, 3*time.Minute)
	hospitalA := n.conn(0)
	clinician := consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN
	doctor := n.newAgent(ctx, t, 0, "story-doctor", clinician)
	cardio := n.newAgent(ctx, t, 1, "cardiologist", clinician) // hospital-b
	er := n.newAgent(ctx, t, 0, "er-physician", clinician)     // hospital-a holds the emergency role
	patient := n.newKey(t, "patient")

	// Hospital A anchors a lab result and a mental-health note (restricted on chain).
	lab := anchorMsg(doctor.addr, patient.addr, randomID(), recordstypes.Category_CATEGORY_LAB)
	mh := anchorMsg(doctor.addr, patient.addr, randomID(), recordstypes.Category_CATEGORY_MENTAL_HEALTH)
	n.deliver(ctx, t, hospitalA, doctor, lab, mh)
	custodian := n.operator(t, 0).addr.String()
	labID, mhID := lab.RecordId, mh.RecordId
	n.sponsor(ctx, t, 0, &patient)

	// The patient grants the cardiologist labs for 7 days.
	n.deliver(ctx, t, hospitalA, patient, labGrant(patient.addr, cardio.addr))

	// The cardiologist asks for the lab result, then the note; the ER
	// physician breaks the glass with a reason code and the hash of a note
	// kept in the hospital's own system.
	request := func(record string) sdk.Msg {
		return requestMsg(cardio, patient.addr.String(), recordstypes.RecordRef{Custodian: custodian, RecordId: record})
	}
	n.deliver(ctx, t, n.conn(1), cardio, request(labID))
	n.deliver(ctx, t, n.conn(1), cardio, request(mhID))
	note := noteHash("unresponsive on arrival; psychiatric history needed")
	n.deliver(ctx, t, hospitalA, er, &audittypes.MsgEmergencyAccess{Accessor: er.addr.String(), Patient: patient.addr.String(),
		Custodian: custodian, RecordId: mhID, Reason: audittypes.BreakGlassReason_BREAK_GLASS_REASON_PATIENT_UNABLE_TO_CONSENT, NoteHash: note})

	// The regulator's node lists all three, in order.
	q := audittypes.NewQueryClient(n.conn(regulator))
	var events []audittypes.AccessEvent
	waitFor(t, 15*time.Second, "three events on the regulator's node", func() bool {
		res, err := q.EventsByPatient(ctx, &audittypes.QueryEventsByPatientRequest{Patient: patient.addr.String()})
		if err == nil {
			events = res.Events
		}
		return len(events) == 3
	})
	want := []struct {
		record   string
		accessor string
		decision audittypes.Decision
	}{
		{labID, cardio.addr.String(), audittypes.Decision_DECISION_ALLOWED},
		{mhID, cardio.addr.String(), audittypes.Decision_DECISION_DENIED},
		{mhID, er.addr.String(), audittypes.Decision_DECISION_EMERGENCY},
	}
	for i, w := range want {
		require.Equal(t, w.record, events[i].RecordId, "event %d", i)
		require.Equal(t, custodian, events[i].Custodian, "event %d", i)
		require.Equal(t, w.accessor, events[i].Accessor, "event %d", i)
		require.Equal(t, w.decision, events[i].Decision, "event %d: %s", i, events[i].Reason)
	}
	require.Equal(t, consenttypes.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT, events[1].Reason,
		"a grant of labs does not open a restricted note")
	require.Equal(t, recordstypes.Category_CATEGORY_RESTRICTED, events[1].Category, "the note's real category never reaches the chain")
	require.Equal(t, note, events[2].NoteHash)
	require.Less(t, events[0].Id, events[1].Id)
	require.Less(t, events[1].Id, events[2].Id)

	// The regulator exports a FHIR Bundle with three AuditEvents.
	out, err := exec.Command(n.bin, "audit", "export", "--patient", patient.addr.String(), "--format", "fhir",
		"--node", n.rpcAddr(regulator)).Output()
	require.NoError(t, err)
	bundle, err := fhir.UnmarshalBundle(out)
	require.NoError(t, err, string(out))
	require.Len(t, bundle.Entry, 3)
	var types []string
	for _, e := range bundle.Entry {
		a, err := fhir.UnmarshalAuditEvent(e.Resource)
		require.NoError(t, err)
		types = append(types, *a.Type.Code)
	}
	require.Equal(t, []string{"110110", "110110", "110113"}, types)
}
