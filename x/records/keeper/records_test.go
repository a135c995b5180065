package keeper_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	"github.com/medchain/medchain/x/records/types"
)

func TestAnchorRecord(t *testing.T) {
	f := newFixture(t)
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	patient := addr("patient-1")

	allowed, err := f.k.IsAllowedSigner(f.ctx, patient)
	require.NoError(t, err)
	require.False(t, allowed, "an unknown patient may not sign")
	require.False(t, f.accounts.HasAccount(f.ctx, patient))

	res, err := f.msgs.AnchorRecord(f.ctx, f.anchorMsg("obs-1"))
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Version)

	got, err := f.queries.Record(f.ctx, &types.QueryRecordRequest{RecordId: "obs-1"})
	require.NoError(t, err)
	require.Equal(t, types.RecordVersion{
		RecordId: "obs-1", Version: 1, Patient: f.str("patient-1"), Custodian: f.str("hospital-a"),
		Category: types.Category_CATEGORY_LAB, ContentHash: *sha("obs-1/v1"),
		Uri: "https://fhir.hospital-a.example/Observation/obs-1", AnchoredBy: f.str("gw-a"),
		AnchoredAt: f.ctx.BlockTime(), Height: 7,
	}, got.Record, "the custodian is the gateway's member")
	require.EqualValues(t, 1, got.LatestVersion)

	// The patient is now known: allowed to sign, with an account.
	allowed, err = f.k.IsAllowedSigner(f.ctx, patient)
	require.NoError(t, err)
	require.True(t, allowed)
	require.True(t, f.accounts.HasAccount(f.ctx, patient))

	var kinds []string
	for _, e := range f.ctx.EventManager().Events() {
		kinds = append(kinds, e.Type)
	}
	require.Equal(t, []string{"medchain.records.v1.EventPatientKnown", "medchain.records.v1.EventRecordAnchored"}, kinds)

	// A second record does not announce the patient again.
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	f.anchor(t, f.anchorMsg("obs-2"))
	require.Len(t, f.ctx.EventManager().Events(), 1)
}

