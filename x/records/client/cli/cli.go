// Package cli holds the records commands that work on local files: salted
// hashes, checking a file against the chain, and batch manifests.
package cli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/records/types"
)

const (
	flagSalt      = "salt"
	flagNewSalt   = "new-salt"
	flagAlgorithm = "algorithm"
	flagRecord    = "record"
	flagVersion   = "record-version"
	flagOutput    = "output"
	flagBatchID   = "batch-id"
)

// Cmd is `medchaind records`.
func Cmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "records",
		Short: "Salted record hashes, checking files against the chain, and batch manifests",
	}
	batch := &cobra.Command{Use: "batch", Short: "Build and check Merkle batch manifests"}
	batch.AddCommand(BatchBuildCmd(), BatchVerifyCmd())
	cmd.AddCommand(HashCmd(), VerifyCmd(), batch)
	return cmd
}

func parseSalt(s string) ([]byte, error) {
	salt, err := hex.DecodeString(s)
	if err != nil || len(salt) == 0 || len(salt) > 1024 {
		return nil, fmt.Errorf("--%s must be 1..1024 bytes of hex", flagSalt)
	}
	return salt, nil
}

func newSalt() ([]byte, error) {
	salt := make([]byte, types.SaltSize)
	_, err := rand.Read(salt)
	return salt, err
}

// commitFile computes H(salt || content of path).
func commitFile(algo types.HashAlgorithm, salt []byte, path string) (types.ContentHash, error) {
	f, err := os.Open(path)
	if err != nil {
		return types.ContentHash{}, err
	}
	defer f.Close()
	return types.Commit(algo, salt, f)
}
