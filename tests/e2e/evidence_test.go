package e2e

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// verifiedOutput is what `evidence verify` and `query verify` print.
type verifiedOutput struct {
	Verified bool   `json:"verified"`
	ChainID  string `json:"chain_id"`
	Height   int64  `json:"height"`
	Anchor   string `json:"anchor"`
	Headers  int    `json:"headers_checked"`
	Items    []struct {
		Kind   string          `json:"kind"`
		ID     string          `json:"id"`
		Absent bool            `json:"absent"`
		Value  json.RawMessage `json:"value"`
	} `json:"items"`
}

// verified runs a verifying command and decodes what it proved.
func (n *localnet) verified(t *testing.T, args ...string) verifiedOutput {
	t.Helper()
	out, err := n.medchaind(args...)
	require.NoError(t, err, out)
	var v verifiedOutput
	require.NoError(t, json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &v), out)
	require.True(t, v.Verified)
	return v
}

// trustOf reads the hash of header h from hospital i's RPC, as a regulator
// would from a hospital it trusts: HEIGHT:HASH.
func (n *localnet) trustOf(t *testing.T, i int, h int64) string {
	var c struct {
		SignedHeader struct {
			Commit struct {
				BlockID struct {
					Hash string `json:"hash"`
				} `json:"block_id"`
			} `json:"commit"`
		} `json:"signed_header"`
	}
	require.NoError(t, n.rpc(i, "commit?height="+strconv.FormatInt(h, 10), &c))
	require.Len(t, c.SignedHeader.Commit.BlockID.Hash, 64)
	return strconv.FormatInt(h, 10) + ":" + c.SignedHeader.Commit.BlockID.Hash
}

