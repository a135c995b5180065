package e2e

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// agentFunds is what a member sends each new agent to pay its fees.
const agentFunds = 1_000_000_000

// operator is member i's operator key, from node i's test keyring.
func (n *localnet) operator(t testing.TB, i int) signer {
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, n.nodeHome(i), nil, n.enc.Codec)
	require.NoError(t, err)
	return newSigner(t, kr, "operator")
}

// newAgent enrols a new key as member i's agent in role: the member's
// operator invites and funds it in one transaction, and the agent accepts
// with its own key.
func (n *localnet) newAgent(ctx context.Context, t testing.TB, i int, name string, role consortiumtypes.AgentRole) signer {
	t.Helper()
	op, agent := n.operator(t, i), n.newKey(t, name)
	n.deliver(ctx, t, n.conn(i), op,
		&consortiumtypes.MsgAddAgent{Operator: op.addr.String(), Agent: agent.addr.String(), Role: role},
		banktypes.NewMsgSend(op.addr, agent.addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, agentFunds))),
	)
	n.deliver(ctx, t, n.conn(i), agent, &consortiumtypes.MsgAcceptAgent{Agent: agent.addr.String(), Member: op.addr.String()})
	return agent
}

// newPatient makes a patient key that member i's agent makes known by
// anchoring a lab record for it, and that member i sponsors: its
// transactions' fees come from the member's periodic allowance.
func (n *localnet) newPatient(ctx context.Context, t testing.TB, i int, agent signer) (signer, recordstypes.RecordRef) {
	t.Helper()
	patient := n.newKey(t, "patient")
	record := n.anchor(ctx, t, i, agent, patient.addr, recordstypes.Category_CATEGORY_LAB)
	n.sponsor(ctx, t, i, &patient)
	return patient, record
}

// sponsor has member i pay patient's fees: 50 transactions a day.
func (n *localnet) sponsor(ctx context.Context, t testing.TB, i int, patient *signer) {
	t.Helper()
	op := n.operator(t, i)
	msg, err := app.NewPatientAllowance(op.addr, patient.addr, 50, fee(txGas))
	require.NoError(t, err)
	n.deliver(ctx, t, n.conn(i), op, msg)
	patient.feeGranter = op.addr
}

// anchor has agent (of member i) anchor a new record of category for
// patient, with a random content hash, and returns its reference.
func (n *localnet) anchor(ctx context.Context, t testing.TB, i int, agent signer, patient sdk.AccAddress, category recordstypes.Category) recordstypes.RecordRef {
	t.Helper()
	msg := anchorMsg(agent.addr, patient, randomID(), category)
	n.deliver(ctx, t, n.conn(i), agent, msg)
	return recordstypes.RecordRef{Custodian: n.operator(t, i).addr.String(), RecordId: msg.RecordId}
}

// anchorMsg anchors record id of category for patient; a sensitive
// category goes on chain as restricted, with a commitment to it.
func anchorMsg(signer, patient sdk.AccAddress, id string, category recordstypes.Category) *recordstypes.MsgAnchorRecord {
	m := &recordstypes.MsgAnchorRecord{
		Signer: signer.String(), RecordId: id, Patient: patient.String(), Category: category,
		ContentHash: randomHash(), Uri: "https://fhir.example/" + id,
	}
	if category.IsSensitive() {
		salt := make([]byte, 32)
		_, _ = rand.Read(salt)
		m.Category, m.CategoryCommitment = recordstypes.Category_CATEGORY_RESTRICTED, recordstypes.CategoryCommitment(salt, category)
	}
	return m
}

func randomHash() *recordstypes.ContentHash {
	h := &recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
	_, _ = rand.Read(h.Digest)
	return h
}

// randomID is a new opaque record id: 32 random hex digits.
func randomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// noteHash is the sha-256 of a note kept off chain.
func noteHash(note string) []byte {
	h := sha256.Sum256([]byte(note))
	return h[:]
}

// labGrant is patient granting grantee its labs for treatment for 7 days.
func labGrant(patient, grantee sdk.AccAddress) *consenttypes.MsgGrantConsent {
	return &consenttypes.MsgGrantConsent{
		Patient: patient.String(), Grantee: grantee.String(),
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT},
		ExpiresAt:  time.Now().Add(7 * 24 * time.Hour).UTC(),
	}
}

// requestMsg is accessor asking to read record of patient for treatment.
func requestMsg(accessor signer, patient string, record recordstypes.RecordRef) *audittypes.MsgRequestAccess {
	return &audittypes.MsgRequestAccess{Accessor: accessor.addr.String(), Patient: patient, Custodian: record.Custodian,
		RecordId: record.RecordId, Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT}
}
