// Package merkle is the batch-anchoring Merkle tree of RFC 6962 (Certificate
// Transparency) over SHA-256: leaves are hashed as H(0x00 || leaf) and inner
// nodes as H(0x01 || left || right), so a leaf can never pass for a node (no
// second-preimage trick). The chain and the CLI verify proofs with this code.
package merkle

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/bits"
	"runtime"
	"sync"
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

// Verify checks that leaf sits at index in a tree of size leaves with root,
// following RFC 9162 section 2.1.3.2.
func Verify(root []byte, size, index uint64, leaf []byte, proof [][]byte) error {
	lh := LeafHash(leaf)
	return VerifyLeafHash(root, size, index, lh[:], proof)
}

// VerifyLeafHash is Verify for a leaf already hashed with LeafHash.
func VerifyLeafHash(root []byte, size, index uint64, leafHash []byte, proof [][]byte) error {
	if index >= size {
		return ErrIndexOutOfRange
	}
	if len(root) != HashSize || len(leafHash) != HashSize {
		return ErrHashSize
	}
	if len(proof) > MaxProofLength {
		return ErrProofLength
	}
	fn, sn := index, size-1
	r := [HashSize]byte(leafHash)
	for _, p := range proof {
		if len(p) != HashSize {
			return ErrHashSize
		}
		if sn == 0 {
			return ErrProofLength
		}
		if fn&1 == 1 || fn == sn {
			r = NodeHash(p, r[:])
			if fn&1 == 0 {
				// right-most node of a level: skip the levels where it is promoted
				shift := bits.TrailingZeros64(fn)
				fn >>= shift
				sn >>= shift
			}
		} else {
			r = NodeHash(r[:], p)
		}
		fn >>= 1
		sn >>= 1
	}
	if sn != 0 {
		return ErrProofLength
	}
	if r != [HashSize]byte(root) {
		return ErrRootMismatch
	}
	return nil
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
