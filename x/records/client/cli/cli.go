// Package cli holds the records commands that work on local files: salted
// hashes, checking a file against the chain, and batch manifests.
package cli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/records/types"
)

const (
	flagSalt      = "salt"
	flagNewSalt   = "new-salt"
	flagAlgorithm = "algorithm"
	flagCategory  = "category"
	flagCustodian = "custodian"
	flagRecord    = "record"
	flagVersion   = "record-version"
	flagOutput    = "output"
	flagSalts     = "salts"
	flagBatchID   = "batch-id"
	flagKeyFile   = "key-file"
	flagNewKey    = "new-key"
)

// Cmd is `medchaind records`.
func Cmd() *cobra.Command {
	return clikit.Group("records", "Salted record hashes, checking files against the chain, and batch manifests",
		IDCmd(), HashCmd(), VerifyCmd(), EvidenceCmd(),
		clikit.Group("batch", "Build and check Merkle batch manifests", BatchBuildCmd(), BatchVerifyCmd()))
}

// parseSalt reads a salt: at least types.SaltSize random bytes, as hex. A
// shorter salt would let a short record be guessed from its hash.
func parseSalt(s string) ([]byte, error) {
	salt, err := hex.DecodeString(s)
	if err != nil || len(salt) < types.SaltSize || len(salt) > 1024 {
		return nil, fmt.Errorf("a salt is %d..1024 random bytes, as hex (got %d bytes): draw one with --%s", types.SaltSize, len(salt), flagNewSalt)
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
