package cli_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/client/cli"
	"github.com/medchain/medchain/x/records/types"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// The id is the first 16 bytes of HMAC-SHA256(key, local id), in hex; a
// key file already there is never replaced by --new-key, and a key file
// not holding 32 bytes of hex is refused.
func TestRecordIDCommand(t *testing.T) {
	key := bytes.Repeat([]byte{0x42}, cli.KeySize)
	keyFile := writeFile(t, hex.EncodeToString(key)+"\n")
	out, err := testutil.RunCmd(cli.IDCmd(), "Observation/lab-42", "--key-file", keyFile, "--new-key")
	require.NoError(t, err)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("Observation/lab-42"))
	require.Equal(t, hex.EncodeToString(mac.Sum(nil)[:16])+"\n", out)
	bz, err := os.ReadFile(keyFile)
	require.NoError(t, err)
	require.Equal(t, hex.EncodeToString(key)+"\n", string(bz), "--new-key keeps an existing key")

	for _, content := range []string{strings.Repeat("00", cli.KeySize-1), strings.Repeat("zz", cli.KeySize), ""} {
		_, err := testutil.RunCmd(cli.IDCmd(), "x", "--key-file", writeFile(t, content), "--new-key")
		require.ErrorContains(t, err, "at least 32 bytes", content)
	}
}

func hashOut(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out, err := testutil.RunCmd(cli.HashCmd(), args...)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &m), out)
	return m
}

// Each algorithm commits H(salt ‖ content); the printed content_hash is
// what `tx records anchor --content-hash` decodes into a valid hash.
func TestHashCommandAlgorithms(t *testing.T) {
	content := `{"potassium": 4.1}`
	file, s := writeFile(t, content), salt(9)
	input := append(bytes.Clone(s), content...)
	want256, want512, want3 := sha256.Sum256(input), sha512.Sum512(input), sha3.Sum256(input)
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	for algo, want := range map[string][]byte{"sha2-256": want256[:], "sha2-512": want512[:], "sha3-256": want3[:]} {
		m := hashOut(t, file, "--salt", hex.EncodeToString(s), "--algorithm", algo)
		require.Equal(t, algo, m["algorithm"])
		require.Equal(t, hex.EncodeToString(want), m["digest"], algo)
		raw, err := json.Marshal(m["content_hash"])
		require.NoError(t, err)
		var h types.ContentHash
		require.NoError(t, cdc.UnmarshalJSON(raw, &h), string(raw))
		require.NoError(t, h.Validate())
		require.Equal(t, want, h.Digest)
		require.Equal(t, algo, h.Algorithm.Code())
	}
	_, err := testutil.RunCmd(cli.HashCmd(), file, "--new-salt", "--algorithm", "unspecified")
	require.ErrorContains(t, err, "unknown hash algorithm")
}

func TestHashCommandSalts(t *testing.T) {
	file := writeFile(t, "HbA1c 6.1%")
	a, b := hashOut(t, file, "--new-salt"), hashOut(t, file, "--new-salt")
	require.NotEqual(t, a["salt"], b["salt"], "every new salt is fresh")
	require.Equal(t, a["digest"], hashOut(t, file, "--salt", a["salt"].(string))["digest"], "the kept salt recomputes the commitment")
	require.NotEmpty(t, hashOut(t, file, "--salt", hex.EncodeToString(make([]byte, 1024)))["digest"])
	for _, bad := range []string{hex.EncodeToString(make([]byte, 1025)), strings.Repeat("g", 64)} {
		_, err := testutil.RunCmd(cli.HashCmd(), file, "--salt", bad)
		require.ErrorContains(t, err, "a salt is 32..1024 random bytes")
	}
	_, err := testutil.RunCmd(cli.HashCmd(), file, "--new-salt", "--salt", hex.EncodeToString(salt(1)))
	require.ErrorContains(t, err, "not both")
	_, err = testutil.RunCmd(cli.HashCmd(), file)
	require.ErrorContains(t, err, "a salt is required")
}

// Every sensitive category is printed as restricted with the commitment to
// itself under the printed salt.
func TestHashCommandSensitiveCategories(t *testing.T) {
	file := writeFile(t, "result")
	for _, c := range types.SensitiveCategories {
		m := hashOut(t, file, "--new-salt", "--category", c.Code())
		require.Equal(t, "restricted", m["category"], c)
		s, err := hex.DecodeString(m["salt"].(string))
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(types.CategoryCommitment(s, c)), m["category_commitment"], c)
	}
}

// `records verify` checks its arguments before it asks the node.
func TestVerifyCommandArguments(t *testing.T) {
	file, id, saltHex := writeFile(t, "x"), strings.Repeat("ab", 16), hex.EncodeToString(salt(3))
	custodian := "med1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
	for want, args := range map[string][]string{
		`"custodian" not set`:            {file, "--record", id, "--salt", saltHex},
		`"record" not set`:               {file, "--custodian", custodian, "--salt", saltHex},
		`"salt" not set`:                 {file, "--custodian", custodian, "--record", id},
		"accepts 1 arg":                  {"--custodian", custodian, "--record", id, "--salt", saltHex},
		types.ErrInvalidRecordID.Error(): {file, "--custodian", custodian, "--record", "Observation-42", "--salt", saltHex},
		"32..1024":                       {file, "--custodian", custodian, "--record", id, "--salt", saltHex[:62]},
	} {
		_, err := testutil.RunCmd(cli.VerifyCmd(), args...)
		require.ErrorContains(t, err, want)
	}
}

// "restricted" is what the command prints, not what it takes: it needs the
// real category to commit to.
func TestHashRefusesRestrictedAsInput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "note.txt")
	require.NoError(t, os.WriteFile(file, []byte("note"), 0o600))
	_, err := testutil.RunCmd(cli.HashCmd(), file, "--new-salt", "--category", "restricted")
	require.ErrorContains(t, err, "real category")
}
