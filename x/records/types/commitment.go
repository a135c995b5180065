package types

import (
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"hash"
	"io"

	errorsmod "cosmossdk.io/errors"
)

// SaltSize is the length of the random salt kept next to each record: at
// least 32 bytes, so a short record cannot be guessed from its hash, and
// destroying the salt unlinks the anchor from the content for good.
const SaltSize = 32

// categoryDomain separates category commitments from content hashes.
const categoryDomain = "medchain/category/v1"

// NewHasher returns a hash of algorithm algo.
func NewHasher(algo HashAlgorithm) (hash.Hash, error) {
	switch algo {
	case HashAlgorithm_HASH_ALGORITHM_SHA2_256:
		return sha256.New(), nil
	case HashAlgorithm_HASH_ALGORITHM_SHA2_512:
		return sha512.New(), nil
	case HashAlgorithm_HASH_ALGORITHM_SHA3_256:
		return sha3.New256(), nil
	}
	return nil, errorsmod.Wrapf(ErrInvalidHash, "unsupported algorithm %s", algo)
}

// Commit computes the salted commitment H(salt || content), streaming
// content. The salt must be at least SaltSize bytes.
func Commit(algo HashAlgorithm, salt []byte, content io.Reader) (ContentHash, error) {
	if len(salt) < SaltSize {
		return ContentHash{}, errorsmod.Wrapf(ErrInvalidHash, "a salt of at least %d random bytes is required, got %d", SaltSize, len(salt))
	}
	h, err := NewHasher(algo)
	if err != nil {
		return ContentHash{}, err
	}
	h.Write(salt)
	if _, err := io.Copy(h, content); err != nil {
		return ContentHash{}, err
	}
	return ContentHash{Algorithm: algo, Digest: h.Sum(nil)}, nil
}

// CategoryCommitment is the on-chain stand-in for a restricted record's real
// category: sha-256(domain || salt || category code), with the record's own
// salt, so whoever holds the salt can prove the category and destroying the
// salt unlinks it too.
func CategoryCommitment(salt []byte, c Category) []byte {
	h := sha256.New()
	h.Write([]byte(categoryDomain))
	h.Write(salt)
	h.Write([]byte(c.Code()))
	return h.Sum(nil)
}
