package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
)

// Two errors of a codespace of this test alone.
var (
	_ = errorsmod.RegisterWithGRPCCode("readmetest", 2, codes.InvalidArgument, "bad input")
	_ = errorsmod.RegisterWithGRPCCode("readmetest", 3, codes.NotFound, "thing not found")
)

// failures is a testing.TB that records what fails instead of failing.
type failures struct {
	testing.TB
	said []string
}

// stopped is what FailNow panics with, to end the checked call.
type stopped struct{}

func (f *failures) Helper() {}

func (f *failures) Errorf(format string, args ...any) {
	f.said = append(f.said, fmt.Sprintf(format, args...))
}

func (f *failures) FailNow() { panic(stopped{}) }

// check runs RequireErrorTable over a README holding table and returns
// what it found wrong.
func check(t *testing.T, table string) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "README.md")
	readme := "# readmetest\n\n## Errors\n\n| code | gRPC | error | when |\n|---|---|---|---|\n" + table + "\n## Next\n\n| kind | other |\n|---|---|\n| 9 | not an error row |\n"
	require.NoError(t, os.WriteFile(path, []byte(readme), 0o600))
	return failed(t, func(f testing.TB) { RequireErrorTable(f, path, "readmetest") })
}

// failed runs check against a testing.TB that records failures, and
// returns them; a check stopped by FailNow ends there.
func failed(t *testing.T, check func(testing.TB)) []string {
	f := &failures{TB: t}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(stopped); !ok {
					panic(r)
				}
			}
		}()
		check(f)
	}()
	return f.said
}

// A README true to the codes passes; each way of being untrue is named.
func TestRequireErrorTable(t *testing.T) {
	good := "| 2 | `InvalidArgument` | bad input | x |\n| 3 | NotFound | thing not found | y |\n"
	require.Empty(t, check(t, good))

	for _, c := range []struct{ name, table, want string }{
		{"a registered code without a row", "| 2 | InvalidArgument | bad input | x |\n", "no row for readmetest code 3"},
		{"a row for a code nobody registered", good + "| 4 | Internal | gone | z |\n", "code 4 (\"gone\") is not a registered"},
		{"a row for a code above the usual range", good + "| 4000 | Internal | far | z |\n", "code 4000 (\"far\") is not a registered"},
		{"another text", "| 2 | InvalidArgument | bad inputs | x |\n| 3 | NotFound | thing not found | y |\n", "code 2's text"},
		{"another status", "| 2 | InvalidArgument | bad input | x |\n| 3 | Internal | thing not found | y |\n", "code 3's gRPC status"},
		{"a code twice", good + "| 3 | NotFound | thing not found | again |\n", "code 3 has two rows"},
		{"a code that is no number", "| two | InvalidArgument | bad input | x |\n", "error row"},
	} {
		t.Run(c.name, func(t *testing.T) {
			said := check(t, c.table)
			require.NotEmpty(t, said)
			require.Contains(t, strings.Join(said, "\n"), c.want)
		})
	}
}

// Both wrong rows of one table are named, not only the first.
func TestRequireErrorTableNamesEveryRow(t *testing.T) {
	said := strings.Join(check(t, "| 2 | NotFound | bad input | x |\n| 3 | NotFound | no thing | y |\n"), "\n")
	require.Contains(t, said, "code 2's gRPC status")
	require.Contains(t, said, "code 3's text")
}

// A README with no error table is refused, and Registered tells a
// registered code from one nobody registered.
func TestReadErrorTableNeedsATable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	require.NoError(t, os.WriteFile(path, []byte("# nothing here\n"), 0o600))
	f := &failures{TB: t}
	require.Panics(t, func() { ReadErrorTable(f, path) })
	require.Contains(t, strings.Join(f.said, "\n"), "has no table with a header beginning")

	require.Equal(t, "thing not found", Registered("readmetest", 3).Error())
	require.Nil(t, Registered("readmetest", 4))
	require.Nil(t, Registered("no-such-codespace", 2))
}

// An escaped pipe belongs to its cell, and every table under the header
// is read, not only the first.
func TestReadTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	readme := "| message | who |\n|---|---|\n| `MsgA{x \\| y}` | anyone |\n\ntext\n\n| message | who |\n|---|---|\n| `MsgB` | nobody |\n"
	require.NoError(t, os.WriteFile(path, []byte(readme), 0o600))
	require.Equal(t, [][]string{{"`MsgA{x | y}`", "anyone"}, {"`MsgB`", "nobody"}}, ReadTables(t, path, "| message |"))
}
