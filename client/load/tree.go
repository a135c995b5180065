package load

import (
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/medchain/medchain/x/records/merkle"
)

// TreeRates measures, in this process, how fast a custodian turns records
// into the root of a batch of n leaves (32-byte record hashes), in leaves
// per second: with medchain's RFC 6962 tree (merkle.Build), and bare — the
// 2n−1 sha-256 hashes any binary tree over n leaves needs, and nothing
// else. Each is run for at least d.
func TreeRates(n int, d time.Duration) (build, bare float64, err error) {
	if n < 1 || n > 1<<20 {
		return 0, 0, fmt.Errorf("tree of %d leaves: 1..%d", n, 1<<20)
	}
	leaves := make([][]byte, n)
	for i := range leaves {
		leaves[i] = randomBytes(32)
	}
	build, err = rate(n, d, func() error {
		_, err := merkle.Build(leaves)
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	bare, err = rate(n, d, func() error {
		var h [32]byte
		for _, l := range leaves {
			h = sha256.Sum256(l)
		}
		for i := 1; i < n; i++ {
			h = sha256.Sum256(h[:])
		}
		_ = h
		return nil
	})
	return build, bare, err
}

// rate runs f, n leaves at a time, for at least d and returns leaves/s.
func rate(n int, d time.Duration, f func() error) (float64, error) {
	start, done := time.Now(), 0
	for time.Since(start) < d {
		if err := f(); err != nil {
			return 0, err
		}
		done += n
	}
	return float64(done) / time.Since(start).Seconds(), nil
}
