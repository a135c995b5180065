package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	"github.com/medchain/medchain/x/records/keeper"
	"github.com/medchain/medchain/x/records/types"
)

const (
	lab          = types.Category_CATEGORY_LAB
	restricted   = types.Category_CATEGORY_RESTRICTED
	mentalHealth = types.Category_CATEGORY_MENTAL_HEALTH
)

// fixture is the keeper stack with the records Msg and Query servers.
type fixture struct {
	testutil.Module[keeper.Keeper, types.MsgServer, types.QueryServer]
}

// newFixture: hospital-a (clinician dr-a, gateway gw-a), hospital-b
// (clinician dr-b), lab-c, an insurer and a regulator.
func newFixture(t testing.TB) *fixture {
	s := testutil.NewStack(t).
		WithMember("hospital-a", consortiumtypes.Role_ROLE_HOSPITAL).
		WithMember("hospital-b", consortiumtypes.Role_ROLE_HOSPITAL).
		WithObserver("lab-c", consortiumtypes.Role_ROLE_LAB).
		WithObserver("insurer", consortiumtypes.Role_ROLE_INSURER).
		WithObserver("regulator", consortiumtypes.Role_ROLE_REGULATOR).
		WithAgent("dr-a", "hospital-a", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN).
		WithAgent("gw-a", "hospital-a", consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY).
		WithAgent("dr-b", "hospital-b", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN).
		Build()
	return records(s)
}

// records is the fixture over s, a stack already built.
func records(s *testutil.Stack) *fixture {
	return &fixture{testutil.NewModule(s, s.Records, keeper.NewMsgServer, keeper.NewQueryServer)}
}

// anchored: signer anchors patient-1's lab records of names.
func anchored(t testing.TB, signer string, names ...string) *fixture {
	f := newFixture(t)
	for _, name := range names {
		f.anchor(t, f.anchorMsg(signer, name))
	}
	return f
}

// amended: dr-a anchors patient-1's lab record name and amends it once.
func amended(t testing.TB, name string) *fixture {
	f := anchored(t, "dr-a", name)
	_, err := f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", name, name+"/v2"))
	require.NoError(t, err)
	return f
}

// batched: amended obs-1, and a batch of 10 leaves anchored by gw-a.
func batched(t testing.TB) *fixture {
	f := amended(t, "obs-1")
	_, err := f.Msgs.AnchorBatch(f.Ctx, f.batchMsg(testutil.Hash("root").Digest, 10))
	require.NoError(t, err)
	return f
}

func sha(name string) *types.ContentHash {
	h := testutil.Hash(name)
	return &h
}

// anchorMsg is signer anchoring the lab record named name for patient-1.
func (f *fixture) anchorMsg(signer, name string) *types.MsgAnchorRecord {
	return &types.MsgAnchorRecord{
		Signer: f.Str(signer), RecordId: testutil.RecordID(name), Patient: f.Str("patient-1"),
		Category: lab, ContentHash: sha(name + "/v1"), Uri: "https://fhir.hospital.example/" + testutil.RecordID(name),
	}
}

func (f *fixture) anchor(t testing.TB, msg *types.MsgAnchorRecord) {
	t.Helper()
	_, err := f.Msgs.AnchorRecord(f.Ctx, msg)
	require.NoError(t, err)
}

// amendMsg is signer amending the record named name with content.
func (f *fixture) amendMsg(signer, name, content string) *types.MsgAmendRecord {
	return &types.MsgAmendRecord{
		Signer: f.Str(signer), RecordId: testutil.RecordID(name), ContentHash: sha(content),
		Uri: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", Reason: types.AmendReason_AMEND_REASON_CORRECTION,
		NoteHash: testutil.NoteHash(content),
	}
}

// version reads a version of the record named name held by custodian.
func (f *fixture) version(custodian, name string, v uint32) (types.RecordVersion, error) {
	return f.K.GetVersion(f.Ctx, f.Addr(custodian), testutil.RecordID(name), v)
}

func (f *fixture) batchMsg(root []byte, n uint64) *types.MsgAnchorBatch {
	return &types.MsgAnchorBatch{
		Signer: f.Str("gw-a"), Root: root, LeafCount: n,
		Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: "https://batches.hospital-a.example/b2026-06-01",
	}
}
