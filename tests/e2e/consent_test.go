package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func (n *localnet) testConsent(t *testing.T) {
	require.NotNil(t, n.patient, "needs the patient of the records test")
	ctx := ctxTimeout(t, 2*time.Minute)
	hospital := n.conn(0)

	// The hospital also holds a mental-health note of the patient.
	hash := recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
	hash.Digest[0] = 7
	res := n.broadcast(ctx, hospital, *n.doctor, &recordstypes.MsgAnchorRecord{
		Signer: n.doctor.addr.String(), RecordId: "mh-e2e-1", Patient: n.patient.addr.String(),
		Category: recordstypes.Category_CATEGORY_MENTAL_HEALTH, ContentHash: &hash, Uri: "https://fhir.hospital-a.example/DocumentReference/mh-e2e-1",
	})
	require.Zero(t, res.Code, res.RawLog)
	require.Zero(t, n.waitTx(ctx, hospital, res.TxHash).Code)

	// The patient grants the doctor 7 days of labs for treatment.
	res = n.broadcast(ctx, hospital, *n.patient, &consenttypes.MsgGrantConsent{
		Patient: n.patient.addr.String(), Grantee: n.doctor.addr.String(),
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT},
		ExpiresAt:  time.Now().Add(7 * 24 * time.Hour).UTC(),
	})
	require.Zero(t, res.Code, res.RawLog)
	included := n.waitTx(ctx, hospital, res.TxHash)
	require.Zero(t, included.Code, included.RawLog)

	// Decisions over gRPC, asked of the regulator's node.
	q := consenttypes.NewQueryClient(n.conn(regulator))
	check := func(recordID string) *consenttypes.QueryCheckAccessResponse {
		t.Helper()
		var out *consenttypes.QueryCheckAccessResponse
		var err error
		out, err = q.CheckAccess(ctx, &consenttypes.QueryCheckAccessRequest{
			Accessor: n.doctor.addr.String(), Patient: n.patient.addr.String(),
			RecordId: recordID, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
		})
		require.NoError(t, err)
		return out
	}
	waitFor(t, 15*time.Second, "the regulator's node to allow the lab record", func() bool { return check(n.labRecord).Allowed })
	lab := check(n.labRecord)
	require.NotZero(t, lab.GrantId)
	mh := check("mh-e2e-1")
	require.False(t, mh.Allowed, "mental health is outside the grant")
	require.NotEmpty(t, mh.Reason)

	// After the patient revokes, both are denied.
	res = n.broadcast(ctx, hospital, *n.patient, &consenttypes.MsgRevokeConsent{Patient: n.patient.addr.String(), GrantId: lab.GrantId})
	require.Zero(t, res.Code, res.RawLog)
	require.Zero(t, n.waitTx(ctx, hospital, res.TxHash).Code)
	waitFor(t, 15*time.Second, "the regulator's node to deny the lab record", func() bool { return !check(n.labRecord).Allowed })
	require.False(t, check("mh-e2e-1").Allowed)
	g, err := q.Grant(ctx, &consenttypes.QueryGrantRequest{GrantId: lab.GrantId})
	require.NoError(t, err)
	require.Equal(t, consenttypes.GrantStatus_GRANT_STATUS_REVOKED, g.Grant.Status)

	// The grant exports as a FHIR R4 Consent that a FHIR library reads back.
	out, err := n.medchaind("consent", "export", fmt.Sprint(lab.GrantId), "--node", fmt.Sprintf("tcp://127.0.0.1:%d", rpcPort(regulator)))
	require.NoError(t, err, out)
	c, err := fhir.UnmarshalConsent([]byte(out))
	require.NoError(t, err, out)
	require.Equal(t, fhir.ConsentStateInactive, c.Status)
	require.Equal(t, n.patient.addr.String(), *c.Patient.Identifier.Value)
	require.Equal(t, n.doctor.addr.String(), *c.Provision.Actor[0].Reference.Identifier.Value)
	require.Equal(t, "TREAT", *c.Provision.Purpose[0].Code)
	require.Equal(t, "lab", *c.Provision.Class[0].Code)
}
