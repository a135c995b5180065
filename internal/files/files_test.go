package files

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var errDiskFull = errors.New("disk full")

// Create leaves the whole file, and a failed write or an impossible path
// is the caller's error, not a short file taken for a report.
func TestCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "steps.csv")
	require.NoError(t, Create(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "a,b\n1,2\n")
		return err
	}))
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "a,b\n1,2\n", string(bz))

	failing := func(io.Writer) error { return errDiskFull }
	require.ErrorIs(t, Create(filepath.Join(dir, "half.csv"), failing), errDiskFull)
	require.Error(t, Create(filepath.Join(dir, "no-such-dir", "x.csv"), failing))
}
