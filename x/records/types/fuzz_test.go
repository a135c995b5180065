package types_test

import (
	"fmt"
	"net/url"
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
		&types.MsgAnchorRecord{Signer: addr("a"), RecordId: "lab-1", Patient: addr("p"), Category: types.Category_CATEGORY_LAB,
			ContentHash: sha256Hash(), Uri: "https://fhir.example/Observation/1"},
		&types.MsgAmendRecord{Signer: addr("a"), RecordId: "lab-1", ContentHash: sha256Hash(), Uri: "urn:uuid:1", Reason: "corrected"},
		&types.MsgAnchorBatch{Signer: addr("a"), Root: make([]byte, 32), LeafCount: 3,
			Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: "https://x.example/m"},
	}
	testutil.FuzzValidateBasic(f, seeds, func(m testutil.ValidatedMsg) error {
		var id, uri string
		var hash *types.ContentHash
		switch m := m.(type) {
		case *types.MsgAnchorRecord:
			id, uri, hash = m.RecordId, m.Uri, m.ContentHash
			if _, ok := types.Category_name[int32(m.Category)]; !ok || m.Category == 0 {
				return fmt.Errorf("category %d", m.Category)
			}
		case *types.MsgAmendRecord:
			id, uri, hash = m.RecordId, m.Uri, m.ContentHash
			if len(m.Reason) == 0 || len(m.Reason) > types.MaxReasonLength {
				return fmt.Errorf("reason of %d bytes", len(m.Reason))
			}
		case *types.MsgAnchorBatch:
			if len(m.Root) != 32 || m.LeafCount == 0 || m.LeafCount > types.MaxBatchLeaves {
				return fmt.Errorf("root of %d bytes, %d leaves", len(m.Root), m.LeafCount)
			}
			return uriBound(m.ManifestUri)
		}
		if len(id) == 0 || len(id) > types.MaxRecordIDLength {
			return fmt.Errorf("record id of %d bytes", len(id))
		}
		if hash == nil || len(hash.Digest) != types.DigestSize[hash.Algorithm] {
			return fmt.Errorf("digest %v", hash)
		}
		return uriBound(uri)
	})
}

func uriBound(uri string) error {
	u, err := url.Parse(uri)
	if err != nil || len(uri) > types.MaxURILength || !types.URISchemes[u.Scheme] {
		return fmt.Errorf("uri %q", uri)
	}
	return nil
}
