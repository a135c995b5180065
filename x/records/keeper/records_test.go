package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	"github.com/medchain/medchain/x/records/types"
)

func TestAnchorRecord(t *testing.T) {
	f := newFixture(t)
	ctx := f.FreshEvents()
	known, err := f.Consortium.IsPatient(ctx, f.Addr("patient-1"))
	require.NoError(t, err)
	require.False(t, known)

	res, err := f.Msgs.AnchorRecord(ctx, f.anchorMsg("gw-a", "obs-1"))
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Version)

	got, err := f.version("hospital-a", "obs-1", 0)
	require.NoError(t, err)
	require.Equal(t, types.RecordVersion{
		RecordId: testutil.RecordID("obs-1"), Version: 1, Patient: f.Str("patient-1"), Custodian: f.Str("hospital-a"),
		Category: lab, ContentHash: *sha("obs-1/v1"), Uri: "https://fhir.hospital.example/" + testutil.RecordID("obs-1"),
		AnchoredBy: f.Str("gw-a"), AnchoredAt: ctx.BlockTime(), Height: ctx.BlockHeight(),
	}, got, "the custodian is the gateway's member")

	// The patient is now known to the consortium: may sign, has an account.
	known, err = f.Consortium.IsPatient(ctx, f.Addr("patient-1"))
	require.NoError(t, err)
	require.True(t, known)
	require.True(t, f.Accounts.HasAccount(ctx, f.Addr("patient-1")))
	require.Equal(t, []string{"medchain.consortium.v1.EventPatientKnown", "medchain.records.v1.EventRecordAnchored"}, testutil.EventTypes(ctx))

	ctx = f.FreshEvents()
	f.anchor(t, f.anchorMsg("gw-a", "obs-2"))
	require.Equal(t, []string{"medchain.records.v1.EventRecordAnchored"}, testutil.EventTypes(ctx), "a known patient is announced once")
}

// Record ids are unique per custodian only: FHIR servers reuse ids, and
// one hospital copying another's anchor from the mempool gets its own
// record, never the other's.
func TestRecordIDsAreScopedByCustodian(t *testing.T) {
	f := anchored(t, "dr-a", "lab-42")
	squat := f.anchorMsg("dr-b", "lab-42")
	squat.ContentHash = sha("a fake")
	f.anchor(t, squat)

	a, err := f.version("hospital-a", "lab-42", 0)
	require.NoError(t, err)
	require.Equal(t, *sha("lab-42/v1"), a.ContentHash, "hospital-a's record is untouched")
	b, err := f.version("hospital-b", "lab-42", 0)
	require.NoError(t, err)
	require.Equal(t, *sha("a fake"), b.ContentHash)
	require.Equal(t, f.Str("hospital-b"), b.Custodian)

	// hospital-b cannot amend hospital-a's record either: it only has its own.
	_, err = f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-b", "lab-42", "v2"))
	require.NoError(t, err)
	a, err = f.version("hospital-a", "lab-42", 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, a.Version)
}

