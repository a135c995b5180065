package types_test

import (
	"crypto/sha256"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/types"
)

const uuid = "0f8fad5b-d9cb-469f-a165-70867728950e"

// requireCode asserts err is want (nil want: no error).
func requireCode(t *testing.T, err error, want *errorsmod.Error, msgAndArgs ...any) {
	t.Helper()
	if want == nil {
		require.NoError(t, err, msgAndArgs...)
	} else {
		testutil.RequireCode(t, err, want, msgAndArgs...)
	}
}

func TestRecordIDForms(t *testing.T) {
	hex64 := strings.Repeat("0123456789abcdef", 4)
	for _, id := range []string{uuid, hex64[:32], hex64[:48], hex64, strings.ReplaceAll(uuid, "-", "")} {
		require.NoError(t, types.ValidateRecordID(id), id)
	}
	for _, id := range []string{"urn:uuid:" + uuid, "{" + uuid + "}", uuid[:35], strings.Replace(uuid, "-", "", 1),
		hex64[:32] + "\n", " " + hex64[:32], strings.Repeat("g", 32), "Observation/123"} {
		testutil.RequireCode(t, types.ValidateRecordID(id), types.ErrInvalidRecordID, id)
	}
}

func TestURIForms(t *testing.T) {
	seg, label := strings.Repeat("a", 128), strings.Repeat("h", 63)
	// A long port pads a URI to an exact length: no other part of a valid URI gets past 512 bytes.
	padded := func(n int) string {
		const head = "https://x.example/"
		return head + strings.Repeat("a", n-len(head))
	}
	longestHost := strings.Repeat(strings.Repeat("h", 63)+".", 3) + strings.Repeat("h", 61) // 253 bytes
	cases := []struct {
		uri string
		err *errorsmod.Error
	}{
		{"https://localhost/Zx9_-a", nil},
		{"https://[2001:db8::1]/abc", nil},
		{"https://fhir.example/" + seg, nil},
		{"https://" + label + ".example/abc", nil},
		{"https://" + longestHost + ":65535/" + seg, nil},
		{padded(types.MaxURILength + 1), types.ErrInvalidURI},
		{"https://fhir.example/" + seg + "a", types.ErrInvalidURI},
		{"https://" + label + "h.example/abc", types.ErrInvalidURI},
		{"https://fhir.example", types.ErrInvalidURI},
		{"https://fhir.example//abc", types.ErrInvalidURI},
		{"https://fhir.example/%41", types.ErrInvalidURI},
		{"https://@fhir.example/abc", types.ErrInvalidURI},
		{"https://FHIR.example/abc", types.ErrInvalidURI},
		{"https://fhir_x.example/abc", types.ErrInvalidURI},
		{"https:abc", types.ErrInvalidURI},
		{"data:text/plain,HIV-positive", types.ErrInvalidURI},
		{"urn:uuid:" + strings.ToUpper(uuid), types.ErrInvalidURI},
		{"urn:uuid:" + uuid + "/x", types.ErrInvalidURI},
		{"URN:UUID:" + uuid, types.ErrInvalidURI},
	}
	for _, tc := range cases {
		requireCode(t, types.ValidateURI(tc.uri), tc.err, tc.uri)
	}
	require.ErrorContains(t, types.ValidateURI(padded(types.MaxURILength+1)), "1..512 bytes")
}

func TestContentHashLengths(t *testing.T) {
	for algo, size := range map[types.HashAlgorithm]int{
		types.HashAlgorithm_HASH_ALGORITHM_SHA2_256: 32,
		types.HashAlgorithm_HASH_ALGORITHM_SHA2_512: 64,
		types.HashAlgorithm_HASH_ALGORITHM_SHA3_256: 32,
	} {
		for _, n := range []int{0, size - 1, size + 1} {
			h := types.ContentHash{Algorithm: algo, Digest: make([]byte, n)}
			testutil.RequireCode(t, h.Validate(), types.ErrInvalidHash, "%s with %d bytes", algo, n)
		}
		h := types.ContentHash{Algorithm: algo, Digest: make([]byte, size)}
		require.NoError(t, h.Validate(), algo)
	}
	unspecified := types.ContentHash{Digest: make([]byte, 32)}
	testutil.RequireCode(t, unspecified.Validate(), types.ErrInvalidHash)
}

// The categories a record may carry on chain are exactly the README's:
// every other known one is sensitive, refused with code 19.
func TestCategoriesOnChain(t *testing.T) {
	onChain := strings.Fields("lab imaging medication allergy condition procedure immunization vital-signs clinical-note encounter restricted")
	sensitive := strings.Fields("mental-health genomic reproductive substance-use sexual-health")
	for v := range types.Category_name {
		c := types.Category(v)
		switch err := types.ValidateCategory(c); {
		case c == 0:
			testutil.RequireCode(t, err, types.ErrInvalidCategory)
		case c.IsSensitive():
			require.Contains(t, sensitive, c.Code())
			testutil.RequireCode(t, err, types.ErrSensitiveCategory, c.Code())
		default:
			require.Contains(t, onChain, c.Code())
			require.NoError(t, err, c.Code())
		}
	}
	require.Len(t, types.Category_name, 1+len(onChain)+len(sensitive))
}

