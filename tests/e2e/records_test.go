package e2e

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	"github.com/medchain/medchain/x/records/types"
)

// medchaind runs the CLI and returns its combined output and exit error.
func (n *localnet) medchaind(args ...string) (string, error) {
	out, err := exec.Command(n.bin, args...).CombinedOutput()
	return string(out), err
}

// commitFile salts and hashes a file with `medchaind records hash --new-salt`.
func (n *localnet) commitFile(t *testing.T, path string) (salt string, hash types.ContentHash) {
	out, err := n.medchaind("records", "hash", path, "--new-salt")
	require.NoError(t, err, out)
	var res struct {
		Salt   string `json:"salt"`
		Digest string `json:"digest"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	digest, err := hex.DecodeString(res.Digest)
	require.NoError(t, err)
	return res.Salt, types.ContentHash{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: digest}
}

func (n *localnet) testRecords(t *testing.T) {
	ctx := ctxTimeout(t, 2*time.Minute)
	hospital, regulatorConn := n.conn(0), n.conn(regulator)
	doctor := n.newAgent(ctx, t, 0, "records-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	patient := n.newKey(t, "patient")
	patientTx := &consenttypes.MsgRevokeConsent{Patient: patient.addr.String(), GrantId: 1 << 40}

	// Before any record, the patient is a stranger to the chain.
	res := n.broadcast(ctx, t, hospital, patient, patientTx)
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), res.Code, res.RawLog)

	dir := t.TempDir()
	file := filepath.Join(dir, "potassium.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"resourceType":"Observation","code":"2823-3","valueQuantity":4.1}`), 0o600))
	salt, hash := n.commitFile(t, file)

	// The hospital derives the record's opaque id from its own FHIR id
	// with a key it keeps; the same local id gives the same id again.
	keyFile := filepath.Join(dir, "record-id.key")
	out, err := n.medchaind("records", "id", "Observation/potassium-"+randomID(), "--key-file", keyFile, "--new-key")
	require.NoError(t, err, out)
	recordID := strings.TrimSpace(out)
	require.NoError(t, types.ValidateRecordID(recordID))
	custodian := n.operator(t, 0).addr.String()
	n.deliver(ctx, t, hospital, doctor, &types.MsgAnchorRecord{
		Signer: doctor.addr.String(), RecordId: recordID, Patient: patient.addr.String(),
		Category: types.Category_CATEGORY_LAB, ContentHash: &hash, Uri: "https://fhir.hospital-a.example/" + recordID,
	})
	ref := &types.QueryRecordRequest{Custodian: custodian, RecordId: recordID}

	// The regulator's node returns the same record the hospital's does.
	fromHospital, err := types.NewQueryClient(hospital).Record(ctx, ref)
	require.NoError(t, err)
	var fromRegulator *types.QueryRecordResponse
	waitFor(t, 15*time.Second, "the regulator's node to have the record", func() bool {
		fromRegulator, err = types.NewQueryClient(regulatorConn).Record(ctx, ref)
		return err == nil
	})
	require.Equal(t, fromHospital.Record, fromRegulator.Record)
	require.Equal(t, hash, fromRegulator.Record.ContentHash)

	// Anyone with the file and its salt checks it against the chain.
	regulatorRPC := n.rpcAddr(regulator)
	verify := func(file, salt string, extra ...string) (string, error) {
		return n.medchaind(append([]string{"records", "verify", file, "--custodian", custodian, "--record", recordID,
			"--salt", salt, "--node", regulatorRPC}, extra...)...)
	}
	out, err = verify(file, salt)
	require.NoError(t, err, out)
	require.Contains(t, out, "MATCH: ")
	original, err := os.ReadFile(file)
	require.NoError(t, err)
	tampered := append([]byte{}, original...)
	tampered[len(tampered)-2] = '2' // 4.1 -> 4.2
	tamperedFile := filepath.Join(dir, "tampered.json")
	require.NoError(t, os.WriteFile(tamperedFile, tampered, 0o600))
	out, err = verify(tamperedFile, salt)
	require.Error(t, err, "one changed byte must fail: %s", out)
	require.Contains(t, out, "MISMATCH")

	// The patient is now known and, with the hospital paying, may sign.
	n.sponsor(ctx, t, 0, &patient)
	res = n.broadcast(ctx, t, hospital, patient, patientTx)
	require.Zero(t, res.Code, "a known patient passes the allowlist: %s", res.RawLog)
	require.Equal(t, consenttypes.ErrGrantNotFound.ABCICode(), n.waitTx(ctx, t, hospital, res.TxHash).Code)

	// An amendment adds version 2; version 1 stays queryable and verifiable.
	correctedSalt, corrected := n.commitFile(t, tamperedFile)
	n.deliver(ctx, t, hospital, doctor, &types.MsgAmendRecord{
		Signer: doctor.addr.String(), RecordId: recordID, ContentHash: &corrected,
		Uri: "https://fhir.hospital-a.example/" + recordID + "-v2", Reason: types.AmendReason_AMEND_REASON_CORRECTION,
		NoteHash: noteHash("analyser recalibrated"),
	})
	waitFor(t, 15*time.Second, "version 2 on the regulator's node", func() bool {
		latest, err := types.NewQueryClient(regulatorConn).Record(ctx, ref)
		return err == nil && latest.LatestVersion == 2
	})
	v1, err := types.NewQueryClient(regulatorConn).Record(ctx, &types.QueryRecordRequest{Custodian: custodian, RecordId: recordID, Version: 1})
	require.NoError(t, err)
	require.Equal(t, fromHospital.Record, v1.Record)
	out, err = verify(file, salt, "--record-version", "1")
	require.NoError(t, err, out)
	out, err = verify(tamperedFile, correctedSalt)
	require.NoError(t, err, out)
	require.Contains(t, out, "version 2 (of 2)")
}
