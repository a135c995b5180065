package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/types"
)

// The evidence kinds name the very keys the keeper writes: a proof of the
// key is a proof of the version (or of the newest version number).
func TestEvidenceKindsNameTheKeeperKeys(t *testing.T) {
	f := amended(t, "lab-1")
	custodian, id := f.Str("hospital-a"), testutil.RecordID("lab-1")

	for v := uint32(1); v <= 2; v++ {
		want, err := f.version("hospital-a", "lab-1", v)
		require.NoError(t, err)
		raw := f.RequireEvidence(types.VersionEvidence, types.VersionName(custodian, id, v), &want)
		require.NoError(t, types.VersionEvidence.Match(map[string]string{"custodian": custodian, "record_id": id}, raw))
		require.ErrorContains(t, types.VersionEvidence.Match(map[string]string{"custodian": f.Str("hospital-b")}, raw), "custodian")
		require.ErrorContains(t, types.VersionEvidence.Match(map[string]string{"record_id": testutil.RecordID("lab-2")}, raw), "record")
	}
	raw := f.RequireEvidence(types.LatestEvidence, custodian+"/"+id, nil)
	decoded, err := types.LatestEvidence.Decode(raw)
	require.NoError(t, err)
	require.JSONEq(t, `{"latest_version":2}`, string(decoded))

	// Another custodian's record of the same id is another key.
	other, err := types.VersionEvidence.Key(types.VersionName(f.Str("hospital-b"), id, 1))
	require.NoError(t, err)
	require.Nil(t, f.Ctx.KVStore(f.Keys[types.StoreKey]).Get(other))
}

func TestEvidenceNamesAreStrict(t *testing.T) {
	f := newFixture(t)
	custodian, id := f.Str("hospital-a"), testutil.RecordID("lab-1")
	for _, bad := range []string{
		"", custodian, custodian + "/" + id, custodian + "/" + id + "/1", custodian + "/" + id + "/v0",
		custodian + "/" + id + "/v01", custodian + "/" + id + "/v4294967296", "med1xyz/" + id + "/v1",
		custodian + "/NOT-AN-ID/v1", custodian + "/" + id + "/v1/v2",
	} {
		_, err := types.VersionEvidence.Key(bad)
		require.Error(t, err, bad)
	}
	for _, bad := range []string{"", custodian, "med1xyz/" + id, custodian + "/" + id + "/x"} {
		_, err := types.LatestEvidence.Key(bad)
		require.Error(t, err, bad)
	}
	_, err := types.VersionEvidence.Decode([]byte{0xff, 0xff})
	require.Error(t, err)
	_, err = types.LatestEvidence.Decode([]byte{1})
	require.Error(t, err)
}

// A history bundle (subject: one record) holds its proven newest version
// number and every version up to it; leaving one out is refused.
func TestEvidenceHistoryIsWhole(t *testing.T) {
	f := amended(t, "lab-1")
	custodian, id := f.Str("hospital-a"), testutil.RecordID("lab-1")
	item := func(kind lightproof.Kind, name string) lightproof.Item {
		return lightproof.Item{Kind: kind.Name, ID: name, Value: f.RequireEvidence(kind, name, nil)}
	}
	latest := item(types.LatestEvidence, custodian+"/"+id)
	v1, v2 := item(types.VersionEvidence, types.VersionName(custodian, id, 1)), item(types.VersionEvidence, types.VersionName(custodian, id, 2))
	subject := map[string]string{"custodian": custodian, "record_id": id}
	whole := types.LatestEvidence.Whole

	require.NoError(t, whole(subject, []lightproof.Item{latest, v1, v2}))
	require.ErrorContains(t, whole(subject, []lightproof.Item{latest, v2}), "has 2 versions: version 1 is missing")
	require.ErrorContains(t, whole(subject, []lightproof.Item{v1, v2}), "holds its newest version number once, not 0 times")
	require.ErrorContains(t, whole(subject, []lightproof.Item{latest, latest, v1, v2}), "not 2 times")
	require.NoError(t, whole(nil, []lightproof.Item{latest, v2}), "one proven version, not a history")
}
