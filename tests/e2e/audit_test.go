package e2e

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// deliver broadcasts msgs signed by s and waits until they succeed in a block.
func (n *localnet) deliver(ctx context.Context, t *testing.T, conn *grpc.ClientConn, s signer, msgs ...sdk.Msg) {
	t.Helper()
	res := n.broadcast(ctx, conn, s, msgs...)
	require.Zero(t, res.Code, res.RawLog)
	included := n.waitTx(ctx, conn, res.TxHash)
	require.Zero(t, included.Code, included.RawLog)
}

// newAgent makes a key in member i's keyring and registers it as a clinician.
func (n *localnet) newAgent(ctx context.Context, t *testing.T, i int, name string) signer {
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, n.nodeHome(i), nil, n.enc.Codec)
	require.NoError(t, err)
	_, _, err = kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	op, agent := newSigner(t, kr, "operator"), newSigner(t, kr, name)
	n.deliver(ctx, t, n.conn(i), op, &consortiumtypes.MsgAddAgent{
		Operator: op.addr.String(), Agent: agent.addr.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN,
	})
	return agent
}

func (n *localnet) testAuditStory(t *testing.T) {
	require.NotNil(t, n.doctor, "needs hospital-a's agent")
	ctx := ctxTimeout(t, 3*time.Minute)
	hospitalA := n.conn(0)
	cardio := n.newAgent(ctx, t, 1, "cardiologist") // hospital-b
	er := n.newAgent(ctx, t, 0, "er-physician")     // hospital-a holds the emergency role

	kr := keyring.NewInMemory(n.enc.Codec)
	_, _, err := kr.NewMnemonic("patient", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	patient := newSigner(t, kr, "patient")

	// Hospital A anchors a lab result and a mental-health note.
	anchor := func(id string, c recordstypes.Category, b byte) sdk.Msg {
		h := recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
		h.Digest[0], h.Digest[1] = b, 0xa5
		return &recordstypes.MsgAnchorRecord{Signer: n.doctor.addr.String(), RecordId: id, Patient: patient.addr.String(),
			Category: c, ContentHash: &h, Uri: "https://fhir.hospital-a.example/" + id}
	}
	n.deliver(ctx, t, hospitalA, *n.doctor,
		anchor("story-lab", recordstypes.Category_CATEGORY_LAB, 1),
		anchor("story-mh", recordstypes.Category_CATEGORY_MENTAL_HEALTH, 2))

	// The patient grants the cardiologist labs for 7 days.
	n.deliver(ctx, t, hospitalA, patient, &consenttypes.MsgGrantConsent{
		Patient: patient.addr.String(), Grantee: cardio.addr.String(),
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Now().Add(7 * 24 * time.Hour).UTC(),
	})

	// The cardiologist asks for the lab result, then the note; the ER physician breaks the glass.
	request := func(record string) sdk.Msg {
		return &audittypes.MsgRequestAccess{Signer: cardio.addr.String(), Accessor: cardio.addr.String(), Patient: patient.addr.String(),
			RecordId: record, Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT}
	}
	n.deliver(ctx, t, n.conn(1), cardio, request("story-lab"))
	n.deliver(ctx, t, n.conn(1), cardio, request("story-mh"))
	n.deliver(ctx, t, hospitalA, er, &audittypes.MsgEmergencyAccess{Signer: er.addr.String(), Accessor: er.addr.String(),
		Patient: patient.addr.String(), RecordId: "story-mh", Justification: "unresponsive on arrival; psychiatric history needed"})

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
		{"story-lab", cardio.addr.String(), audittypes.Decision_DECISION_ALLOWED},
		{"story-mh", cardio.addr.String(), audittypes.Decision_DECISION_DENIED},
		{"story-mh", er.addr.String(), audittypes.Decision_DECISION_EMERGENCY},
	}
	for i, w := range want {
		require.Equal(t, w.record, events[i].RecordId, "event %d", i)
		require.Equal(t, w.accessor, events[i].Accessor, "event %d", i)
		require.Equal(t, w.decision, events[i].Decision, "event %d: %s", i, events[i].Reason)
	}
	require.Less(t, events[0].Id, events[1].Id)
	require.Less(t, events[1].Id, events[2].Id)

	// The regulator exports a FHIR Bundle with three AuditEvents.
	out, err := exec.Command(n.bin, "audit", "export", "--patient", patient.addr.String(), "--format", "fhir",
		"--node", fmt.Sprintf("tcp://127.0.0.1:%d", rpcPort(regulator))).Output()
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
