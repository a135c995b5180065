package cli_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/records/client/cli"
	"github.com/medchain/medchain/x/records/types"
)

func TestCommitIsSaltedHash(t *testing.T) {
	salt, content := []byte{1, 2, 3}, []byte("potassium 4.1 mmol/L")
	h, err := types.Commit(types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, salt, bytes.NewReader(content))
	require.NoError(t, err)
	want := sha256.Sum256(append(append([]byte{}, salt...), content...))
	require.Equal(t, want[:], h.Digest)
	require.NoError(t, h.Validate())
	for _, name := range []string{"sha2-512", "SHA3_256", "HASH_ALGORITHM_SHA2_256"} {
		algo, err := types.ParseHashAlgorithm(name)
		require.NoError(t, err)
		h, err := types.Commit(algo, salt, bytes.NewReader(content))
		require.NoError(t, err)
		require.NoError(t, h.Validate(), name)
	}
	_, err = types.ParseHashAlgorithm("md5")
	require.ErrorContains(t, err, "one of sha2_256, sha2_512, sha3_256")
}

func TestManifestBuildAndVerify(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, body := range []string{"lab 1", "lab 2", "imaging 3", "note 4", "rx 5"} {
		f := filepath.Join(dir, "r"+string(rune('0'+i))+".json")
		require.NoError(t, os.WriteFile(f, []byte(body), 0o600))
		files = append(files, f)
	}
	m, err := cli.BuildManifest(files)
	require.NoError(t, err)
	require.EqualValues(t, 5, m.LeafCount)
	for _, f := range files {
		e, err := m.VerifyEntry(f)
		require.NoError(t, err, f)
		require.Len(t, e.Salt, 2*types.SaltSize, "each file has its own fresh salt")
	}
	require.NotEqual(t, m.Leaves[0].Salt, m.Leaves[1].Salt)

	// One changed byte, or a proof moved to another file, is caught.
	require.NoError(t, os.WriteFile(files[2], []byte("imaging 3!"), 0o600))
	_, err = m.VerifyEntry(files[2])
	require.ErrorIs(t, err, cli.ErrMismatch)
	m.Leaves[0].Proof, m.Leaves[1].Proof = m.Leaves[1].Proof, m.Leaves[0].Proof
	_, err = m.VerifyEntry(files[0])
	require.ErrorContains(t, err, "proof does not verify")
	_, err = m.VerifyEntry(filepath.Join(dir, "other.json"))
	require.ErrorContains(t, err, "not in the manifest")
}
