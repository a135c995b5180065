package keeper_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/types"
)

// Every rule of a new record, checked both before the mempool (ValidateBasic)
// and by the keeper, with the module's own error code; a refused anchor
// stores nothing.
func TestAnchorValidation(t *testing.T) {
	f := anchored(t, "gw-a", "obs-1")
	type anchorCase struct {
		name      string
		mutate    func(m *types.MsgAnchorRecord)
		err       *errorsmod.Error
		stateless bool
	}
	cases := []anchorCase{
		{"no content hash", func(m *types.MsgAnchorRecord) { m.ContentHash = nil }, types.ErrInvalidHash, true},
		{"unknown algorithm", func(m *types.MsgAnchorRecord) { m.ContentHash.Algorithm = 9 }, types.ErrInvalidHash, true},
		{"digest too short for sha2-256", func(m *types.MsgAnchorRecord) { m.ContentHash.Digest = m.ContentHash.Digest[:31] }, types.ErrInvalidHash, true},
		{"sha2-512 needs 64 bytes", func(m *types.MsgAnchorRecord) {
			m.ContentHash.Algorithm = types.HashAlgorithm_HASH_ALGORITHM_SHA2_512
		}, types.ErrInvalidHash, true},
		{"unspecified category", func(m *types.MsgAnchorRecord) { m.Category = 0 }, types.ErrInvalidCategory, true},
		{"unknown category", func(m *types.MsgAnchorRecord) { m.Category = 9999 }, types.ErrInvalidCategory, true},
		{"mental health on chain", func(m *types.MsgAnchorRecord) { m.Category = mentalHealth }, types.ErrSensitiveCategory, true},
		{"substance use on chain", func(m *types.MsgAnchorRecord) { m.Category = types.Category_CATEGORY_SUBSTANCE_USE }, types.ErrSensitiveCategory, true},
		{"sexual health on chain", func(m *types.MsgAnchorRecord) { m.Category = types.Category_CATEGORY_SEXUAL_HEALTH }, types.ErrSensitiveCategory, true},
		{"restricted without commitment", func(m *types.MsgAnchorRecord) { m.Category = restricted }, types.ErrInvalidCategory, true},
		{"restricted with a short commitment", func(m *types.MsgAnchorRecord) {
			m.Category, m.CategoryCommitment = restricted, make([]byte, 31)
		}, types.ErrInvalidCategory, true},
		{"a commitment on a lab record", func(m *types.MsgAnchorRecord) { m.CategoryCommitment = make([]byte, 32) }, types.ErrInvalidCategory, true},
		{"bad patient address", func(m *types.MsgAnchorRecord) { m.Patient = "med1nope" }, types.ErrInvalidAddress, true},
		{"bad signer address", func(m *types.MsgAnchorRecord) { m.Signer = "x" }, types.ErrInvalidAddress, true},
		{"id already anchored by this custodian", func(m *types.MsgAnchorRecord) { m.RecordId = testutil.RecordID("obs-1") }, types.ErrDuplicateRecord, false},
	}
	for name, id := range map[string]string{
		"empty record id":                "",
		"a FHIR id":                      "lab-42",
		"a person's name and birth date": "Jane.Doe.1980-02-03",
		"upper-case hex":                 strings.ToUpper(testutil.RecordID("x")),
		"31 hex digits":                  testutil.RecordID("x")[:31],
		"65 hex digits":                  strings.Repeat("a", 65),
		"upper-case UUID":                "0F8FAD5B-D9CB-469F-A165-70867728950E",
	} {
		cases = append(cases, anchorCase{name, func(m *types.MsgAnchorRecord) { m.RecordId = id }, types.ErrInvalidRecordID, true})
	}
	for name, uri := range map[string]string{
		"http":                         "http://fhir.example/abc",
		"ipfs":                         "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
		"ar":                           "ar://8Ph9cOVLLGXb0k6uVnsAVaDVCqDYnxdJpJbyB0TQjgU",
		"s3":                           "s3://bucket/abc",
		"a urn that names the patient": "urn:pt:jane-doe-1980-02-03:hiv",
		"urn:uuid with no uuid":        "urn:uuid:jane",
		"a query":                      "https://fhir.example/abc?patient=jane",
		"an empty query":               "https://fhir.example/abc?",
		"a fragment":                   "https://fhir.example/abc#hiv",
		"a readable path":              "https://fhir.example/Patient/jane.doe",
		"no path":                      "https://fhir.example/",
		"credentials":                  "https://user:pw@fhir.example/abc",
		"a space":                      "https://fhir.example/a b",
		"a bad host":                   "https://-bad-.example/abc",
		"URI too long":                 "https://x.example/" + strings.Repeat("a", 500),
		"empty URI":                    "",
	} {
		cases = append(cases, anchorCase{name, func(m *types.MsgAnchorRecord) { m.Uri = uri }, types.ErrInvalidURI, true})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := f.anchorMsg("gw-a", "obs-new")
			tc.mutate(msg)
			if tc.stateless {
				testutil.RequireCode(t, msg.ValidateBasic(), tc.err, "refused before the mempool")
			} else {
				require.NoError(t, msg.ValidateBasic())
			}
			_, err := f.Msgs.AnchorRecord(f.Ctx, msg)
			testutil.RequireCode(t, err, tc.err)
			_, err = f.version("hospital-a", "obs-new", 0)
			testutil.RequireCode(t, err, types.ErrRecordNotFound, "a refused anchor changes nothing")
		})
	}
	// Each supported algorithm with its own digest length, and both id and
	// URI forms, are accepted.
	for i, h := range []*types.ContentHash{
		{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_512, Digest: make([]byte, 64)},
		{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA3_256, Digest: make([]byte, 32)},
	} {
		msg := f.anchorMsg("gw-a", "algo-"+string(rune('a'+i)))
		msg.ContentHash = h
		require.NoError(t, msg.ValidateBasic())
		f.anchor(t, msg)
	}
	msg := f.anchorMsg("gw-a", "uuid")
	msg.RecordId, msg.Uri = "0f8fad5b-d9cb-469f-a165-70867728950e", "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"
	f.anchor(t, msg)
	msg = f.anchorMsg("gw-a", "ip-host")
	msg.Uri = "https://10.0.0.7:8443/Zx9_-a"
	f.anchor(t, msg)
}