func TestAnchorValidation(t *testing.T) {
	f := newFixture(t)
	f.anchor(t, f.anchorMsg("obs-1"))
	cases := []struct {
		name   string
		mutate func(m *types.MsgAnchorRecord)
		err    *errorsmod.Error
	}{
		{"empty record id", func(m *types.MsgAnchorRecord) { m.RecordId = "" }, types.ErrInvalidRecordID},
		{"record id too long", func(m *types.MsgAnchorRecord) { m.RecordId = strings.Repeat("a", 65) }, types.ErrInvalidRecordID},
		{"record id charset", func(m *types.MsgAnchorRecord) { m.RecordId = "obs/1" }, types.ErrInvalidRecordID},
		{"record id with space", func(m *types.MsgAnchorRecord) { m.RecordId = "obs 1" }, types.ErrInvalidRecordID},
		{"no content hash", func(m *types.MsgAnchorRecord) { m.ContentHash = nil }, types.ErrInvalidHash},
		{"unknown algorithm", func(m *types.MsgAnchorRecord) { m.ContentHash.Algorithm = 9 }, types.ErrInvalidHash},
		{"unspecified algorithm", func(m *types.MsgAnchorRecord) { m.ContentHash.Algorithm = 0 }, types.ErrInvalidHash},
		{"digest too short for sha2-256", func(m *types.MsgAnchorRecord) { m.ContentHash.Digest = m.ContentHash.Digest[:31] }, types.ErrInvalidHash},
		{"sha2-512 needs 64 bytes", func(m *types.MsgAnchorRecord) {
			m.ContentHash.Algorithm = types.HashAlgorithm_HASH_ALGORITHM_SHA2_512
		}, types.ErrInvalidHash},
		{"URI scheme", func(m *types.MsgAnchorRecord) { m.Uri = "ftp://files.example/x" }, types.ErrInvalidURI},
		{"URI without scheme", func(m *types.MsgAnchorRecord) { m.Uri = "records/obs-9" }, types.ErrInvalidURI},
		{"URI too long", func(m *types.MsgAnchorRecord) { m.Uri = "https://x.example/" + strings.Repeat("a", 500) }, types.ErrInvalidURI},
		{"URI with space", func(m *types.MsgAnchorRecord) { m.Uri = "https://x.example/a b" }, types.ErrInvalidURI},
		{"URI with credentials", func(m *types.MsgAnchorRecord) { m.Uri = "https://user:pw@x.example/a" }, types.ErrInvalidURI},
		{"empty URI", func(m *types.MsgAnchorRecord) { m.Uri = "" }, types.ErrInvalidURI},
		{"unspecified category", func(m *types.MsgAnchorRecord) { m.Category = 0 }, types.ErrInvalidCategory},
		{"unknown category", func(m *types.MsgAnchorRecord) { m.Category = 99 }, types.ErrInvalidCategory},
		{"duplicate record id", func(m *types.MsgAnchorRecord) { m.RecordId = "obs-1" }, types.ErrDuplicateRecord},
		{"bad patient address", func(m *types.MsgAnchorRecord) { m.Patient = "med1nope" }, types.ErrInvalidAddress},
		{"patient is a member operator", func(m *types.MsgAnchorRecord) { m.Patient = f.str("hospital-b") }, types.ErrInvalidPatient},
		{"patient is an agent", func(m *types.MsgAnchorRecord) { m.Patient = f.str("dr-b") }, types.ErrInvalidPatient},
		{"bad signer address", func(m *types.MsgAnchorRecord) { m.Signer = "x" }, types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := f.anchorMsg("obs-new")
			tc.mutate(msg)
			_, err := f.msgs.AnchorRecord(f.ctx, msg)
			require.ErrorIs(t, err, tc.err)
			_, code, _ := errorsmod.ABCIInfo(err, false)
			require.Equal(t, tc.err.ABCICode(), code)
			_, err = f.k.GetVersion(f.ctx, "obs-new", 0)
			require.ErrorIs(t, err, types.ErrRecordNotFound, "a refused anchor changes nothing")
		})
	}
	// Each supported algorithm with its own digest length is accepted.
	for i, h := range []*types.ContentHash{
		{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_512, Digest: make([]byte, 64)},
		{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA3_256, Digest: make([]byte, 32)},
	} {
		msg := f.anchorMsg("algo-" + string(rune('a'+i)))
		msg.ContentHash = h
		f.anchor(t, msg)
	}
}

func TestAnchorPermissions(t *testing.T) {
	f := newFixture(t)
	suspend := func(name string) {
		m, err := f.consortium.GetMember(f.ctx, addr(name))
		require.NoError(t, err)
		m.Status = consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED
		require.NoError(t, f.consortium.SetMember(f.ctx, m))
	}
	try := func(signer, id string) error {
		msg := f.anchorMsg(id)
		msg.Signer = f.str(signer)
		_, err := f.msgs.AnchorRecord(f.ctx, msg)
		return err
	}
	require.NoError(t, try("hospital-a", "r-op"), "a custodian's operator")
	require.NoError(t, try("dr-a", "r-agent"), "a custodian's agent")
	require.NoError(t, try("lab-c", "r-lab"), "a lab")
	require.ErrorIs(t, try("insurer", "r-ins"), types.ErrNotAllowed, "an insurer is no custodian")
	require.ErrorIs(t, try("regulator", "r-reg"), types.ErrNotAllowed, "a regulator is no custodian")
	require.ErrorIs(t, try("stranger", "r-x"), types.ErrNotAllowed)
	require.ErrorIs(t, try("patient-1", "r-p"), types.ErrNotAllowed, "a known patient may sign, not anchor")
	suspend("hospital-b")
	require.ErrorIs(t, try("hospital-b", "r-b"), types.ErrNotAllowed, "a suspended member")
	require.ErrorIs(t, try("dr-b", "r-b2"), types.ErrNotAllowed, "an agent of a suspended member")

	rec, err := f.k.GetVersion(f.ctx, "r-lab", 0)
	require.NoError(t, err)
	require.Equal(t, f.str("lab-c"), rec.Custodian)
}

