// Package release checks `make release`: static, path-free, stamped with
// its commit, and byte-for-byte reproducible.
package release

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// repoRoot is the repository's top directory (go test runs in tests/release).
func repoRoot(t *testing.T) string {
	wd, err := os.Getwd()
	require.NoError(t, err)
	return filepath.Clean(filepath.Join(wd, "..", ".."))
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %v in %s: %s", name, args, dir, out)
	return string(out)
}

// Two clones of the committed tree, at different paths, build the same
// release binary, and anyone can check it against SHA256SUMS.
func TestReleaseIsReproducible(t *testing.T) {
	root := repoRoot(t)
	head := strings.TrimSpace(run(t, root, "git", "rev-parse", "HEAD"))
	tmp := t.TempDir()
	clones := []string{filepath.Join(tmp, "a"), filepath.Join(tmp, "somewhere", "else", "b")}
	var sums [][]byte
	for _, dir := range clones {
		run(t, tmp, "git", "clone", "--quiet", "--no-hardlinks", root, dir)
		run(t, dir, "git", "checkout", "--quiet", head)
		run(t, dir, "make", "release")
		sum, err := os.ReadFile(filepath.Join(dir, "build", "release", "SHA256SUMS"))
		require.NoError(t, err)
		require.Contains(t, string(sum), "  medchaind\n")
		sums = append(sums, sum)
	}
	require.Equal(t, string(sums[0]), string(sums[1]), "two builds of commit %s differ", head)

	bin := filepath.Join(clones[1], "build", "release", "medchaind")
	run(t, filepath.Dir(bin), "sha256sum", "--check", "SHA256SUMS")

	f, err := elf.Open(bin)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		require.NotEqual(t, elf.PT_INTERP, p.Type, "the release binary is static: it needs no dynamic loader")
	}
	content, err := os.ReadFile(bin)
	require.NoError(t, err)
	require.False(t, bytes.Contains(content, []byte(tmp)), "the binary names no build path")

	version := run(t, tmp, bin, "version", "--long")
	require.Contains(t, version, "commit: "+head)
	require.Contains(t, version, "name: medchain")
}
