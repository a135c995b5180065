package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func (n *localnet) testConsent(t *testing.T) {
	ctx := ctxTimeout(t, 2*time.Minute)
	hospital := n.conn(0)
	doctor := n.newAgent(ctx, t, 0, "consent-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	patient, labRecord := n.newPatient(ctx, t, 0, doctor)

	// The hospital also holds a mental-health note of the patient.
	mhRecord := n.anchor(ctx, t, 0, doctor, patient.addr, recordstypes.Category_CATEGORY_MENTAL_HEALTH)

	// The patient grants the doctor 7 days of labs for treatment.
	n.deliver(ctx, t, hospital, patient, labGrant(patient.addr, doctor.addr))

	// Decisions over gRPC, asked of the regulator's node.
	q := consenttypes.NewQueryClient(n.conn(regulator))
	check := func(record recordstypes.RecordRef) *consenttypes.QueryCheckAccessResponse {
		t.Helper()
		var out *consenttypes.QueryCheckAccessResponse
		var err error
		out, err = q.CheckAccess(ctx, &consenttypes.QueryCheckAccessRequest{
			Accessor: doctor.addr.String(), Patient: patient.addr.String(),
			Custodian: record.Custodian, RecordId: record.RecordId, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
		})
		require.NoError(t, err)
		return out
	}
	waitFor(t, 15*time.Second, "the regulator's node to allow the lab record", func() bool { return check(labRecord).Allowed })
	lab := check(labRecord)
	require.NotZero(t, lab.GrantId)
	mh := check(mhRecord)
	require.False(t, mh.Allowed, "mental health is outside the grant")
	require.Equal(t, consenttypes.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT, mh.Reason)

	// After the patient revokes, both are denied.
	n.deliver(ctx, t, hospital, patient, &consenttypes.MsgRevokeConsent{Patient: patient.addr.String(), GrantId: lab.GrantId})
	waitFor(t, 15*time.Second, "the regulator's node to deny the lab record", func() bool { return !check(labRecord).Allowed })
	require.False(t, check(mhRecord).Allowed)
	g, err := q.Grant(ctx, &consenttypes.QueryGrantRequest{GrantId: lab.GrantId})
	require.NoError(t, err)
	require.Equal(t, consenttypes.GrantStatus_GRANT_STATUS_REVOKED, g.Grant.Status)

	// The grant exports as a FHIR R4 Consent that a FHIR library reads back.
	out, err := n.medchaind("consent", "export", fmt.Sprint(lab.GrantId), "--node", n.rpcAddr(regulator))
	require.NoError(t, err, out)
	c, err := fhir.UnmarshalConsent([]byte(out))
	require.NoError(t, err, out)
	require.Equal(t, fhir.ConsentStateInactive, c.Status)
	require.Equal(t, patient.addr.String(), *c.Patient.Identifier.Value)
	require.Equal(t, doctor.addr.String(), *c.Provision.Actor[0].Reference.Identifier.Value)
	require.Equal(t, "TREAT", *c.Provision.Purpose[0].Code)
	require.Equal(t, "lab", *c.Provision.Class[0].Code)
}
