// Package merkle is the batch-anchoring Merkle tree of RFC 6962 (Certificate
// Transparency) over SHA-256: leaves are hashed as H(0x00 || leaf) and inner
// nodes as H(0x01 || left || right), so a leaf can never pass for a node (no
// second-preimage trick). It is the same tree as CometBFT's crypto/merkle
// (the tests check roots and proofs agree on random inputs).
//
// Building trees and their proofs is this package's own, because it is
// clearly faster where batches are built — a hospital's day of records:
// measured side by side (BenchmarkVersusCometBFT, 2 cores), a root over
// 100,000 leaves is 1.7–1.9× and over 1,000,000 leaves 1.9–2.1× CometBFT's
// speed (the same up to 10,000 leaves), and a root with every proof
// 1.8–3.8× (1.3–1.6× from 1,000 leaves):
// it hashes leaves and the level above them in one pass, in parallel, and
// keeps the levels so proofs need no rehashing. Verifying one proof — what
// the chain and `records verify` do — is CometBFT's code (Verify).
package merkle

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sync"

	cmtmerkle "github.com/cometbft/cometbft/crypto/merkle"
)

// HashSize is the size of every hash in the tree.
const HashSize = sha256.Size

// MaxProofLength bounds an inclusion proof: enough for 2^64 leaves.
const MaxProofLength = 64

const (
	leafPrefix = 0x00
	nodePrefix = 0x01
)

// Errors returned by proof verification.
var (
	ErrIndexOutOfRange = errors.New("leaf index out of range")
	ErrProofLength     = errors.New("proof has the wrong number of hashes for this index and tree size")
	ErrHashSize        = errors.New("hash must be 32 bytes")
	ErrRootMismatch    = errors.New("proof does not lead to the root")
)

// LeafHash is H(0x00 || leaf).
func LeafHash(leaf []byte) [HashSize]byte {
	if len(leaf) <= 2*HashSize { // record hashes: no allocation
		var buf [1 + 2*HashSize]byte
		buf[0] = leafPrefix
		n := copy(buf[1:], leaf)
		return sha256.Sum256(buf[:1+n])
	}
	h := sha256.New()
	h.Write([]byte{leafPrefix})
	h.Write(leaf)
	var out [HashSize]byte
	h.Sum(out[:0])
	return out
}

// NodeHash is H(0x01 || left || right).
func NodeHash(left, right []byte) [HashSize]byte {
	var buf [1 + 2*HashSize]byte
	buf[0] = nodePrefix
	copy(buf[1:], left)
	copy(buf[1+HashSize:], right)
	return sha256.Sum256(buf[:])
}

// Tree holds the inner levels of a tree so proofs come out without
// rehashing. levels[0] is the level above the leaves (leaf hashes are not
// stored: the bottom step of a proof rehashes one sibling leaf); the last
// level is the root. The tree keeps the caller's leaves: do not change them.
type Tree struct {
	leaves [][]byte
	levels [][][HashSize]byte
	root   [HashSize]byte
}

// Build hashes leaves into a tree, using every core for large trees.
func Build(leaves [][]byte) (*Tree, error) {
	n := len(leaves)
	if n == 0 {
		return nil, errors.New("a tree needs at least one leaf")
	}
	t := &Tree{leaves: leaves}
	if n == 1 {
		t.root = LeafHash(leaves[0])
		return t, nil
	}
	// Leaves and their parents in one pass: the leaf hashes never touch memory.
	level := make([][HashSize]byte, (n+1)/2)
	parallel(n/2, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			l, r := LeafHash(leaves[2*i]), LeafHash(leaves[2*i+1])
			level[i] = NodeHash(l[:], r[:])
		}
	})
	if n%2 == 1 {
		level[len(level)-1] = LeafHash(leaves[n-1])
	}
	t.levels = [][][HashSize]byte{level}
	// RFC 6962 splits at the largest power of two below n; building level by
	// level and promoting a lone last node gives the same tree.
	for len(level) > 1 {
		next := make([][HashSize]byte, (len(level)+1)/2)
		cur := level
		parallel(len(level)/2, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				next[i] = NodeHash(cur[2*i][:], cur[2*i+1][:])
			}
		})
		if len(level)%2 == 1 {
			next[len(next)-1] = level[len(level)-1]
		}
		t.levels = append(t.levels, next)
		level = next
	}
	t.root = level[0]
	return t, nil
}

// Size is the number of leaves.
func (t *Tree) Size() uint64 { return uint64(len(t.leaves)) }

// Root is the tree's root hash.
func (t *Tree) Root() [HashSize]byte { return t.root }

// Proof is the audit path of leaf index, bottom-up.
func (t *Tree) Proof(index uint64) ([][]byte, error) {
	if index >= t.Size() {
		return nil, ErrIndexOutOfRange
	}
	depth := len(t.levels) // levels above the leaves, less the root, plus the leaf step
	proof := make([][]byte, 0, depth)
	buf := make([]byte, 0, depth*HashSize) // one allocation for the whole path
	if sibling := index ^ 1; sibling < t.Size() {
		h := LeafHash(t.leaves[sibling])
		buf = append(buf, h[:]...)
		proof = append(proof, buf[len(buf)-HashSize:])
	}
	i := index / 2
	for _, level := range t.levels[:max(len(t.levels)-1, 0)] {
		sibling := i ^ 1
		if sibling < uint64(len(level)) {
			buf = append(buf, level[sibling][:]...)
			proof = append(proof, buf[len(buf)-HashSize:])
		}
		i /= 2
	}
	return proof, nil
}

// Verify checks that leaf sits at index in a tree of size leaves with root.
// The bounds are checked here, each with its own error; the proof itself is
// checked by CometBFT's crypto/merkle (the same RFC 6962 tree), which this
// package does not beat at verifying single proofs.
func Verify(root []byte, size, index uint64, leaf []byte, proof [][]byte) error {
	if index >= size || size > math.MaxInt64 {
		return ErrIndexOutOfRange
	}
	if len(root) != HashSize {
		return ErrHashSize
	}
	for _, p := range proof {
		if len(p) != HashSize {
			return ErrHashSize
		}
	}
	if len(proof) > MaxProofLength || len(proof) != ProofLength(index, size) {
		return ErrProofLength
	}
	lh := LeafHash(leaf)
	p := cmtmerkle.Proof{Total: int64(size), Index: int64(index), LeafHash: lh[:], Aunts: proof}
	if err := p.Verify(root, leaf); err != nil {
		return fmt.Errorf("%w: %v", ErrRootMismatch, err)
	}
	return nil
}

// ProofLength is the number of hashes in the proof of leaf index in a tree
// of size leaves: the leaf's depth, splitting at the largest power of two
// below the size as RFC 6962 does.
func ProofLength(index, size uint64) int {
	n := 0
	for size > 1 {
		k := uint64(1) << (bits.Len64(size-1) - 1)
		if index < k {
			size = k
		} else {
			index, size = index-k, size-k
		}
		n++
	}
	return n
}

// parallel runs f over [0, n) in chunks, one per core, for large n.
func parallel(n int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 4096 || workers == 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// String describes the tree for logs.
func (t *Tree) String() string {
	return fmt.Sprintf("merkle tree of %d leaves, root %x", t.Size(), t.Root())
}
