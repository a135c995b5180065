package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/client/cli"
	"github.com/medchain/medchain/x/records/merkle"
)

// batchDir writes files named by names (paths under dir may hold '/').
func batchDir(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		p := filepath.Join(dir, n)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
		require.NoError(t, os.WriteFile(p, []byte("content of "+n), 0o600))
	}
	return dir
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(bz, v), path)
}

// A directory is batched whole, subdirectories included, in sorted order;
// a list file names files one a line, skipping blanks and comments.
func TestBatchBuildInputs(t *testing.T) {
	dir := batchDir(t, "b.json", "a.json", "sub/c.json")
	salts := filepath.Join(t.TempDir(), "salts.json")
	out, err := testutil.RunCmd(cli.BatchBuildCmd(), dir, "--salts", salts)
	require.NoError(t, err)
	var m cli.Manifest
	require.NoError(t, json.Unmarshal([]byte(out), &m), "without --output the manifest goes to standard output")
	files := []string{filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"), filepath.Join(dir, "sub", "c.json")}
	for i, e := range m.Leaves {
		require.Equal(t, files[i], e.File)
	}
	info, err := os.Stat(salts)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the salts are private")

	list := writeFile(t, "# today's results\n\n  "+files[2]+"  \n"+files[0]+"\n")
	manifest := filepath.Join(t.TempDir(), "m.json")
	_, err = testutil.RunCmd(cli.BatchBuildCmd(), list, "--salts", salts, "--output", manifest)
	require.NoError(t, err)
	readJSON(t, manifest, &m)
	require.EqualValues(t, 2, m.LeafCount)
	require.Equal(t, files[2], m.Leaves[0].File, "a list keeps its order")
	var s cli.Salts
	readJSON(t, salts, &s)
	require.Len(t, s, 2, "the salts file holds this batch's salts only")
}

// A build that fails writes no salts file: nothing half-made is left to anchor.
func TestBatchBuildRefusals(t *testing.T) {
	a := filepath.Join(batchDir(t, "a.json"), "a.json")
	for name, tc := range map[string]struct{ input, want string }{
		"empty directory":     {t.TempDir(), "no files to batch"},
		"list of comments":    {writeFile(t, "# nothing today\n\n"), "no files to batch"},
		"a file listed twice": {writeFile(t, a+"\n"+a+"\n"), "listed twice"},
		"a listed file gone":  {writeFile(t, a+"\n"+a+".gone\n"), "a.json.gone"},
		"no such input":       {a + ".nope", "a.json.nope"},
	} {
		salts := filepath.Join(t.TempDir(), "salts.json")
		_, err := testutil.RunCmd(cli.BatchBuildCmd(), tc.input, "--salts", salts)
		require.ErrorContains(t, err, tc.want, name)
		_, err = os.Stat(salts)
		require.ErrorIs(t, err, os.ErrNotExist, name)
	}
}

// builtBatch builds a batch of three files and returns the manifest and
// salts paths and the files.
func builtBatch(t *testing.T) (manifest, salts string, files []string) {
	t.Helper()
	dir := batchDir(t, "r0", "r1", "r2")
	manifest, salts = filepath.Join(t.TempDir(), "m.json"), filepath.Join(t.TempDir(), "s.json")
	_, err := testutil.RunCmd(cli.BatchBuildCmd(), dir, "--salts", salts, "--output", manifest)
	require.NoError(t, err)
	return manifest, salts, []string{filepath.Join(dir, "r0"), filepath.Join(dir, "r1"), filepath.Join(dir, "r2")}
}

// Verifying refuses a manifest changed in any field a proof depends on,
// another file's or a shortened salt, and unreadable or missing inputs.
func TestBatchVerifyTampering(t *testing.T) {
	manifest, salts, files := builtBatch(t)
	cases := map[string]struct {
		tamper func(m *cli.Manifest, s cli.Salts)
		want   string
	}{
		"root replaced":        {func(m *cli.Manifest, _ cli.Salts) { m.Root = m.Leaves[0].Digest }, "proof does not verify"},
		"leaf count changed":   {func(m *cli.Manifest, _ cli.Salts) { m.LeafCount = 8 }, "proof does not verify"},
		"index moved":          {func(m *cli.Manifest, _ cli.Salts) { m.Leaves[1].Index = 0 }, "proof does not verify"},
		"digest replaced":      {func(m *cli.Manifest, _ cli.Salts) { m.Leaves[1].Digest = m.Leaves[0].Digest }, "does not match"},
		"proof hash truncated": {func(m *cli.Manifest, _ cli.Salts) { m.Leaves[1].Proof[0] = m.Leaves[1].Proof[0][:62] }, "proof does not verify"},
		"proof over 64 hashes": {func(m *cli.Manifest, _ cli.Salts) { m.Leaves[1].Proof = make([]string, merkle.MaxProofLength+1) }, "too long"},
		"another file's salt":  {func(_ *cli.Manifest, s cli.Salts) { s[files[1]] = s[files[0]] }, "does not match"},
		"salt shortened":       {func(_ *cli.Manifest, s cli.Salts) { s[files[1]] = s[files[1]][:62] }, "salt of"},
	}
	for name, tc := range cases {
		var m cli.Manifest
		var s cli.Salts
		readJSON(t, manifest, &m)
		readJSON(t, salts, &s)
		tc.tamper(&m, s)
		mPath, sPath := filepath.Join(t.TempDir(), "m.json"), filepath.Join(t.TempDir(), "s.json")
		for path, v := range map[string]any{mPath: m, sPath: s} {
			bz, err := json.Marshal(v)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(path, bz, 0o600))
		}
		out, err := testutil.RunCmd(cli.BatchVerifyCmd(), mPath, files[1], "--salts", sPath)
		require.ErrorContains(t, err, tc.want, name)
		require.NotContains(t, out, "INCLUDED", name)
	}

	notJSON := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(notJSON, []byte("{"), 0o600))
	_, err := testutil.RunCmd(cli.BatchVerifyCmd(), notJSON, files[1], "--salts", salts)
	require.ErrorContains(t, err, notJSON)
	_, err = testutil.RunCmd(cli.BatchVerifyCmd(), manifest, files[1], "--salts", notJSON)
	require.ErrorContains(t, err, notJSON)
	_, err = testutil.RunCmd(cli.BatchVerifyCmd(), manifest, files[1], "--salts", filepath.Join(t.TempDir(), "none.json"))
	require.ErrorIs(t, err, os.ErrNotExist)
}

// A file moved elsewhere is still found by its name and verifies where it
// now lives.
func TestBatchVerifyMovedFile(t *testing.T) {
	manifest, salts, files := builtBatch(t)
	moved := filepath.Join(t.TempDir(), "r2")
	require.NoError(t, os.Rename(files[2], moved))
	out, err := testutil.RunCmd(cli.BatchVerifyCmd(), manifest, moved, "--salts", salts)
	require.NoError(t, err, out)
	require.True(t, strings.HasPrefix(out, "INCLUDED: "+moved+" is leaf 2 of 3"), out)
}
