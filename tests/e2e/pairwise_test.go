package e2e

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/go-bip39"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/pairwise"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// pairwisePatient is the patient's key at custodian, imported from the
// mnemonic at the documented path, as a wallet (or `medchaind keys add
// --recover --hd-path`) does.
func (n *localnet) pairwisePatient(t testing.TB, mnemonic, custodian string) signer {
	t.Helper()
	kr := keyring.NewInMemory(n.enc.Codec)
	_, err := kr.NewAccount("patient", mnemonic, "", pairwise.HDPath(custodian), hd.Secp256k1)
	require.NoError(t, err)
	return newSigner(t, kr, "patient")
}

// patientCLI runs `medchaind patient args...` with the mnemonic on stdin.
func (n *localnet) patientCLI(t testing.TB, mnemonic string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(n.bin, append([]string{"patient"}, args...)...)
	cmd.Stdin = strings.NewReader(mnemonic + "\n")
	out, err := cmd.Output()
	require.NoError(t, err, string(out))
	return out
}

// One patient, one mnemonic, records at two hospitals: on chain the two
// hospitals' records name two addresses nothing links; the patient's app
// derives both and shows one view; the patient grants with the address of
// the custodian whose record it shares.
func (n *localnet) testPairwisePatient(t *testing.T) {
	ctx := ctxTimeout(t, 3*time.Minute)
	clinician := consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN
	doctorA := n.newAgent(ctx, t, 0, "pairwise-doctor-a", clinician)
	doctorB := n.newAgent(ctx, t, 1, "pairwise-doctor-b", clinician)
	opA, opB := n.operator(t, 0).addr.String(), n.operator(t, 1).addr.String()
	entropy, err := bip39.NewEntropy(256)
	require.NoError(t, err)
	mnemonic, err := bip39.NewMnemonic(entropy)
	require.NoError(t, err)
	atA, atB := n.pairwisePatient(t, mnemonic, opA), n.pairwisePatient(t, mnemonic, opB)
	require.NotEqual(t, atA.addr, atB.addr)

	// The CLI derives the same addresses from the mnemonic.
	var derived []struct{ Custodian, Address string }
	require.NoError(t, json.Unmarshal(n.patientCLI(t, mnemonic, "address", opA, opB), &derived))
	require.Equal(t, atA.addr.String(), derived[0].Address)
	require.Equal(t, atB.addr.String(), derived[1].Address)

	// Each hospital anchors a lab result under the patient's address there.
	recA := n.anchor(ctx, t, 0, doctorA, atA.addr, recordstypes.Category_CATEGORY_LAB)
	recB := n.anchor(ctx, t, 1, doctorB, atB.addr, recordstypes.Category_CATEGORY_LAB)

	// On the regulator's node each address has its own hospital's record
	// and nothing else: no record, grant or event of one names the other.
	rq := recordstypes.NewQueryClient(n.conn(regulator))
	byPatient := func(addr string) []recordstypes.RecordVersion {
		var recs []recordstypes.RecordVersion
		waitFor(t, 15*time.Second, "the regulator's node to have the record", func() bool {
			res, err := rq.RecordsByPatient(ctx, &recordstypes.QueryRecordsByPatientRequest{Patient: addr})
			if err == nil {
				recs = res.Records
			}
			return len(recs) > 0
		})
		return recs
	}
	onA, onB := byPatient(atA.addr.String()), byPatient(atB.addr.String())
	require.Len(t, onA, 1)
	require.Len(t, onB, 1)
	require.Equal(t, recA.RecordId, onA[0].RecordId)
	require.Equal(t, recB.RecordId, onB[0].RecordId)
	bzA, err := json.Marshal(onA)
	require.NoError(t, err)
	bzB, err := json.Marshal(onB)
	require.NoError(t, err)
	require.NotContains(t, string(bzA), atB.addr.String())
	require.NotContains(t, string(bzB), atA.addr.String())

	// The patient's app shows both records as one view.
	var view struct {
		Addresses []struct{ Custodian, Address string }
		Records   []recordstypes.RecordVersion
	}
	require.NoError(t, json.Unmarshal(n.patientCLI(t, mnemonic, "records", "--node", n.rpcAddr(regulator)), &view))
	ids := map[string]string{}
	for _, r := range view.Records {
		ids[r.Custodian] = r.RecordId
	}
	require.Equal(t, map[string]string{opA: recA.RecordId, opB: recB.RecordId}, ids)
	require.GreaterOrEqual(t, len(view.Addresses), validators, "an address at every member")

	// The patient shares hospital A's result with hospital B's doctor,
	// signing with its address at A; the grant names that address only.
	n.sponsor(ctx, t, 0, &atA)
	n.deliver(ctx, t, n.conn(0), atA, &consenttypes.MsgGrantConsent{
		Patient: atA.addr.String(), Grantee: doctorB.addr.String(), Records: []recordstypes.RecordRef{recA},
		Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Now().Add(24 * time.Hour).UTC(),
	})
	cq := consenttypes.NewQueryClient(n.conn(regulator))
	waitFor(t, 15*time.Second, "hospital B's doctor to be allowed hospital A's record", func() bool {
		res, err := cq.CheckAccess(ctx, &consenttypes.QueryCheckAccessRequest{Accessor: doctorB.addr.String(), Patient: atA.addr.String(),
			Custodian: recA.Custodian, RecordId: recA.RecordId, Purpose: consenttypes.Purpose_PURPOSE_TREAT})
		return err == nil && res.Allowed
	})
	grants, err := cq.GrantsByPatient(ctx, &consenttypes.QueryGrantsByPatientRequest{Patient: atB.addr.String()})
	require.NoError(t, err)
	require.Empty(t, grants.Grants, "the address at B granted nothing")
}
