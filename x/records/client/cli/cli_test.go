package cli_test

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/client/cli"
	"github.com/medchain/medchain/x/records/types"
)

func salt(b byte) []byte { return bytes.Repeat([]byte{b}, types.SaltSize) }

func TestCommitIsSaltedHash(t *testing.T) {
	content := []byte("potassium 4.1 mmol/L")
	h, err := types.Commit(types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, salt(1), bytes.NewReader(content))
	require.NoError(t, err)
	want := sha256.Sum256(append(salt(1), content...))
	require.Equal(t, want[:], h.Digest)
	require.NoError(t, h.Validate())
	for _, name := range []string{"sha2-512", "SHA3_256", "HASH_ALGORITHM_SHA2_256"} {
		algo, err := types.ParseHashAlgorithm(name)
		require.NoError(t, err)
		h, err := types.Commit(algo, salt(1), bytes.NewReader(content))
		require.NoError(t, err)
		require.NoError(t, h.Validate(), name)
	}
	_, err = types.ParseHashAlgorithm("md5")
	require.ErrorContains(t, err, "one of sha2-256, sha2-512, sha3-256")
}

// A salt shorter than 32 bytes would let a short record be guessed from its
// hash: the library and every command refuse it.
func TestShortSaltsAreRefused(t *testing.T) {
	_, err := types.Commit(types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, []byte{1}, strings.NewReader("HIV positive"))
	require.ErrorIs(t, err, types.ErrInvalidHash)
	file := filepath.Join(t.TempDir(), "r.txt")
	require.NoError(t, os.WriteFile(file, []byte("HIV positive"), 0o600))
	for _, s := range []string{"01", hex.EncodeToString(make([]byte, 31))} {
		_, err := testutil.RunCmd(cli.HashCmd(), file, "--salt", s)
		require.ErrorContains(t, err, "a salt is 32..1024 random bytes", s)
	}
	out, err := testutil.RunCmd(cli.HashCmd(), file, "--salt", hex.EncodeToString(salt(7)))
	require.NoError(t, err, out)
}

// `records hash` says what to anchor a record as: a sensitive category goes
// on chain as restricted with a commitment to the real one under the salt.
func TestHashCommandCategories(t *testing.T) {
	file := filepath.Join(t.TempDir(), "note.txt")
	require.NoError(t, os.WriteFile(file, []byte("session notes"), 0o600))
	decode := func(out string) map[string]any {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &m), out)
		return m
	}
	out, err := testutil.RunCmd(cli.HashCmd(), file, "--new-salt", "--category", "mental_health")
	require.NoError(t, err)
	m := decode(out)
	require.Equal(t, "restricted", m["category"])
	s, err := hex.DecodeString(m["salt"].(string))
	require.NoError(t, err)
	require.Len(t, s, types.SaltSize)
	require.Equal(t, hex.EncodeToString(types.CategoryCommitment(s, types.Category_CATEGORY_MENTAL_HEALTH)), m["category_commitment"])

	out, err = testutil.RunCmd(cli.HashCmd(), file, "--new-salt", "--category", "lab")
	require.NoError(t, err)
	m = decode(out)
	require.Equal(t, "lab", m["category"])
	require.Nil(t, m["category_commitment"], "a lab record carries no commitment")

	_, err = testutil.RunCmd(cli.HashCmd(), file, "--new-salt", "--category", "psychiatry")
	require.ErrorContains(t, err, "unknown category")
}

// A record's opaque id is a keyed hash of the custodian's own id: stable
// under one key, different under another, and never readable.
func TestRecordIDs(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "record-id.key")
	_, err := testutil.RunCmd(cli.IDCmd(), "Observation/lab-42", "--key-file", keyFile)
	require.Error(t, err, "no key yet, and not asked to make one")
	id1, err := testutil.RunCmd(cli.IDCmd(), "Observation/lab-42", "--key-file", keyFile, "--new-key")
	require.NoError(t, err)
	info, err := os.Stat(keyFile)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the key is private")
	id2, err := testutil.RunCmd(cli.IDCmd(), "Observation/lab-42", "--key-file", keyFile)
	require.NoError(t, err)
	require.Equal(t, id1, id2)
	id := strings.TrimSpace(id1)
	require.NoError(t, types.ValidateRecordID(id))
	require.NotContains(t, id, "lab")
	require.NotEqual(t, id, cli.RecordID([]byte("another custodian's key, 32 bytes"), "Observation/lab-42"))
	require.NotEqual(t, id, strings.TrimSpace(must(testutil.RunCmd(cli.IDCmd(), "Observation/lab-43", "--key-file", keyFile))))
	require.NoError(t, os.WriteFile(keyFile, []byte("abcd"), 0o600))
	_, err = testutil.RunCmd(cli.IDCmd(), "x", "--key-file", keyFile)
	require.ErrorContains(t, err, "at least 32 bytes")
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