// A regulator proves a patient's audit trail and a record's history from
// its own node; a court checks the bundles with no node, from the hash of
// the first header or from genesis.json alone, and a one-byte change is
// caught and named.
func (n *localnet) testEvidence(t *testing.T) {
	ctx := ctxTimeout(t, 3*time.Minute)
	doctor := n.newAgent(ctx, t, 0, "evidence-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	cardio := n.newAgent(ctx, t, 1, "evidence-cardio", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	patient, lab := n.newPatient(ctx, t, 0, doctor)
	n.deliver(ctx, t, n.conn(0), doctor, &recordstypes.MsgAmendRecord{
		Signer: doctor.addr.String(), RecordId: lab.RecordId, ContentHash: randomHash(), Uri: "https://fhir.example/" + lab.RecordId + "-v2",
		Reason: recordstypes.AmendReason_AMEND_REASON_CORRECTION, NoteHash: noteHash("corrected unit"),
	})
	n.deliver(ctx, t, n.conn(1), cardio, requestMsg(cardio, patient.addr.String(), lab)) // denied: no grant yet
	res := n.deliver(ctx, t, n.conn(0), patient, &consenttypes.MsgGrantConsent{
		Patient: patient.addr.String(), Grantee: cardio.addr.String(), Records: []recordstypes.RecordRef{lab},
		Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Now().Add(24 * time.Hour).UTC(),
	})
	var granted consenttypes.MsgGrantConsentResponse
	require.NoError(t, unpackResponse(res, &granted))
	n.deliver(ctx, t, n.conn(1), cardio, requestMsg(cardio, patient.addr.String(), lab)) // allowed
	n.waitHeight(t, 30*time.Second, n.height(0)+2, regulator)

	dir := t.TempDir()
	node := n.rpcAddr(regulator)
	genesis := filepath.Join(n.nodeHome(0), "config", "genesis.json")
	trust := n.trustOf(t, 0, 1)

	// The patient's audit trail: both events, denied then allowed.
	audit := filepath.Join(dir, "audit.json")
	out, err := n.medchaind("audit", "evidence", "--patient", patient.addr.String(), "--node", node, "--out", audit)
	require.NoError(t, err, out)
	require.Contains(t, out, "2 items proven")
	for _, anchor := range [][]string{{"--trust", trust}, {"--genesis", genesis}} {
		v := n.verified(t, append([]string{"evidence", "verify", audit}, anchor...)...)
		require.Equal(t, n.cfg.chainID, v.ChainID)
		require.Len(t, v.Items, 2)
		var decisions []string
		for _, it := range v.Items {
			require.Equal(t, "access_event", it.Kind)
			var e struct{ Patient, Accessor, Decision string }
			require.NoError(t, json.Unmarshal(it.Value, &e))
			require.Equal(t, patient.addr.String(), e.Patient)
			require.Equal(t, cardio.addr.String(), e.Accessor)
			decisions = append(decisions, e.Decision)
		}
		require.Equal(t, []string{audittypes.Decision_DECISION_DENIED.String(), audittypes.Decision_DECISION_ALLOWED.String()}, decisions)
	}

	// One byte changed in the second event's stored value: the event is
	// named. One in a header's signatures: the header is named.
	var bundle struct {
		LightBlocks []string `json:"light_blocks"`
		Items       []struct {
			Value string `json:"value"`
		} `json:"items"`
	}
	data, err := os.ReadFile(audit)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &bundle))
	tamper := func(field string, at int) string {
		raw, err := base64.StdEncoding.DecodeString(field)
		require.NoError(t, err)
		raw[at] ^= 1
		path := filepath.Join(dir, "tampered.json")
		require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), field, base64.StdEncoding.EncodeToString(raw), 1)), 0o600))
		out, err := n.medchaind("evidence", "verify", path, "--trust", trust)
		require.Error(t, err, out)
		return out
	}
	value := bundle.Items[1].Value
	require.Contains(t, tamper(value, len(value)*3/4/2), "does not verify: item 1 (access_event")
	last := bundle.LightBlocks[len(bundle.LightBlocks)-1]
	require.Contains(t, tamper(last, len(last)*3/4-40), "light block 1")

	// Another anchor than the one the bundle starts from is refused.
	out, err = n.medchaind("evidence", "verify", audit, "--trust", "1:"+strings.Repeat("AB", 32))
	require.Error(t, err, out)
	require.Contains(t, out, "light block 0 (height 1): has hash")
	out, err = n.medchaind("evidence", "verify", audit)
	require.Error(t, err, out)
	require.Contains(t, out, "trust must be explicit")

	// The record's whole history: its newest version number and both versions.
	history := filepath.Join(dir, "record.json")
	out, err = n.medchaind("records", "evidence", lab.Custodian, lab.RecordId, "--node", node, "--out", history)
	require.NoError(t, err, out)
	v := n.verified(t, "evidence", "verify", history, "--genesis", genesis)
	require.Len(t, v.Items, 3)
	require.JSONEq(t, `{"latest_version":2}`, string(v.Items[0].Value))
	for i, it := range v.Items[1:] {
		var rv struct {
			Version    int    `json:"version"`
			Custodian  string `json:"custodian"`
			AnchoredBy string `json:"anchored_by"`
		}
		require.NoError(t, json.Unmarshal(it.Value, &rv))
		require.Equal(t, i+1, rv.Version)
		require.Equal(t, lab.Custodian, rv.Custodian)
		require.Equal(t, doctor.addr.String(), rv.AnchoredBy)
	}

	// Online: one grant proven from the regulator's node with the genesis
	// of its own home; a grant that does not exist is proven absent.
	id := strconv.FormatUint(granted.GrantId, 10)
	regHome := n.nodeHome(regulator)
	v = n.verified(t, "query", "verify", "grant", id, "--node", node, "--home", regHome, "--bundle", filepath.Join(dir, "grant.json"))
	require.Contains(t, v.Anchor, "genesis validators of "+n.cfg.chainID)
	require.Len(t, v.Items, 1)
	require.Contains(t, string(v.Items[0].Value), patient.addr.String())
	n.verified(t, "evidence", "verify", filepath.Join(dir, "grant.json"), "--genesis", genesis)
	v = n.verified(t, "query", "verify", "grant", "987654321", "--node", node, "--home", regHome)
	require.True(t, v.Items[0].Absent)
	v = n.verified(t, "query", "verify", "record", lab.Custodian, lab.RecordId, "--node", node, "--trust", trust)
	require.Len(t, v.Items, 2, "the newest version number and that version")
}
