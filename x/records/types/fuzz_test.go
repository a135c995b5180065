package types_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/types"
)

func addr(name string) string { return sdk.AccAddress(testutil.Addr(name)).String() }

func sha256Hash() *types.ContentHash {
	return &types.ContentHash{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
}

// Arbitrary bytes decoded as any records message never panic its checks, and
// whatever passes them keeps the module's bounds.
//
//	go test -fuzz FuzzMsgValidation -fuzztime 10m ./x/records/types
func FuzzMsgValidation(f *testing.F) {
	seeds := []testutil.ValidatedMsg{
		&types.MsgAnchorRecord{Signer: addr("a"), RecordId: testutil.RecordID("lab-1"), Patient: addr("p"), Category: types.Category_CATEGORY_LAB,
			ContentHash: sha256Hash(), Uri: "https://fhir.example/Zx81"},
		&types.MsgAnchorRecord{Signer: addr("a"), RecordId: "0f8fad5b-d9cb-469f-a165-70867728950e", Patient: addr("p"),
			Category: types.Category_CATEGORY_RESTRICTED, CategoryCommitment: make([]byte, 32), ContentHash: sha256Hash(),
			Uri: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"},
		&types.MsgAmendRecord{Signer: addr("a"), RecordId: testutil.RecordID("lab-1"), ContentHash: sha256Hash(),
			Uri: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", Reason: types.AmendReason_AMEND_REASON_CORRECTION, NoteHash: make([]byte, 32)},
		&types.MsgAnchorBatch{Signer: addr("a"), Root: make([]byte, 32), LeafCount: 3,
			Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: "https://x.example/m"},
	}
	testutil.FuzzValidateBasic(f, seeds, func(m testutil.ValidatedMsg) error {
		var id, uri string
		var hash *types.ContentHash
		switch m := m.(type) {
		case *types.MsgAnchorRecord:
			id, uri, hash = m.RecordId, m.Uri, m.ContentHash
			if _, ok := types.Category_name[int32(m.Category)]; !ok || m.Category == 0 || m.Category.IsSensitive() {
				return fmt.Errorf("category %d", m.Category)
			}
			if (m.Category == types.Category_CATEGORY_RESTRICTED) != (len(m.CategoryCommitment) == 32) {
				return fmt.Errorf("commitment of %d bytes on %s", len(m.CategoryCommitment), m.Category)
			}
		case *types.MsgAmendRecord:
			id, uri, hash = m.RecordId, m.Uri, m.ContentHash
			if m.Reason == 0 || len(m.NoteHash) != types.NoteHashSize {
				return fmt.Errorf("reason %d, note hash of %d bytes", m.Reason, len(m.NoteHash))
			}
		case *types.MsgAnchorBatch:
			if len(m.Root) != 32 || m.LeafCount == 0 || m.LeafCount > types.MaxBatchLeaves {
				return fmt.Errorf("root of %d bytes, %d leaves", len(m.Root), m.LeafCount)
			}
			return uriBound(m.ManifestUri)
		}
		if !opaqueID.MatchString(id) {
			return fmt.Errorf("readable record id %q", id)
		}
		if hash == nil || len(hash.Digest) != types.DigestSize[hash.Algorithm] {
			return fmt.Errorf("digest %v", hash)
		}
		return uriBound(uri)
	})
}

// opaqueID is what a record id may be: 32 to 64 lower-case hex digits or a lower-case UUID.
var opaqueID = regexp.MustCompile(`^([0-9a-f]{32,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`)

func uriBound(uri string) error {
	u, err := url.Parse(uri)
	if err != nil || len(uri) > types.MaxURILength || strings.ContainsAny(uri, "?#@ ") ||
		!(u.Scheme == "https" || strings.HasPrefix(uri, "urn:uuid:")) {
		return fmt.Errorf("uri %q", uri)
	}
	return nil
}
