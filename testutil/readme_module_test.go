package testutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
)

// Each module's README tables of errors, collections, parameters,
// messages, queries and events are the module's, row for row.
func TestModuleREADMEs(t *testing.T) {
	s := NewStack(t)
	for name, keeper := range map[string]any{"audit": s.Audit, "consent": s.Consent, "consortium": s.Consortium, "records": s.Records} {
		t.Run(name, func(t *testing.T) {
			RequireREADME(t, filepath.Join("..", "x", name, "README.md"), name, keeper)
		})
	}
}

// checkREADME runs RequireREADME over x/consortium's README with one
// line replaced, and returns what it found wrong.
func checkREADME(t *testing.T, old, replacement string) []string {
	t.Helper()
	bz, err := os.ReadFile("../x/consortium/README.md")
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(bz), old), "the README has %q once", old)
	path := filepath.Join(t.TempDir(), "README.md")
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(bz), old, replacement, 1)), 0o600))
	return failed(t, func(f testing.TB) { RequireREADME(f, path, "consortium", consortiumkeeper.Keeper{}) })
}

// The module's own README passes; each way a README can fall behind the
// code is named: a row gone or invented in each table, a field or an
// attribute left out.
func TestRequireREADME(t *testing.T) {
	require.Empty(t, checkREADME(t, "## Events", "## Events"))
	for _, c := range []struct{ name, old, replacement, want string }{
		{"a collection left out", "| `NodeIDs` |", "| `NodeIDz` |", "the tables under \"| collection |\""},
		{"a parameter left out", "| `max_members` |", "| `max_memberz` |", "the tables under \"| param |\""},
		{"a message left out", "| `MsgAddAgent{", "| `MsgAddAgentz{", "the tables under \"| message |\""},
		{"a message's field left out", "`MsgAddAgent{operator, agent, role}`", "`MsgAddAgent{operator, agent}`", "MsgAddAgent's fields"},
		{"a query's field left out", "| `Member{operator}`", "| `Member{}`", "Member's fields"},
		{"an event left out", "| `EventAgentAdded` |", "| `EventAgentAddedz` |", "the tables under \"| event |\""},
		{"an event's attribute left out", "| `EventVoted` | `proposal_id`, `voter`, `option` |", "| `EventVoted` | `proposal_id`, `voter` |", "EventVoted's attributes"},
		{"an error's text", "| 3 | NotFound | member not found |", "| 3 | NotFound | no such member |", "code 3's text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			said := checkREADME(t, c.old, c.replacement)
			require.NotEmpty(t, said)
			require.Contains(t, strings.Join(said, "\n"), c.want)
		})
	}
}

// cellFields reads the README's notation for fields.
func TestCellFields(t *testing.T) {
	for cell, want := range map[string][]string{
		"`MsgX{a, b[], c[]{d, e}, f?}`":     {"a", "b", "c", "f"},
		"`MsgX{a, b | c}` → `{answer, id}`": {"a", "b", "c"},
		"`Params`":                          {},
		"`EmergencyEvents{filter}`":         {"filter"},
	} {
		require.Equal(t, want, cellFields(cell), cell)
	}
	require.Equal(t, []string{"EventA", "EventB"}, cellNames("`EventA`, `EventB`"))
	require.Equal(t, []string{"EventA"}, cellNames("`medchain.audit.v1.EventA`"))
	require.Equal(t, []string{"a", "b"}, attributes("`a`, `b` (count)"))
	require.Equal(t, []string{}, attributes("—"))
}
