package merkle

import (
	"bytes"
	"crypto/sha256"
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// A proof holds for its own position only: at any other index of a small
// tree it is refused, by its length where the depth differs and by the
// root otherwise; a sibling's leaf under it, or its hashes out of order,
// are refused too.
func TestProofsHoldOnlyAtTheirPosition(t *testing.T) {
	for n := 2; n <= 17; n++ {
		leaves := testLeaves(n)
		_, root, proofs := provenTree(t, leaves)
		for i, proof := range proofs {
			for j := range n {
				if j == i {
					continue
				}
				err := Verify(root[:], uint64(n), uint64(j), leaves[i], proof)
				if ProofLength(uint64(j), uint64(n)) != len(proof) {
					require.ErrorIs(t, err, ErrProofLength, "size %d: proof of %d at %d", n, i, j)
				} else {
					require.ErrorIs(t, err, ErrRootMismatch, "size %d: proof of %d at %d", n, i, j)
				}
				require.ErrorIs(t, Verify(root[:], uint64(n), uint64(i), leaves[j], proof), ErrRootMismatch, "leaf %d under %d's proof", j, i)
			}
			if len(proof) >= 2 {
				swapped := [][]byte{proof[1], proof[0]}
				swapped = append(swapped, proof[2:]...)
				require.ErrorIs(t, Verify(root[:], uint64(n), uint64(i), leaves[i], swapped), ErrRootMismatch)
			}
		}
	}
}

func TestVerifyBounds(t *testing.T) {
	root := make([]byte, HashSize)
	require.ErrorIs(t, Verify(root, 0, 0, nil, nil), ErrIndexOutOfRange, "an empty tree")
	require.ErrorIs(t, Verify(root, math.MaxInt64+1, 0, nil, nil), ErrIndexOutOfRange, "a size CometBFT cannot hold")
	require.ErrorIs(t, Verify(nil, 1, 0, nil, nil), ErrHashSize)
	long := make([][]byte, MaxProofLength+1)
	for i := range long {
		long[i] = root
	}
	require.ErrorIs(t, Verify(root, math.MaxInt64, 0, nil, long), ErrProofLength)
	require.LessOrEqual(t, ProofLength(math.MaxInt64-1, math.MaxInt64), MaxProofLength, "the deepest leaf proves within the bound")
	_, err := (&Tree{}).Proof(0)
	require.ErrorIs(t, err, ErrIndexOutOfRange)
}

// LeafHash and NodeHash are RFC 6962's, for leaves short enough to hash
// in place and longer ones alike.
func TestHashDefinitions(t *testing.T) {
	for _, n := range []int{0, 1, 32, 63, 64, 65, 1000} {
		leaf := bytes.Repeat([]byte{0xab}, n)
		want := sha256.Sum256(append([]byte{0x00}, leaf...))
		require.Equal(t, want, LeafHash(leaf), "%d-byte leaf", n)
	}
	l, r := bytes.Repeat([]byte{1}, HashSize), bytes.Repeat([]byte{2}, HashSize)
	want := sha256.Sum256(append(append([]byte{0x01}, l...), r...))
	require.Equal(t, want, NodeHash(l, r))
	require.NotEqual(t, NodeHash(l, r), NodeHash(r, l))
	require.NotEqual(t, LeafHash(append(l, r...)), NodeHash(l, r), "a leaf never hashes like a node")
}

// Trees large enough to be built on several cores give proofs that verify
// at the chunk edges and the odd end.
func TestParallelBuildProofs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	const n = 9001
	leaves := testLeaves(n)
	tree, err := Build(leaves)
	require.NoError(t, err)
	root := tree.Root()
	require.Equal(t, rfc6962Root(leaves), root)
	for _, i := range []uint64{0, 1, 2047, 2048, 4095, 4096, 4500, 8191, 8192, 8999, n - 1} {
		proof, err := tree.Proof(i)
		require.NoError(t, err)
		require.NoError(t, Verify(root[:], n, i, leaves[i], proof), "leaf %d", i)
		if i > 0 {
			require.ErrorIs(t, Verify(root[:], n, i, leaves[i-1], proof), ErrRootMismatch)
		}
	}
}
