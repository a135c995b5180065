package merkle

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// rfc6962Root is the recursive definition of RFC 6962 section 2.1, kept
// naive on purpose as the reference the fast tree must match.
func rfc6962Root(leaves [][]byte) [HashSize]byte {
	if len(leaves) == 1 {
		return LeafHash(leaves[0])
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	l, r := rfc6962Root(leaves[:k]), rfc6962Root(leaves[k:])
	return NodeHash(l[:], r[:])
}

func testLeaves(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(i))
		h := sha256.Sum256(b[:])
		out[i] = h[:]
	}
	return out
}

func TestKnownVectors(t *testing.T) {
	// Certificate Transparency's reference leaves and roots.
	leaves := [][]byte{
		{}, {0x00}, {0x10}, {0x20, 0x21}, {0x30, 0x31},
		{0x40, 0x41, 0x42, 0x43}, {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
		{0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f},
	}
	tree, err := Build(leaves[:1])
	require.NoError(t, err)
	root := tree.Root()
	require.Equal(t, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", hex.EncodeToString(root[:]))
	tree, err = Build(leaves)
	require.NoError(t, err)
	root = tree.Root()
	require.Equal(t, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", hex.EncodeToString(root[:]))
}

func TestRootMatchesRFC6962(t *testing.T) {
	for n := 1; n <= 300; n++ {
		leaves := testLeaves(n)
		tree, err := Build(leaves)
		require.NoError(t, err)
		require.Equal(t, rfc6962Root(leaves), tree.Root(), "size %d", n)
	}
	// Large enough to take the parallel path.
	leaves := testLeaves(10_007)
	tree, err := Build(leaves)
	require.NoError(t, err)
	require.Equal(t, rfc6962Root(leaves), tree.Root())
}

func TestEveryProofVerifies(t *testing.T) {
	all := testLeaves(1000)
	for n := 1; n <= 1000; n++ {
		leaves := all[:n]
		tree, root, proofs := provenTree(t, leaves)
		for i, proof := range proofs {
			if err := Verify(root[:], uint64(n), uint64(i), leaves[i], proof); err != nil {
				t.Fatalf("size %d leaf %d: %v", n, i, err)
			}
		}
		_, err := tree.Proof(uint64(n))
		require.ErrorIs(t, err, ErrIndexOutOfRange)
	}
}

// provenTree builds the tree of leaves and proves each of them: proofs[i]
// is leaf i's proof.
func provenTree(t *testing.T, leaves [][]byte) (*Tree, [HashSize]byte, [][][]byte) {
	t.Helper()
	tree, err := Build(leaves)
	require.NoError(t, err)
	proofs := make([][][]byte, len(leaves))
	for i := range leaves {
		proofs[i], err = tree.Proof(uint64(i))
		require.NoError(t, err)
	}
	return tree, tree.Root(), proofs
}

func flip(b []byte, bit int) []byte {
	out := bytes.Clone(b)
	out[bit/8] ^= 1 << (bit % 8)
	return out
}

func TestFlippedBitsFail(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 7, 8, 9, 31, 100, 257, 999} {
		leaves := testLeaves(n)
		tree, err := Build(leaves)
		require.NoError(t, err)
		root := tree.Root()
		for i := 0; i < n; i += 1 + n/17 {
			idx := uint64(i)
			proof, err := tree.Proof(idx)
			require.NoError(t, err)
			for bit := 0; bit < 8*HashSize; bit += 37 {
				require.ErrorIs(t, Verify(root[:], uint64(n), idx, flip(leaves[i], bit), proof), ErrRootMismatch, "leaf bit")
				require.ErrorIs(t, Verify(flip(root[:], bit), uint64(n), idx, leaves[i], proof), ErrRootMismatch, "root bit")
				for p := range proof {
					bad := append([][]byte{}, proof...)
					bad[p] = flip(proof[p], bit)
					require.ErrorIs(t, Verify(root[:], uint64(n), idx, leaves[i], bad), ErrRootMismatch, "proof bit")
				}
			}
			// The same proof does not fit another position. (The size is not the
			// prover's to choose: the chain records each batch's leaf count.)
			if n > 1 {
				other := (idx + 1) % uint64(n)
				require.Error(t, Verify(root[:], uint64(n), other, leaves[i], proof), "size %d index %d as %d", n, idx, other)
			}
			// A leaf hash offered as an inner node is refused (domain separation).
			if len(proof) > 0 {
				require.Error(t, Verify(root[:], uint64(n), idx, append(proof[0], leaves[i]...), proof[1:]))
			}
		}
	}
}

func TestVerifyRejectsMalformed(t *testing.T) {
	leaves := testLeaves(4)
	tree, err := Build(leaves)
	require.NoError(t, err)
	root := tree.Root()
	proof, err := tree.Proof(1)
	require.NoError(t, err)
	require.ErrorIs(t, Verify(root[:], 4, 4, leaves[1], proof), ErrIndexOutOfRange)
	require.ErrorIs(t, Verify(root[:3], 4, 1, leaves[1], proof), ErrHashSize)
	require.ErrorIs(t, Verify(root[:], 4, 1, leaves[1], [][]byte{proof[0][:31], proof[1]}), ErrHashSize)
	require.ErrorIs(t, Verify(root[:], 4, 1, leaves[1], proof[:1]), ErrProofLength)
	require.ErrorIs(t, Verify(root[:], 4, 1, leaves[1], append(proof, proof[0])), ErrProofLength)
	_, err = Build(nil)
	require.Error(t, err)
}

// FuzzVerify checks that verification never panics and that a proof accepts
// exactly its own leaf, index and size.
func FuzzVerify(f *testing.F) {
	f.Add(uint16(7), uint16(3), []byte("leaf"), []byte{})
	f.Add(uint16(1), uint16(0), []byte{}, []byte{1, 2, 3})
	f.Add(uint16(1000), uint16(999), []byte{0xff}, bytes.Repeat([]byte{9}, 64))
	f.Fuzz(func(t *testing.T, size, index uint16, leaf, noise []byte) {
		n := int(size%1024) + 1
		idx := uint64(index) % uint64(n)
		leaves := testLeaves(n)
		leaves[idx] = leaf
		tree, err := Build(leaves)
		if err != nil {
			t.Fatal(err)
		}
		root := tree.Root()
		proof, err := tree.Proof(idx)
		if err != nil {
			t.Fatal(err)
		}
		if err := Verify(root[:], uint64(n), idx, leaf, proof); err != nil {
			t.Fatalf("honest proof refused: %v", err)
		}
		// Noise XORed into the proof must be refused unless it changes nothing.
		bad := make([][]byte, len(proof))
		changed := false
		for i := range proof {
			bad[i] = bytes.Clone(proof[i])
			for j := range bad[i] {
				if k := i*HashSize + j; k < len(noise) && noise[k] != 0 {
					bad[i][j] ^= noise[k]
					changed = true
				}
			}
		}
		err = Verify(root[:], uint64(n), idx, leaf, bad)
		if changed && err == nil {
			t.Fatalf("tampered proof accepted")
		}
		if !changed && err != nil {
			t.Fatalf("unchanged proof refused: %v", err)
		}
		// Arbitrary bytes as a proof never panic, and pass only if they are the proof.
		var junk [][]byte
		for i := 0; i+HashSize <= len(noise); i += HashSize {
			junk = append(junk, noise[i:i+HashSize])
		}
		if err := Verify(root[:], uint64(n), idx, leaf, junk); err == nil && !slices.EqualFunc(junk, proof, bytes.Equal) {
			t.Fatal("a proof of arbitrary bytes was accepted")
		}
	})
}
