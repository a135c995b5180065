package types

import (
	"crypto/sha256"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/records/merkle"
)

// Bounds on record fields.
const (
	MaxRecordIDLength = 64
	MaxURILength      = 512
	MaxVersions       = 10_000
	MaxBatchLeaves    = 100_000_000
	// NoteHashSize is the size of a note hash: the sha-256 of a note kept off chain.
	NoteHashSize = modulekit.NoteHashSize
)

var (
	// uuidRe is a canonical lower-case UUID.
	uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	// hexIDRe is 32 to 64 lower-case hex digits (a keyed hash of a local id).
	hexIDRe = regexp.MustCompile(`^[0-9a-f]{32,64}$`)
	// opaqueRe is an opaque path segment: letters, digits, '-' and '_'.
	opaqueRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	// hostRe is a DNS host name.
	hostRe = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
)

// SensitiveCategories are anchored as CATEGORY_RESTRICTED: their real
// category never appears on chain.
var SensitiveCategories = []Category{
	Category_CATEGORY_MENTAL_HEALTH, Category_CATEGORY_GENOMIC, Category_CATEGORY_REPRODUCTIVE,
	Category_CATEGORY_SUBSTANCE_USE, Category_CATEGORY_SEXUAL_HEALTH,
}

// IsSensitive reports whether c is one of SensitiveCategories.
func (c Category) IsSensitive() bool {
	for _, s := range SensitiveCategories {
		if c == s {
			return true
		}
	}
	return false
}

// DigestSize is the digest length of each supported algorithm.
var DigestSize = map[HashAlgorithm]int{
	HashAlgorithm_HASH_ALGORITHM_SHA2_256: 32,
	HashAlgorithm_HASH_ALGORITHM_SHA2_512: 64,
	HashAlgorithm_HASH_ALGORITHM_SHA3_256: 32,
}

// ValidateRecordID checks id is opaque: a canonical lower-case UUID, or 32
// to 64 lower-case hex digits. A FHIR id or anything a person could read
// (a name, a birth date) is refused; `medchaind records id` derives an
// opaque id from a local one with a key the custodian keeps.
func ValidateRecordID(id string) error {
	if len(id) > MaxRecordIDLength || !(uuidRe.MatchString(id) || hexIDRe.MatchString(id)) {
		return errorsmod.Wrapf(ErrInvalidRecordID, "%q must be a lower-case UUID or 32..64 lower-case hex digits", id)
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

// ValidateURI checks the record's off-chain location: https://host/<opaque
// id> (one path segment, no user, query or fragment) or urn:uuid:<uuid>.
// Nothing in it may describe the patient or the record.
func ValidateURI(uri string) error {
	if uri == "" || len(uri) > MaxURILength {
		return errorsmod.Wrapf(ErrInvalidURI, "must be 1..%d bytes", MaxURILength)
	}
	if rest, ok := strings.CutPrefix(uri, "urn:uuid:"); ok {
		if !uuidRe.MatchString(rest) {
			return errorsmod.Wrap(ErrInvalidURI, "urn:uuid: must be followed by a lower-case UUID")
		}
		return nil
	}
	u, err := url.Parse(uri)
	if err != nil {
		return errorsmod.Wrap(ErrInvalidURI, err.Error())
	}
	switch {
	case !strings.HasPrefix(uri, "https://") || u.Opaque != "":
		return errorsmod.Wrapf(ErrInvalidURI, "%q: use https://host/<opaque id> or urn:uuid:<uuid>", uri)
	case u.User != nil:
		return errorsmod.Wrap(ErrInvalidURI, "must not carry credentials")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(uri, "?#"):
		return errorsmod.Wrap(ErrInvalidURI, "must not carry a query or a fragment")
	case !validHost(u.Hostname()):
		return errorsmod.Wrapf(ErrInvalidURI, "host %q is not a DNS name or an IP address", u.Hostname())
	case !validPort(u.Port(), strings.HasSuffix(u.Host, ":")):
		return errorsmod.Wrapf(ErrInvalidURI, "port %q must be 1..65535", u.Port())
	case !opaqueRe.MatchString(strings.TrimPrefix(u.EscapedPath(), "/")):
		return errorsmod.Wrap(ErrInvalidURI, "the path must be one opaque id of letters, digits, '-' and '_'")
	}
	return nil
}

// validPort: no port, or a port number 1..65535 without leading zeros.
func validPort(p string, emptyGiven bool) bool {
	if p == "" {
		return !emptyGiven
	}
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535 && strconv.Itoa(n) == p
}

func validHost(h string) bool {
	return len(h) <= 253 && (hostRe.MatchString(h) || net.ParseIP(h) != nil)
}

// ValidateCategory checks c is a category a record may carry on chain: a
// known, non-sensitive one or restricted. A sensitive category is refused:
// such a record is anchored as restricted.
func ValidateCategory(c Category) error {
	if !enums.Known(Category_name, c) {
		return errorsmod.Wrapf(ErrInvalidCategory, "unknown category %d", c)
	}
	if c.IsSensitive() {
		return errorsmod.Wrapf(ErrSensitiveCategory, "%s: anchor it as restricted with a category commitment", c.Code())
	}
	return nil
}

// ValidateCategoryCommitment checks a restricted record carries a 32-byte
// commitment to its real category and any other record none.
func ValidateCategoryCommitment(c Category, commitment []byte) error {
	if c == Category_CATEGORY_RESTRICTED {
		if len(commitment) != sha256.Size {
			return errorsmod.Wrapf(ErrInvalidCategory, "a restricted record carries a %d-byte category commitment, got %d", sha256.Size, len(commitment))
		}
		return nil
	}
	if len(commitment) != 0 {
		return errorsmod.Wrap(ErrInvalidCategory, "only a restricted record carries a category commitment")
	}
	return nil
}

// ValidateAmendment checks an amendment's reason code and note hash.
func ValidateAmendment(reason AmendReason, noteHash []byte) error {
	return modulekit.CheckJustification(ErrInvalidReason, "amendment", AmendReason_name, reason, noteHash)
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
	if err := modulekit.CheckID(ErrInvalidBatch, "batch", batchID); err != nil {
		return err
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

// Key is a record reference's text form, CUSTODIAN/RECORD_ID, as CLI flags
// and FHIR references write it.
func (r RecordRef) Key() string { return r.Custodian + "/" + r.RecordId }

// ParseRecordRef reads CUSTODIAN/RECORD_ID.
func ParseRecordRef(s string) (RecordRef, error) {
	custodian, id, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok || custodian == "" {
		return RecordRef{}, errorsmod.Wrapf(ErrInvalidRecordID, "%q: give a record as CUSTODIAN/RECORD_ID", s)
	}
	if err := ValidateRecordID(id); err != nil {
		return RecordRef{}, err
	}
	return RecordRef{Custodian: custodian, RecordId: id}, nil
}
