package merkle

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	cmtmerkle "github.com/cometbft/cometbft/crypto/merkle"
	"github.com/stretchr/testify/require"
)

func randomLeaves(r *rand.Rand, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = make([]byte, HashSize)
		for j := range out[i] {
			out[i][j] = byte(r.UintN(256))
		}
	}
	return out
}

// This tree and CometBFT's crypto/merkle are the same RFC 6962 tree: for
// random leaves of every size up to 300, and some large ones, they give the
// same root and the same proofs, and each verifies the other's proofs.
func TestSameTreeAsCometBFT(t *testing.T) {
	r := rand.New(rand.NewPCG(6962, 1))
	sizes := []int{1000, 1024, 4097}
	for n := 1; n <= 300; n++ {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		leaves := randomLeaves(r, n)
		tree, err := Build(leaves)
		require.NoError(t, err)
		root := tree.Root()
		cmtRoot, cmtProofs := cmtmerkle.ProofsFromByteSlices(leaves)
		require.Equal(t, cmtRoot, root[:], "root of %d leaves", n)
		require.Equal(t, cmtRoot, cmtmerkle.HashFromByteSlices(leaves))
		for i := range leaves {
			ours, err := tree.Proof(uint64(i))
			require.NoError(t, err)
			require.Equal(t, cmtProofs[i].Aunts, ours, "proof %d of %d", i, n)
			require.NoError(t, Verify(root[:], uint64(n), uint64(i), leaves[i], cmtProofs[i].Aunts))
			theirs := cmtmerkle.Proof{Total: int64(n), Index: int64(i), LeafHash: cmtProofs[i].LeafHash, Aunts: ours}
			require.NoError(t, theirs.Verify(root[:], leaves[i]))
		}
	}
}

// BenchmarkVersusCometBFT builds trees and all their proofs with this package
// and with CometBFT's crypto/merkle, side by side in one run, for 1k to 1M
// leaves, and reports each one's time and the ratio (CometBFT time / ours:
// above 1 means this package is faster).
//
//	go test -run '^$' -bench VersusCometBFT -benchtime 1x ./x/records/merkle
func BenchmarkVersusCometBFT(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		leaves := randomLeaves(r, n)
		b.Run(fmt.Sprintf("%d leaves", n), func(b *testing.B) {
			for b.Loop() {
				start := time.Now()
				cmtmerkle.HashFromByteSlices(leaves)
				cmtBuild := time.Since(start)
				start = time.Now()
				if _, err := Build(leaves); err != nil {
					b.Fatal(err)
				}
				build := time.Since(start)

				start = time.Now()
				cmtmerkle.ProofsFromByteSlices(leaves)
				cmtProve := time.Since(start)
				start = time.Now()
				tree, err := Build(leaves)
				if err != nil {
					b.Fatal(err)
				}
				for i := range leaves {
					if _, err := tree.Proof(uint64(i)); err != nil {
						b.Fatal(err)
					}
				}
				prove := time.Since(start)

				b.ReportMetric(cmtBuild.Seconds()/build.Seconds(), "build-speedup")
				b.ReportMetric(cmtProve.Seconds()/prove.Seconds(), "prove-speedup")
				b.Logf("%8d leaves: root %v ours, %v CometBFT (%.1fx); root+all proofs %v ours, %v CometBFT (%.1fx)",
					n, build, cmtBuild, cmtBuild.Seconds()/build.Seconds(), prove, cmtProve, cmtProve.Seconds()/prove.Seconds())
			}
		})
	}
}
