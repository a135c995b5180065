package testutil

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/internal/modulekit"
)

// ErrorRow is one row of a module README's error table.
type ErrorRow struct {
	Code uint32
	GRPC string // the status's name, e.g. "InvalidArgument"
	Text string // the error's registered text
}

// maxErrorCode is the highest code RequireErrorTable looks for unless the
// table names a higher one: above any module's codes.
const maxErrorCode = 200

// ReadTables reads the rows of every table in the README at path whose
// header begins with header (e.g. "| code |"), each row its cells
// trimmed. A README without such a table fails t.
func ReadTables(t testing.TB, path, header string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var rows [][]string
	in, found := false, false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case !in:
			in = strings.HasPrefix(line, header)
			found = found || in
		case !strings.HasPrefix(line, "|"):
			in = false
		case strings.HasPrefix(line, "|---"):
		default:
			cells := strings.Split(strings.Trim(strings.ReplaceAll(line, `\|`, "\x00"), "|"), "|")
			for i := range cells { // an escaped \| is a cell's own
				cells[i] = strings.TrimSpace(strings.ReplaceAll(cells[i], "\x00", "|"))
			}
			rows = append(rows, cells)
		}
	}
	require.NoError(t, sc.Err())
	require.True(t, found, "%s has no table with a header beginning %q", path, header)
	return rows
}

// ReadErrorTable reads the rows of the error tables in the README at path
// (a header beginning "| code |"): code, gRPC status and error text.
func ReadErrorTable(t testing.TB, path string) []ErrorRow {
	t.Helper()
	var rows []ErrorRow
	for _, cells := range ReadTables(t, path, "| code |") {
		require.GreaterOrEqual(t, len(cells), 3, "%s: error row %q", path, cells)
		code, err := strconv.ParseUint(cells[0], 10, 32)
		require.NoError(t, err, "%s: error row %q", path, cells)
		rows = append(rows, ErrorRow{Code: uint32(code), GRPC: strings.Trim(cells[1], "`"), Text: cells[2]})
	}
	return rows
}

// RequireErrorTable checks a module README's error table against the
// errors registered in codespace: a row for every registered code and a
// registered code for every row, each with the registered text and the
// gRPC status a query answers that error with. It names every row that
// differs, not only the first.
func RequireErrorTable(t testing.TB, path, codespace string) {
	t.Helper()
	rows := ReadErrorTable(t, path)
	documented := map[uint32]ErrorRow{}
	for _, r := range rows {
		_, twice := documented[r.Code]
		require.False(t, twice, "%s: code %d has two rows", path, r.Code)
		documented[r.Code] = r
	}
	last := uint32(maxErrorCode)
	for code := range documented {
		last = max(last, code)
	}
	for code := uint32(2); code <= last; code++ {
		registered := Registered(codespace, code)
		row, ok := documented[code]
		if registered == nil {
			assert.False(t, ok, "%s: code %d (%q) is not a registered %s error", path, code, row.Text, codespace)
			continue
		}
		if !assert.True(t, ok, "%s: no row for %s code %d (%q)", path, codespace, code, registered.Error()) {
			continue
		}
		assert.Equal(t, registered.Error(), row.Text, "%s: code %d's text", path, code)
		got := status.Code(modulekit.QueryError(errorsmod.Wrap(registered, "any")))
		assert.Equal(t, got.String(), row.GRPC, "%s: code %d's gRPC status", path, code)
	}
}

// Registered is the error registered in codespace under code, or nil.
func Registered(codespace string, code uint32) *errorsmod.Error {
	var e *errorsmod.Error
	if !errors.As(errorsmod.ABCIError(codespace, code, ""), &e) || e.Error() == "unknown" {
		return nil // what ABCIError makes of a code nobody registered
	}
	return e
}