func TestAnchorPermissions(t *testing.T) {
	f := newFixture(t)
	try := func(signer, name string) error {
		_, err := f.Msgs.AnchorRecord(f.Ctx, f.anchorMsg(signer, name))
		return err
	}
	require.NoError(t, try("hospital-a", "r-op"), "a custodian's operator")
	require.NoError(t, try("dr-a", "r-agent"), "a custodian's agent")
	require.NoError(t, try("lab-c", "r-lab"), "a lab")
	testutil.RequireCode(t, try("insurer", "r-ins"), types.ErrNotAllowed, "an insurer is no custodian")
	testutil.RequireCode(t, try("regulator", "r-reg"), types.ErrNotAllowed, "a regulator is no custodian")
	testutil.RequireCode(t, try("stranger", "r-x"), types.ErrNotAllowed)
	testutil.RequireCode(t, try("patient-1", "r-p"), types.ErrNotAllowed, "a known patient may sign, not anchor")
	f.SetStatus(t, "hospital-b", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
	testutil.RequireCode(t, try("hospital-b", "r-b"), types.ErrNotAllowed, "a suspended member")
	testutil.RequireCode(t, try("dr-b", "r-b2"), types.ErrNotAllowed, "an agent of a suspended member")

	rec, err := f.version("lab-c", "r-lab", 0)
	require.NoError(t, err)
	require.Equal(t, f.Str("lab-c"), rec.Custodian)
}

// Nobody who is or was a member operator or an agent becomes a patient: a
// record naming one is refused, and the signer allowlist does not move.
func TestParticipantsAreNeverPatients(t *testing.T) {
	f := newFixture(t)
	f.SetStatus(t, "hospital-b", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
	f.SetStatus(t, "insurer", consortiumtypes.MemberStatus_MEMBER_STATUS_REMOVED)
	require.NoError(t, f.Consortium.RemoveAgent(f.Ctx, f.Addr("gw-a"), f.Addr("gw-a")))
	for _, name := range []string{"hospital-a", "hospital-b", "insurer", "dr-a", "dr-b", "gw-a"} {
		msg := f.anchorMsg("dr-a", "p-"+name)
		msg.Patient = f.Str(name)
		_, err := f.Msgs.AnchorRecord(f.Ctx, msg)
		testutil.RequireCode(t, err, types.ErrInvalidPatient, name)
		known, err := f.Consortium.IsPatient(f.Ctx, f.Addr(name))
		require.NoError(t, err)
		require.False(t, known, name)
	}
	ok, err := f.Consortium.IsAllowedSigner(f.Ctx, f.Addr("hospital-b"))
	require.NoError(t, err)
	require.False(t, ok, "a suspended member's operator stays shut out")
}

// A sensitive record goes on chain as restricted with a commitment to its
// real category: the chain shows nobody which kind it is, and whoever
// holds the salt can prove it.
func TestRestrictedRecords(t *testing.T) {
	f := newFixture(t)
	ref := f.Anchor("dr-a", "patient-1", "note", mentalHealth)
	rec, err := f.K.GetRecord(f.Ctx, ref)
	require.NoError(t, err)
	require.Equal(t, restricted, rec.Category)
	require.Equal(t, types.CategoryCommitment(testutil.Salt("note"), mentalHealth), rec.CategoryCommitment)
	for _, other := range types.SensitiveCategories[1:] {
		require.NotEqual(t, types.CategoryCommitment(testutil.Salt("note"), other), rec.CategoryCommitment, other)
	}
	require.NotEqual(t, types.CategoryCommitment(testutil.Salt("other salt"), mentalHealth), rec.CategoryCommitment)
	list, err := f.Queries.RecordsByPatient(f.Ctx, &types.QueryRecordsByPatientRequest{Patient: f.Str("patient-1")})
	require.NoError(t, err)
	require.Len(t, list.Records, 1)
	require.Equal(t, restricted, list.Records[0].Category)
}

func TestAmendKeepsEveryVersion(t *testing.T) {
	f := anchored(t, "gw-a", "obs-1")
	ctx := f.FreshEvents()
	res, err := f.Msgs.AmendRecord(ctx, f.amendMsg("dr-a", "obs-1", "v2"))
	require.NoError(t, err)
	require.EqualValues(t, 2, res.Version)
	res, err = f.Msgs.AmendRecord(ctx, f.amendMsg("hospital-a", "obs-1", "v3"))
	require.NoError(t, err)
	require.EqualValues(t, 3, res.Version)
	require.Equal(t, []string{"medchain.records.v1.EventRecordAmended", "medchain.records.v1.EventRecordAmended"}, testutil.EventTypes(ctx))

	v1, err := f.version("hospital-a", "obs-1", 1)
	require.NoError(t, err)
	require.Equal(t, *sha("obs-1/v1"), v1.ContentHash, "version 1 is still there")
	require.Equal(t, types.AmendReason_AMEND_REASON_UNSPECIFIED, v1.AmendReason)
	latest, err := f.version("hospital-a", "obs-1", 0)
	require.NoError(t, err)
	require.EqualValues(t, 3, latest.Version)
	require.Equal(t, types.AmendReason_AMEND_REASON_CORRECTION, latest.AmendReason)
	require.Equal(t, testutil.NoteHash("v3"), latest.NoteHash)
	require.Equal(t, f.Str("patient-1"), latest.Patient, "patient and category carry over")
	require.Equal(t, lab, latest.Category)
	_, err = f.version("hospital-a", "obs-1", 4)
	testutil.RequireCode(t, err, types.ErrVersionNotFound)
}

func TestAmendRefusals(t *testing.T) {
	f := anchored(t, "gw-a", "obs-1")
	with := func(mut func(m *types.MsgAmendRecord)) *types.MsgAmendRecord {
		m := f.amendMsg("dr-a", "obs-1", "x")
		mut(m)
		return m
	}
	cases := []struct {
		name string
		msg  *types.MsgAmendRecord
		err  *errorsmod.Error
	}{
		{"a record the member does not hold", f.amendMsg("dr-a", "obs-9", "x"), types.ErrNotCustodian},
		{"another hospital's agent", f.amendMsg("dr-b", "obs-1", "x"), types.ErrNotCustodian},
		{"another hospital's operator", f.amendMsg("hospital-b", "obs-1", "x"), types.ErrNotCustodian},
		{"not a custodian", f.amendMsg("insurer", "obs-1", "x"), types.ErrNotAllowed},
		{"same hash as latest", f.amendMsg("dr-a", "obs-1", "obs-1/v1"), types.ErrUnchanged},
		{"no reason code", with(func(m *types.MsgAmendRecord) { m.Reason = 0 }), types.ErrInvalidReason},
		{"unknown reason code", with(func(m *types.MsgAmendRecord) { m.Reason = 77 }), types.ErrInvalidReason},
		{"no note hash", with(func(m *types.MsgAmendRecord) { m.NoteHash = nil }), types.ErrInvalidReason},
		{"a note instead of its hash", with(func(m *types.MsgAmendRecord) { m.NoteHash = []byte("analyser recalibrated after a fault") }), types.ErrInvalidReason},
		{"bad URI", with(func(m *types.MsgAmendRecord) { m.Uri = "file:///etc/passwd" }), types.ErrInvalidURI},
		{"bad hash", with(func(m *types.MsgAmendRecord) { m.ContentHash.Digest = []byte{1} }), types.ErrInvalidHash},
		{"no hash", with(func(m *types.MsgAmendRecord) { m.ContentHash = nil }), types.ErrInvalidHash},
		{"bad record id", with(func(m *types.MsgAmendRecord) { m.RecordId = "obs 1" }), types.ErrInvalidRecordID},
		{"bad signer", with(func(m *types.MsgAmendRecord) { m.Signer = "med1" }), types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Msgs.AmendRecord(f.Ctx, tc.msg)
			testutil.RequireCode(t, err, tc.err)
		})
	}
	latest, err := f.version("hospital-a", "obs-1", 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, latest.Version, "no refused amendment added a version")
}

// The last allowed amendment makes version MaxVersions; the next is refused.
func TestVersionsAreBounded(t *testing.T) {
	f := anchored(t, "gw-a", "obs-1")
	key := f.Addr("hospital-a")
	require.NoError(t, f.K.Latest.Set(f.Ctx, collections.Join(key, testutil.RecordID("obs-1")), uint32(types.MaxVersions-1)))
	v1, err := f.version("hospital-a", "obs-1", 1)
	require.NoError(t, err)
	v1.Version = types.MaxVersions - 1
	require.NoError(t, f.K.Versions.Set(f.Ctx, collections.Join3(key, v1.RecordId, v1.Version), v1))
	res, err := f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "obs-1", "the last"))
	require.NoError(t, err)
	require.EqualValues(t, types.MaxVersions, res.Version)
	_, err = f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "obs-1", "one too many"))
	testutil.RequireCode(t, err, types.ErrTooManyVersions)
}
