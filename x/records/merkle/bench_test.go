package merkle

import (
	"crypto/sha256"
	"testing"
	"time"
)

// BenchmarkBatchMillion anchors a day of a national-scale hospital network in
// one batch: 1,000,000 salted record hashes. In one run it times bare SHA-256
// of the same leaves, building the tree, proving every leaf and verifying
// every proof, and reports rates and ratios to the bare hash.
//
//	go test -run '^$' -bench BatchMillion -benchtime 1x ./x/records/merkle
func BenchmarkBatchMillion(b *testing.B) {
	const n = 1_000_000
	leaves := testLeaves(n)
	for b.Loop() {
		start := time.Now()
		var sink [HashSize]byte
		for _, l := range leaves {
			sink = sha256.Sum256(l)
		}
		bare := time.Since(start)
		_ = sink

		start = time.Now()
		tree, err := Build(leaves)
		if err != nil {
			b.Fatal(err)
		}
		build := time.Since(start)

		start = time.Now()
		proofs := make([][][]byte, n)
		for i := range proofs {
			if proofs[i], err = tree.Proof(uint64(i)); err != nil {
				b.Fatal(err)
			}
		}
		prove := time.Since(start)

		root := tree.Root()
		start = time.Now()
		for i, l := range leaves {
			if err := Verify(root[:], n, uint64(i), l, proofs[i]); err != nil {
				b.Fatal(err)
			}
		}
		verify := time.Since(start)

		rate := func(d time.Duration) float64 { return n / d.Seconds() }
		b.ReportMetric(rate(bare), "sha256-leaves/s")
		b.ReportMetric(rate(build), "build-records/s")
		b.ReportMetric(rate(prove), "prove-records/s")
		b.ReportMetric(rate(verify), "verify-records/s")
		b.ReportMetric(bare.Seconds()/build.Seconds(), "build/sha256")
		b.ReportMetric(bare.Seconds()/verify.Seconds(), "verify/sha256")
		b.Logf("1,000,000 leaves: bare sha256 %v, build %v (%.2fx the bare-hash rate), prove all %v, verify all %v (%.2fx)",
			bare, build, bare.Seconds()/build.Seconds(), prove, verify, bare.Seconds()/verify.Seconds())
	}
}
