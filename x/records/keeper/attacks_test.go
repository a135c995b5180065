package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	"github.com/medchain/medchain/x/records/types"
)

// Only a hospital, lab or pharmacy holds records: an insurer's agent is
// refused for every message, one custodian role among others suffices,
// and a member that loses it can no longer amend what it anchored.
func TestCustodianRoleIsRequired(t *testing.T) {
	s := testutil.NewStack(t).
		WithObserver("insurer", consortiumtypes.Role_ROLE_INSURER).
		WithMember("insurer-pharmacy", consortiumtypes.Role_ROLE_INSURER, consortiumtypes.Role_ROLE_PHARMACY).
		WithAgent("claims-bot", "insurer", consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY).
		WithAgent("rx-bot", "insurer-pharmacy", consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY).
		Build()
	f := records(s)

	_, err := f.Msgs.AnchorRecord(f.Ctx, f.anchorMsg("claims-bot", "claim-1"))
	testutil.RequireCode(t, err, types.ErrNotAllowed, "an insurer's agent anchoring")
	batch := f.batchMsg(testutil.Hash("root").Digest, 3)
	batch.Signer = f.Str("claims-bot")
	_, err = f.Msgs.AnchorBatch(f.Ctx, batch)
	testutil.RequireCode(t, err, types.ErrNotAllowed, "an insurer's agent anchoring a batch")
	known, err := f.Consortium.IsPatient(f.Ctx, f.Addr("patient-1"))
	require.NoError(t, err)
	require.False(t, known, "a refused anchor makes nobody a patient")

	f.anchor(t, f.anchorMsg("rx-bot", "rx-1"))
	rec, err := f.version("insurer-pharmacy", "rx-1", 0)
	require.NoError(t, err)
	require.Equal(t, f.Str("insurer-pharmacy"), rec.Custodian)

	m, err := f.Consortium.GetMember(f.Ctx, f.Addr("insurer-pharmacy"))
	require.NoError(t, err)
	m.Roles = []consortiumtypes.Role{consortiumtypes.Role_ROLE_INSURER}
	require.NoError(t, f.Consortium.SetMember(f.Ctx, m))
	_, err = f.Msgs.AmendRecord(f.Ctx, f.amendMsg("rx-bot", "rx-1", "rx-1/v2"))
	testutil.RequireCode(t, err, types.ErrNotAllowed, "no longer a custodian")
}

// A suspended custodian, and an agent its member removed, can neither
// amend nor anchor; the records belong to the member, so another agent
// still amends them, and a reactivated member resumes.
func TestSuspendedMembersAndRemovedAgents(t *testing.T) {
	f := anchored(t, "dr-b", "b-1")
	f.anchor(t, f.anchorMsg("dr-a", "a-1"))

	f.SetStatus(t, "hospital-b", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
	for _, signer := range []string{"dr-b", "hospital-b"} {
		_, err := f.Msgs.AmendRecord(f.Ctx, f.amendMsg(signer, "b-1", "b-1/v2"))
		testutil.RequireCode(t, err, types.ErrNotAllowed, signer)
		batch := f.batchMsg(testutil.Hash("root").Digest, 2)
		batch.Signer = f.Str(signer)
		_, err = f.Msgs.AnchorBatch(f.Ctx, batch)
		testutil.RequireCode(t, err, types.ErrNotAllowed, signer)
	}
	f.SetStatus(t, "hospital-b", consortiumtypes.MemberStatus_MEMBER_STATUS_ACTIVE)
	_, err := f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-b", "b-1", "b-1/v2"))
	require.NoError(t, err, "reactivated")

	require.NoError(t, f.Consortium.RemoveAgent(f.Ctx, f.Addr("hospital-a"), f.Addr("dr-a")))
	_, err = f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "a-1", "a-1/v2"))
	testutil.RequireCode(t, err, types.ErrNotAllowed, "a removed agent amending")
	_, err = f.Msgs.AnchorRecord(f.Ctx, f.anchorMsg("dr-a", "a-2"))
	testutil.RequireCode(t, err, types.ErrNotAllowed, "a removed agent anchoring")
	res, err := f.Msgs.AmendRecord(f.Ctx, f.amendMsg("gw-a", "a-1", "a-1/v2"))
	require.NoError(t, err, "the member's other agent")
	require.EqualValues(t, 2, res.Version)
}

// Anchoring an id the member already holds, through any of its signers,
// changes nothing: not the record, not the indexes, and no new patient.
func TestDuplicateAnchorChangesNothing(t *testing.T) {
	f := anchored(t, "gw-a", "obs-1")
	for _, signer := range []string{"dr-a", "hospital-a", "gw-a"} {
		msg := f.anchorMsg(signer, "obs-1")
		msg.Patient, msg.ContentHash = f.Str("patient-2"), sha("forged")
		_, err := f.Msgs.AnchorRecord(f.Ctx, msg)
		testutil.RequireCode(t, err, types.ErrDuplicateRecord, signer)
	}
	rec, err := f.version("hospital-a", "obs-1", 0)
	require.NoError(t, err)
	require.Equal(t, *sha("obs-1/v1"), rec.ContentHash)
	known, err := f.Consortium.IsPatient(f.Ctx, f.Addr("patient-2"))
	require.NoError(t, err)
	require.False(t, known)
	byHash, err := f.Queries.RecordsByHash(f.Ctx, &types.QueryRecordsByHashRequest{Algorithm: sha("forged").Algorithm, Digest: sha("forged").Digest})
	require.NoError(t, err)
	require.Empty(t, byHash.Records)
}

// Unchanged means the latest version's algorithm and digest: returning to
// an older content, or the same digest bytes under another algorithm, is
// a change. A restricted record's commitment carries over.
func TestWhatCountsAsUnchanged(t *testing.T) {
	f := newFixture(t)
	ref := f.Anchor("dr-a", "patient-1", "session", mentalHealth)
	first := testutil.Hash("session")
	amend := func(h types.ContentHash) (*types.MsgAmendRecordResponse, error) {
		msg := f.amendMsg("dr-a", "session", "unused")
		msg.ContentHash = &h
		return f.Msgs.AmendRecord(f.Ctx, msg)
	}
	_, err := amend(first)
	testutil.RequireCode(t, err, types.ErrUnchanged)
	_, err = amend(testutil.Hash("session v2"))
	require.NoError(t, err)
	res, err := amend(first)
	require.NoError(t, err, "back to version 1's content")
	require.EqualValues(t, 3, res.Version)
	res, err = amend(types.ContentHash{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA3_256, Digest: first.Digest})
	require.NoError(t, err, "same bytes, another algorithm")
	require.EqualValues(t, 4, res.Version)

	latest, err := f.K.GetRecord(f.Ctx, ref)
	require.NoError(t, err)
	require.Equal(t, restricted, latest.Category)
	require.Equal(t, types.CategoryCommitment(testutil.Salt("session"), mentalHealth), latest.CategoryCommitment)
}
