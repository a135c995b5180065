package e2e

import (
	"fmt"
	"testing"
	"time"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/stretchr/testify/require"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// A patient grants, loses the phone, and two of three guardians (the other
// hospitals' operators) recover the address to a new key: the new key
// revokes the old grant, the old key's transactions are refused, and the
// records, grants and audit trail still belong to the same address.
func (n *localnet) testRecovery(t *testing.T) {
	ctx := ctxTimeout(t, 5*time.Minute)
	hospital := n.conn(0)
	doctor := n.newAgent(ctx, t, 0, "recovery-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	patient, lab := n.newPatient(ctx, t, 0, doctor)
	p := patient.addr.String()
	n.deliver(ctx, t, hospital, patient, labGrant(patient.addr, doctor.addr))
	n.deliver(ctx, t, hospital, doctor, requestMsg(doctor, p, lab))

	// The consortium allows a one-minute recovery delay on this test network.
	cq := consortiumtypes.NewQueryClient(n.conn(regulator))
	params, err := cq.Params(ctx, &consortiumtypes.QueryParamsRequest{})
	require.NoError(t, err)
	params.Params.MinRecoveryDelay = time.Minute
	require.Equal(t, consortiumtypes.ProposalStatus_PROPOSAL_STATUS_PASSED,
		n.pass(ctx, t, &consortiumtypes.MsgUpdateParams{Authority: authority(), Params: params.Params}).Status)

	guardians := []signer{n.operator(t, 1), n.operator(t, 2), n.operator(t, 3)}
	n.deliver(ctx, t, hospital, patient, &consortiumtypes.MsgSetGuardians{
		Patient: p, Guardians: []string{guardians[0].addr.String(), guardians[1].addr.String(), guardians[2].addr.String()},
		Threshold: 2, Delay: time.Minute,
	})

	// The phone is lost. The patient's new phone has a fresh key, which the
	// hospital sponsors; two guardians recover the address to it.
	phone := n.newKey(t, "new-phone")
	n.sponsor(ctx, t, 0, &phone)
	started := n.deliver(ctx, t, n.conn(1), guardians[0], &consortiumtypes.MsgStartRecovery{Guardian: guardians[0].addr.String(), Patient: p, NewController: phone.addr.String()})
	id, err := cq.Identity(ctx, &consortiumtypes.QueryIdentityRequest{Patient: p})
	require.NoError(t, err)
	require.False(t, id.Locked, "one approval of two")
	n.deliver(ctx, t, n.conn(2), guardians[1], &consortiumtypes.MsgApproveRecovery{Guardian: guardians[1].addr.String(), Patient: p, NewController: phone.addr.String()})
	waitFor(t, 15*time.Second, "the identity to lock", func() bool {
		id, err = cq.Identity(ctx, &consortiumtypes.QueryIdentityRequest{Patient: p})
		return err == nil && id.Locked
	})
	require.NotNil(t, id.Recovery.EffectiveAt)

	// Whoever holds the old phone cannot grant during the delay.
	res := n.broadcast(ctx, t, hospital, patient, &consenttypes.MsgGrantConsent{
		Patient: p, Grantee: n.operator(t, 1).addr.String(), Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT},
		ExpiresAt: time.Now().Add(24 * time.Hour).UTC(),
	})
	require.Zero(t, res.Code, res.RawLog)
	locked := n.waitTx(ctx, t, hospital, res.TxHash)
	require.Equal(t, consortiumtypes.ErrIdentityLocked.ABCICode(), locked.Code, locked.RawLog)

	waitFor(t, 2*time.Minute, "the new phone to control the address", func() bool {
		id, err = cq.Identity(ctx, &consortiumtypes.QueryIdentityRequest{Patient: p})
		return err == nil && id.Identity.Controller == phone.addr.String() && id.Recovery == nil
	})
	require.False(t, id.Locked)

	// The old key is refused before the mempool.
	old := n.broadcast(ctx, t, hospital, patient, &consenttypes.MsgRevokeConsent{Patient: p, GrantId: 1})
	require.Equal(t, consortiumtypes.ErrKeyRotated.ABCICode(), old.Code, old.RawLog)
	require.Equal(t, consortiumtypes.ModuleName, old.Codespace)

	// The new phone revokes the grant the lost phone gave.
	granted, err := consenttypes.NewQueryClient(n.conn(regulator)).GrantsByPatient(ctx, &consenttypes.QueryGrantsByPatientRequest{
		Patient: p, Status: consenttypes.GrantStatus_GRANT_STATUS_ACTIVE,
	})
	require.NoError(t, err)
	require.Len(t, granted.Grants, 1)
	revoke, err := codectypes.NewAnyWithValue(&consenttypes.MsgRevokeConsent{Patient: p, GrantId: granted.Grants[0].Id})
	require.NoError(t, err)
	n.deliver(ctx, t, hospital, phone, &consortiumtypes.MsgActAsPatient{Controller: phone.addr.String(), Patient: p, Msgs: []*codectypes.Any{revoke}})
	denied := n.deliver(ctx, t, hospital, doctor, requestMsg(doctor, p, lab))
	var answer audittypes.MsgRequestAccessResponse
	require.NoError(t, unpackResponse(denied, &answer))
	require.Equal(t, audittypes.Decision_DECISION_DENIED, answer.Decision)

	// The patient's notifications showed every step.
	out, err := n.medchaind("watch", "--node", n.rpcAddr(regulator), "--patient", p,
		"--from-height", fmt.Sprint(started.Height), "--to-height", fmt.Sprint(denied.Height))
	require.NoError(t, err, out)
	for _, step := range []string{"EventRecoveryStarted", "EventRecoveryApproved", "EventIdentityLocked", "EventKeyRotated", "EventConsentRevoked", "EventAccessRecorded"} {
		require.Contains(t, out, `"event":"medchain.`, step)
		require.Contains(t, out, "."+step+`"`, "the patient's watcher shows %s", step)
	}

	// Same address, same history.
	trail, err := audittypes.NewQueryClient(n.conn(regulator)).EventsByPatient(ctx, &audittypes.QueryEventsByPatientRequest{Patient: p})
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(trail.Events), 2)
	require.Equal(t, audittypes.Decision_DECISION_ALLOWED, trail.Events[0].Decision)
	rec, err := recordstypes.NewQueryClient(n.conn(regulator)).RecordsByPatient(ctx, &recordstypes.QueryRecordsByPatientRequest{Patient: p})
	require.NoError(t, err)
	require.NotEmpty(t, rec.Records)
}