func TestAmendKeepsEveryVersion(t *testing.T) {
	f := newFixture(t)
	f.anchor(t, f.anchorMsg("obs-1"))

	res, err := f.msgs.AmendRecord(f.ctx, f.amendMsg("dr-a", "obs-1", "v2"))
	require.NoError(t, err)
	require.EqualValues(t, 2, res.Version)
	res, err = f.msgs.AmendRecord(f.ctx, f.amendMsg("hospital-a", "obs-1", "v3"))
	require.NoError(t, err)
	require.EqualValues(t, 3, res.Version)

	v1, err := f.queries.Record(f.ctx, &types.QueryRecordRequest{RecordId: "obs-1", Version: 1})
	require.NoError(t, err)
	require.Equal(t, *sha("obs-1/v1"), v1.Record.ContentHash, "version 1 is still there")
	require.EqualValues(t, 3, v1.LatestVersion)
	latest, err := f.queries.Record(f.ctx, &types.QueryRecordRequest{RecordId: "obs-1"})
	require.NoError(t, err)
	require.EqualValues(t, 3, latest.Record.Version)
	require.Equal(t, "corrected reference range", latest.Record.Reason)
	require.Equal(t, f.str("patient-1"), latest.Record.Patient, "patient and category carry over")
	require.Equal(t, types.Category_CATEGORY_LAB, latest.Record.Category)
	_, err = f.queries.Record(f.ctx, &types.QueryRecordRequest{RecordId: "obs-1", Version: 4})
	require.ErrorContains(t, err, "version not found")

	history, err := f.queries.RecordHistory(f.ctx, &types.QueryRecordHistoryRequest{RecordId: "obs-1"})
	require.NoError(t, err)
	require.Len(t, history.Versions, 3)
	for i, v := range history.Versions {
		require.EqualValues(t, i+1, v.Version)
	}
}

func TestAmendErrors(t *testing.T) {
	f := newFixture(t)
	f.anchor(t, f.anchorMsg("obs-1"))
	cases := []struct {
		name string
		msg  *types.MsgAmendRecord
		err  *errorsmod.Error
	}{
		{"unknown record", f.amendMsg("dr-a", "obs-9", "x"), types.ErrRecordNotFound},
		{"another hospital's agent", f.amendMsg("dr-b", "obs-1", "x"), types.ErrNotCustodian},
		{"another hospital's operator", f.amendMsg("hospital-b", "obs-1", "x"), types.ErrNotCustodian},
		{"not a custodian", f.amendMsg("insurer", "obs-1", "x"), types.ErrNotAllowed},
		{"same hash as latest", f.amendMsg("dr-a", "obs-1", "obs-1/v1"), types.ErrUnchanged},
		{"no reason", func() *types.MsgAmendRecord { m := f.amendMsg("dr-a", "obs-1", "x"); m.Reason = " "; return m }(), types.ErrInvalidReason},
		{"reason too long", func() *types.MsgAmendRecord {
			m := f.amendMsg("dr-a", "obs-1", "x")
			m.Reason = strings.Repeat("r", 257)
			return m
		}(), types.ErrInvalidReason},
		{"reason with control character", func() *types.MsgAmendRecord {
			m := f.amendMsg("dr-a", "obs-1", "x")
			m.Reason = "bad\x00reason"
			return m
		}(), types.ErrInvalidReason},
		{"bad URI", func() *types.MsgAmendRecord {
			m := f.amendMsg("dr-a", "obs-1", "x")
			m.Uri = "file:///etc/passwd"
			return m
		}(), types.ErrInvalidURI},
		{"bad hash", func() *types.MsgAmendRecord {
			m := f.amendMsg("dr-a", "obs-1", "x")
			m.ContentHash.Digest = []byte{1}
			return m
		}(), types.ErrInvalidHash},
		{"bad record id", f.amendMsg("dr-a", "obs 1", "x"), types.ErrInvalidRecordID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.msgs.AmendRecord(f.ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
		})
	}
	latest, err := f.k.GetVersion(f.ctx, "obs-1", 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, latest.Version, "no refused amendment added a version")
}

