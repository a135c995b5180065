package types

import (
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"hash"
	"io"

	errorsmod "cosmossdk.io/errors"
)

// SaltSize is the length of the random salt kept next to each record.
const SaltSize = 32

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

// Commit computes the salted commitment H(salt || content), streaming content.
func Commit(algo HashAlgorithm, salt []byte, content io.Reader) (ContentHash, error) {
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
