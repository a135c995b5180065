package types

import (
	"net/url"
	"strings"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/x/records/merkle"
)

// Bounds on record fields.
const (
	MaxRecordIDLength = 64 // as a FHIR resource id
	MaxURILength      = 512
	MaxReasonLength   = 256
	MaxVersions       = 10_000
	MaxBatchLeaves    = 100_000_000
)

// URISchemes are the off-chain locations a record may point to.
var URISchemes = map[string]bool{"https": true, "s3": true, "gs": true, "ipfs": true, "ar": true, "urn": true}

// DigestSize is the digest length of each supported algorithm.
var DigestSize = map[HashAlgorithm]int{
	HashAlgorithm_HASH_ALGORITHM_SHA2_256: 32,
	HashAlgorithm_HASH_ALGORITHM_SHA2_512: 64,
	HashAlgorithm_HASH_ALGORITHM_SHA3_256: 32,
}

// ValidateRecordID checks id is 1..64 characters of [A-Za-z0-9.-], a FHIR id.
func ValidateRecordID(id string) error {
	if id == "" || len(id) > MaxRecordIDLength {
		return errorsmod.Wrapf(ErrInvalidRecordID, "%q must be 1..%d characters", id, MaxRecordIDLength)
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return errorsmod.Wrapf(ErrInvalidRecordID, "%q may use only letters, digits, '-' and '.'", id)
		}
	}
	return nil
}

// Validate checks the algorithm is supported and the digest has its length.
func (h *ContentHash) Validate() error {
	if h == nil {
		return errorsmod.Wrap(ErrInvalidHash, "content hash is required")
	}
	size, ok := DigestSize[h.Algorithm]
	if !ok {
		return errorsmod.Wrapf(ErrInvalidHash, "algorithm %s is not one of sha2-256, sha2-512, sha3-256", h.Algorithm)
	}
	if len(h.Digest) != size {
		return errorsmod.Wrapf(ErrInvalidHash, "%s digest must be %d bytes, got %d", h.Algorithm, size, len(h.Digest))
	}
	return nil
}

// Key is the index key of a hash: algorithm byte then digest.
func (h ContentHash) Key() []byte {
	return append([]byte{byte(h.Algorithm)}, h.Digest...)
}

// ValidateURI checks the URI is bounded, printable and of an allowed scheme.
func ValidateURI(uri string) error {
	if uri == "" || len(uri) > MaxURILength {
		return errorsmod.Wrapf(ErrInvalidURI, "must be 1..%d bytes", MaxURILength)
	}
	for _, c := range uri {
		if c <= ' ' || c == 0x7f {
			return errorsmod.Wrap(ErrInvalidURI, "must not contain spaces or control characters")
		}
	}
	u, err := url.Parse(uri)
	if err != nil {
		return errorsmod.Wrap(ErrInvalidURI, err.Error())
	}
	if !URISchemes[strings.ToLower(u.Scheme)] {
		return errorsmod.Wrapf(ErrInvalidURI, "scheme %q is not one of https, s3, gs, ipfs, ar, urn", u.Scheme)
	}
	if u.User != nil {
		return errorsmod.Wrap(ErrInvalidURI, "must not carry credentials")
	}
	return nil
}

// ValidateCategory checks c is a known category.
func ValidateCategory(c Category) error {
	if !enums.Known(Category_name, c) {
		return errorsmod.Wrapf(ErrInvalidCategory, "unknown category %d", c)
	}
	return nil
}

// ValidateReason checks an amendment reason: required, bounded, printable.
func ValidateReason(reason string) error {
	if strings.TrimSpace(reason) == "" || len(reason) > MaxReasonLength || !utf8.ValidString(reason) {
		return errorsmod.Wrapf(ErrInvalidReason, "a reason of 1..%d bytes of UTF-8 is required", MaxReasonLength)
	}
	for _, c := range reason {
		if c < ' ' && c != '\n' || c == 0x7f {
			return errorsmod.Wrap(ErrInvalidReason, "must not contain control characters")
		}
	}
	return nil
}

// ValidateBatch checks a batch's root, size, algorithm and manifest URI.
func ValidateBatch(root []byte, leafCount uint64, algo HashAlgorithm, manifestURI string) error {
	if algo != HashAlgorithm_HASH_ALGORITHM_SHA2_256 {
		return errorsmod.Wrap(ErrInvalidBatch, "batches use the RFC 6962 tree over sha2-256")
	}
	if len(root) != merkle.HashSize {
		return errorsmod.Wrapf(ErrInvalidBatch, "root must be %d bytes, got %d", merkle.HashSize, len(root))
	}
	if leafCount == 0 || leafCount > MaxBatchLeaves {
		return errorsmod.Wrapf(ErrInvalidBatch, "leaf_count must be 1..%d", MaxBatchLeaves)
	}
	return ValidateURI(manifestURI)
}

// MaxProofLength bounds an inclusion proof: a tree of MaxBatchLeaves has
// fewer than 64 levels.
const MaxProofLength = 64

// ValidateInclusionQuery checks an inclusion question is well formed: a
// batch id, a 32-byte leaf and a proof of 32-byte hashes.
func ValidateInclusionQuery(batchID uint64, leaf []byte, proof [][]byte) error {
	if batchID == 0 {
		return errorsmod.Wrap(ErrInvalidBatch, "batch ids start at 1")
	}
	if len(leaf) != merkle.HashSize {
		return errorsmod.Wrapf(ErrInvalidBatch, "leaf must be %d bytes, got %d", merkle.HashSize, len(leaf))
	}
	if len(proof) > MaxProofLength {
		return errorsmod.Wrapf(ErrInvalidBatch, "a proof has at most %d hashes, got %d", MaxProofLength, len(proof))
	}
	for i, h := range proof {
		if len(h) != merkle.HashSize {
			return errorsmod.Wrapf(ErrInvalidBatch, "proof hash %d must be %d bytes, got %d", i, merkle.HashSize, len(h))
		}
	}
	return nil
}