func TestCategoryCommitments(t *testing.T) {
	testutil.RequireCode(t, types.ValidateCategoryCommitment(types.Category_CATEGORY_RESTRICTED, make([]byte, 33)), types.ErrInvalidCategory)
	testutil.RequireCode(t, types.ValidateCategoryCommitment(types.Category_CATEGORY_LAB, []byte{1}), types.ErrInvalidCategory)
	salt := testutil.Salt("note")
	want := sha256.Sum256([]byte("medchain/category/v1" + string(salt) + "genomic"))
	require.Equal(t, want[:], types.CategoryCommitment(salt, types.Category_CATEGORY_GENOMIC))
}

func TestAmendmentReasonsAndNoteHashes(t *testing.T) {
	for v := range types.AmendReason_name {
		var want *errorsmod.Error
		if v == 0 {
			want = types.ErrInvalidReason
		}
		requireCode(t, types.ValidateAmendment(types.AmendReason(v), make([]byte, 32)), want, v)
	}
	for _, n := range []int{31, 33} {
		testutil.RequireCode(t, types.ValidateAmendment(types.AmendReason_AMEND_REASON_UPDATE, make([]byte, n)), types.ErrInvalidReason, n)
	}
}

func TestBatchBounds(t *testing.T) {
	sha2 := types.HashAlgorithm_HASH_ALGORITHM_SHA2_256
	for _, tc := range []struct {
		root   int
		leaves uint64
		algo   types.HashAlgorithm
		uri    string
		err    *errorsmod.Error
	}{
		{32, 1, sha2, "urn:uuid:" + uuid, nil},
		{32, types.MaxBatchLeaves, sha2, "https://b.example/m", nil},
		{33, 4, sha2, "https://b.example/m", types.ErrInvalidBatch},
		{32, 4, 0, "https://b.example/m", types.ErrInvalidBatch},
		{32, 4, sha2, "https://b.example/m?day=1", types.ErrInvalidURI},
	} {
		requireCode(t, types.ValidateBatch(make([]byte, tc.root), tc.leaves, tc.algo, tc.uri), tc.err, "%d-byte root, %d leaves, %s", tc.root, tc.leaves, tc.algo)
	}
}

// A genesis may hold a record of MaxVersions versions, not one more: the
// bound amending keeps. Versions of several records may interleave, and
// one id under two custodians is two records.
func TestGenesisVersions(t *testing.T) {
	ac := addresscodec.NewBech32Codec(modulekit.Bech32Prefix)
	version := func(custodian, name string, n uint32) types.RecordVersion {
		v := types.RecordVersion{
			RecordId: testutil.RecordID(name), Version: n, Patient: addr("patient"), Custodian: addr(custodian),
			Category: types.Category_CATEGORY_LAB, ContentHash: testutil.Hash(name), Uri: "urn:uuid:" + uuid, AnchoredBy: addr(custodian),
		}
		if n > 1 {
			v.AmendReason, v.NoteHash = types.AmendReason_AMEND_REASON_UPDATE, testutil.NoteHash(name)
		}
		return v
	}
	long := make([]types.RecordVersion, 0, types.MaxVersions+1)
	for n := uint32(1); n <= types.MaxVersions+1; n++ {
		long = append(long, version("h", "long", n))
	}
	require.NoError(t, types.GenesisState{Versions: long[:types.MaxVersions]}.Validate(ac))
	require.ErrorIs(t, types.GenesisState{Versions: long}.Validate(ac), types.ErrTooManyVersions)

	ok := []types.RecordVersion{version("h", "a", 1), version("h", "b", 1), version("k", "a", 1), version("h", "a", 2), version("k", "a", 2)}
	require.NoError(t, types.GenesisState{Versions: ok}.Validate(ac))
	bad := []types.RecordVersion{version("h", "a", 1), version("k", "a", 2)}
	require.ErrorIs(t, types.GenesisState{Versions: bad}.Validate(ac), types.ErrInvalidGenesis, "another custodian's version 2 continues nothing")
}

// A URI's scheme is lower-case https and its port, if any, a real one.
func TestURISchemeAndPort(t *testing.T) {
	for _, ok := range []string{"https://fhir.example:8443/abc", "https://10.0.0.1:443/abc", "https://fhir.example/abc"} {
		require.NoError(t, types.ValidateURI(ok), ok)
	}
	for _, bad := range []string{
		"HTTPS://fhir.example/abc", "Https://fhir.example/abc", "https://fhir.example:99999/abc", "https://fhir.example:0/abc",
		"https://fhir.example:/abc", "https://fhir.example:00443/abc",
	} {
		testutil.RequireCode(t, types.ValidateURI(bad), types.ErrInvalidURI, bad)
	}
}
