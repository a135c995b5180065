package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// populate puts one of every kind of state on the chain: an agent, a
// known patient with a fee allowance and an app authorised through x/authz,
// an anchored and amended record, a batch, an active and a revoked grant,
// an allowed and a denied access, and a break-glass access.
func (n *localnet) populate(t *testing.T) {
	ctx := ctxTimeout(t, 3*time.Minute)
	hospital := n.conn(0)
	clinician := consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN
	doctor := n.newAgent(ctx, t, 0, "export-doctor", clinician)
	other := n.newAgent(ctx, t, 1, "export-other", clinician)
	patient, lab := n.newPatient(ctx, t, 0, doctor)
	note := n.anchor(ctx, t, 0, doctor, patient.addr, recordstypes.Category_CATEGORY_MENTAL_HEALTH)
	n.deliver(ctx, t, hospital, doctor, &recordstypes.MsgAmendRecord{
		Signer: doctor.addr.String(), RecordId: lab.RecordId, ContentHash: randomHash(), Uri: "https://fhir.example/" + lab.RecordId + "-v2",
		Reason: recordstypes.AmendReason_AMEND_REASON_CORRECTION, NoteHash: noteHash("corrected unit"),
	})
	n.deliver(ctx, t, hospital, doctor, &recordstypes.MsgAnchorBatch{
		Signer: doctor.addr.String(), Root: randomHash().Digest, LeafCount: 1000,
		Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: "https://fhir.example/batch-" + randomID(),
	})
	grant := func(grantee string) *consenttypes.MsgGrantConsent {
		return &consenttypes.MsgGrantConsent{Patient: patient.addr.String(), Grantee: grantee, Records: []recordstypes.RecordRef{lab},
			Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Now().Add(30 * 24 * time.Hour).UTC()}
	}
	n.deliver(ctx, t, hospital, patient, grant(other.addr.String()))
	res := n.deliver(ctx, t, hospital, patient, grant(doctor.addr.String()))
	var granted consenttypes.MsgGrantConsentResponse
	require.NoError(t, unpackResponse(res, &granted))
	n.deliver(ctx, t, hospital, patient, &consenttypes.MsgRevokeConsent{Patient: patient.addr.String(), GrantId: granted.GrantId})
	request := func(record recordstypes.RecordRef) *audittypes.MsgRequestAccess {
		return requestMsg(other, patient.addr.String(), record)
	}
	n.deliver(ctx, t, n.conn(1), other, request(lab), request(note))
	n.deliver(ctx, t, hospital, doctor, &audittypes.MsgEmergencyAccess{Accessor: doctor.addr.String(), Patient: patient.addr.String(),
		Custodian: note.Custodian, RecordId: note.RecordId, Reason: audittypes.BreakGlassReason_BREAK_GLASS_REASON_LIFE_THREATENING,
		NoteHash: noteHash("unresponsive on arrival")})
	expiry := time.Now().Add(365 * 24 * time.Hour)
	app := n.newKey(t, "patient-app")
	authGrant, err := authz.NewMsgGrant(patient.addr, app.addr, authz.NewGenericAuthorization("/medchain.consent.v1.MsgGrantConsent"), &expiry)
	require.NoError(t, err)
	n.deliver(ctx, t, hospital, patient, authGrant)
}

// exportState stops the consortium, exports hospital-a's state with
// `medchaind export`, and returns the app state; nodes stay stopped.
func (n *localnet) exportState(t *testing.T) (json.RawMessage, int64) {
	n.must(t, "stop")
	out, err := exec.Command(n.bin, "export", "--home", n.nodeHome(0), "--output-document", filepath.Join(n.home, "export.json")).CombinedOutput()
	require.NoError(t, err, string(out))
	bz, err := os.ReadFile(filepath.Join(n.home, "export.json"))
	require.NoError(t, err)
	var doc struct {
		AppName       string          `json:"app_name"`
		AppVersion    string          `json:"app_version"`
		AppState      json.RawMessage `json:"app_state"`
		InitialHeight int64           `json:"initial_height"`
	}
	require.NoError(t, json.Unmarshal(bz, &doc))
	require.Equal(t, "medchaind", doc.AppName)
	require.Equal(t, n.version(t), doc.AppVersion, "the export names the version that wrote it")
	return doc.AppState, doc.InitialHeight
}

// freshFromExport makes a new consortium with the same keys, ports and
// configuration, no data, and the export as its genesis.
func (n *localnet) freshFromExport(t *testing.T) *localnet {
	fresh := &localnet{t: t, bin: n.bin, home: t.TempDir(), cfg: n.cfg, enc: n.enc, ep: n.ep, conns: map[int]*grpc.ClientConn{}}
	out, err := exec.Command("cp", "-a", n.home+"/.", fresh.home).CombinedOutput()
	require.NoError(t, err, string(out))
	for i := range nodeNames {
		h := fresh.nodeHome(i)
		require.NoError(t, os.RemoveAll(filepath.Join(h, "data")))
		require.NoError(t, os.MkdirAll(filepath.Join(h, "data"), 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(h, "data", "priv_validator_state.json"), []byte(`{"height":"0","round":0,"step":0}`), 0o600))
		out, err := exec.Command("cp", filepath.Join(n.home, "export.json"), filepath.Join(h, "config", "genesis.json")).CombinedOutput()
		require.NoError(t, err, string(out))
	}
	return fresh
}

func (n *localnet) testExportImport(t *testing.T) {
	n.populate(t)
	exported, initial := n.exportState(t)
	t.Cleanup(func() { n.must(t, "start") }) // the original consortium resumes afterwards

	fresh := n.freshFromExport(t)
	out := fresh.must(t, "start")
	require.Contains(t, out, "local consortium is up")
	require.GreaterOrEqual(t, fresh.height(0), initial, "the new chain starts after the exported height")
	again, _ := fresh.exportState(t)
	fresh.closeConns()

	var before, after map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported, &before))
	require.NoError(t, json.Unmarshal(again, &after))
	for _, m := range []string{"consortium", "records", "consent", "audit", "auth", "bank", "feegrant", "authz"} {
		require.JSONEq(t, string(before[m]), string(after[m]), "module %s differs after export and import", m)
	}
	require.True(t, bytes.Equal(canonicalJSON(t, exported), canonicalJSON(t, again)), "app state differs after export and import")
	for _, m := range []string{"records", "consent", "audit"} {
		require.Greater(t, len(before[m]), 100, "%s exported nothing", m)
	}
}

// canonicalJSON re-encodes JSON with sorted keys.
func canonicalJSON(t *testing.T, raw json.RawMessage) []byte {
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	bz, err := json.Marshal(v)
	require.NoError(t, err)
	return bz
}