// A batch manifest holds commitments and proofs, never salts; the salts
// live in their own file.
func TestManifestBuildAndVerify(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, body := range []string{"lab 1", "lab 2", "imaging 3", "note 4", "rx 5"} {
		f := filepath.Join(dir, "r"+string(rune('0'+i))+".json")
		require.NoError(t, os.WriteFile(f, []byte(body), 0o600))
		files = append(files, f)
	}
	m, salts, err := cli.BuildManifest(files)
	require.NoError(t, err)
	require.EqualValues(t, 5, m.LeafCount)
	bz, err := json.Marshal(m)
	require.NoError(t, err)
	for _, f := range files {
		e, err := m.VerifyEntry(f, salts)
		require.NoError(t, err, f)
		require.NotContains(t, string(bz), salts[e.File], "the manifest carries no salt")
		require.Len(t, salts[e.File], 2*types.SaltSize, "each file has its own fresh salt")
	}
	require.NotEqual(t, salts[files[0]], salts[files[1]])

	// One changed byte, or a proof moved to another file, is caught.
	require.NoError(t, os.WriteFile(files[2], []byte("imaging 3!"), 0o600))
	_, err = m.VerifyEntry(files[2], salts)
	require.ErrorIs(t, err, cli.ErrMismatch)
	m.Leaves[0].Proof, m.Leaves[1].Proof = m.Leaves[1].Proof, m.Leaves[0].Proof
	_, err = m.VerifyEntry(files[0], salts)
	require.ErrorContains(t, err, "proof does not verify")
	_, err = m.VerifyEntry(filepath.Join(dir, "other.json"), salts)
	require.ErrorContains(t, err, "not in the manifest")
}

// Erasure: once a record's salt is destroyed, the file no longer verifies
// against its anchor, and nothing on chain links the digest to the
// content — no unsalted hash of it, and no guess of a short record, matches.
func TestErasureByDestroyingTheSalt(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "result.txt")
	content := []byte("HIV-1 antibody: positive")
	require.NoError(t, os.WriteFile(file, content, 0o600))
	m, salts, err := cli.BuildManifest([]string{file})
	require.NoError(t, err)
	anchored, err := hex.DecodeString(m.Leaves[0].Digest)
	require.NoError(t, err)
	_, err = m.VerifyEntry(file, salts)
	require.NoError(t, err)

	delete(salts, file) // the custodian destroys the salt
	_, err = m.VerifyEntry(file, salts)
	require.ErrorContains(t, err, "no salt")
	for _, guess := range []string{"HIV-1 antibody: positive", "HIV-1 antibody: negative", ""} {
		plain := sha256.Sum256([]byte(guess))
		plain512 := sha512.Sum512([]byte(guess))
		require.NotEqual(t, plain[:], anchored, "an unsalted hash of %q does not match", guess)
		require.NotEqual(t, plain512[:32], anchored)
		wrong, err := types.Commit(types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, salt(0), strings.NewReader(guess))
		require.NoError(t, err)
		require.NotEqual(t, wrong.Digest, anchored, "nor a guess under any other salt")
	}
}

// The batch commands write the salts file apart from the manifest and
// need it to verify.
func TestBatchCommands(t *testing.T) {
	dir := t.TempDir()
	recs := filepath.Join(dir, "records")
	require.NoError(t, os.Mkdir(recs, 0o700))
	for i := range 3 {
		require.NoError(t, os.WriteFile(filepath.Join(recs, "r"+string(rune('a'+i))), []byte{byte(i)}, 0o600))
	}
	manifest, saltsFile := filepath.Join(dir, "manifest.json"), filepath.Join(dir, "salts.json")
	_, err := testutil.RunCmd(cli.BatchBuildCmd(), recs, "--output", manifest)
	require.ErrorContains(t, err, "salts", "a build without a salts file would lose the salts")
	_, err = testutil.RunCmd(cli.BatchBuildCmd(), recs, "--output", manifest, "--salts", saltsFile)
	require.NoError(t, err)
	bz, err := os.ReadFile(manifest)
	require.NoError(t, err)
	require.NotContains(t, string(bz), "salt")
	out, err := testutil.RunCmd(cli.BatchVerifyCmd(), manifest, filepath.Join(recs, "rb"), "--salts", saltsFile)
	require.NoError(t, err, out)
	require.Contains(t, out, "INCLUDED: ")
	require.NoError(t, os.WriteFile(saltsFile, []byte("{}"), 0o600))
	_, err = testutil.RunCmd(cli.BatchVerifyCmd(), manifest, filepath.Join(recs, "rb"), "--salts", saltsFile)
	require.ErrorContains(t, err, "no salt")
}

// records evidence refuses a custodian or a record id it cannot read before
// it asks a node, and writes no bundle file when it fails for any reason.
func TestEvidenceRefusals(t *testing.T) {
	custodian, record := testutil.Addr("hospital-a").String(), strings.Repeat("ab", 16)
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"one argument":            {[]string{custodian}, "accepts 2 arg(s), received 1"},
		"a malformed custodian":   {[]string{"hospital-a", record}, "custodian: decoding bech32 failed"},
		"a record id people read": {[]string{custodian, "Lab-42"}, "must be a lower-case UUID"},
		"a node that is down":     {[]string{custodian, record}, "connection refused"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bundle.json")
			_, err := testutil.RunCmd(cli.EvidenceCmd(), append(tc.args, "--out", path, "--node", "tcp://127.0.0.1:1")...)
			require.ErrorContains(t, err, tc.want)
			_, err = os.Stat(path)
			require.ErrorIs(t, err, os.ErrNotExist, "no bundle is written")
		})
	}
}