func TestRecordQueries(t *testing.T) {
	f := newFixture(t)
	for _, id := range []string{"a-1", "a-2", "a-3"} {
		f.anchor(t, f.anchorMsg(id))
	}
	other := f.anchorMsg("b-1")
	other.Signer, other.Patient, other.ContentHash = f.str("dr-b"), f.str("patient-2"), sha("a-1/v1") // same content as a-1
	f.anchor(t, other)
	_, err := f.msgs.AmendRecord(f.ctx, f.amendMsg("dr-a", "a-2", "a-2/v2"))
	require.NoError(t, err)

	page, err := f.queries.RecordsByPatient(f.ctx, &types.QueryRecordsByPatientRequest{
		Patient: f.str("patient-1"), Pagination: &query.PageRequest{Limit: 2, CountTotal: true},
	})
	require.NoError(t, err)
	require.Len(t, page.Records, 2)
	require.EqualValues(t, 3, page.Pagination.Total)
	rest, err := f.queries.RecordsByPatient(f.ctx, &types.QueryRecordsByPatientRequest{
		Patient: f.str("patient-1"), Pagination: &query.PageRequest{Key: page.Pagination.NextKey},
	})
	require.NoError(t, err)
	require.Len(t, rest.Records, 1)
	require.EqualValues(t, 2, page.Records[1].Version, "listings show the latest version")

	byB, err := f.queries.RecordsByCustodian(f.ctx, &types.QueryRecordsByCustodianRequest{Custodian: f.str("hospital-b")})
	require.NoError(t, err)
	require.Len(t, byB.Records, 1)
	require.Equal(t, "b-1", byB.Records[0].RecordId)

	byHash, err := f.queries.RecordsByHash(f.ctx, &types.QueryRecordsByHashRequest{
		Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: digest("a-1/v1"),
	})
	require.NoError(t, err)
	require.Len(t, byHash.Records, 2)
	old, err := f.queries.RecordsByHash(f.ctx, &types.QueryRecordsByHashRequest{
		Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: digest("a-2/v1"),
	})
	require.NoError(t, err)
	require.Len(t, old.Records, 1, "superseded versions stay findable by hash")
	require.EqualValues(t, 1, old.Records[0].Version)
	_, err = f.queries.RecordsByHash(f.ctx, &types.QueryRecordsByHashRequest{Digest: []byte{1}})
	require.Error(t, err)
	_, err = f.queries.RecordHistory(f.ctx, &types.QueryRecordHistoryRequest{RecordId: "nope"})
	require.ErrorContains(t, err, "not found")
}

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.anchor(t, f.anchorMsg("obs-1"))
	_, err := f.msgs.AmendRecord(f.ctx, f.amendMsg("dr-a", "obs-1", "v2"))
	require.NoError(t, err)
	_, err = f.msgs.AnchorBatch(f.ctx, f.batchMsg(digest("root"), 10))
	require.NoError(t, err)
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Len(t, gs.Versions, 2)
	require.Len(t, gs.Batches, 1)

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *gs))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)
	known, err := g.k.IsAllowedSigner(g.ctx, addr("patient-1"))
	require.NoError(t, err)
	require.True(t, known)
	res, err := g.msgs.AnchorBatch(g.ctx, g.batchMsg(digest("root2"), 1))
	require.NoError(t, err)
	require.EqualValues(t, 2, res.BatchId, "batch ids continue after genesis")

	bad := *gs
	bad.Versions = bad.Versions[1:]
	require.ErrorIs(t, bad.Validate(g.ac), types.ErrInvalidGenesis, "a history must start at version 1")
}
