package testutil

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// ModuleDocs is what a module's README documents, as the code has it.
type ModuleDocs struct {
	Codespace string       // registered errors: the "| code |" table
	Package   string       // proto package: its messages' fields and its events
	Keeper    any          // keeper: its exported collections, the "| collection |" table
	Params    bool         // the module has parameters: the "| param |" table
	Msg       reflect.Type // MsgServer interface: its messages, the "| message |" tables
	Query     reflect.Type // QueryServer interface: its queries, the "| query |" tables
}

// RequireREADME checks every table of a module README that lists code
// against the code: errors (RequireErrorTable), collections, parameters,
// messages, queries and events, each a set that must be the code's; a
// message or query written with its fields (`MsgX{a, b}`) names every
// field, and an event's attributes are its fields.
func RequireREADME(t testing.TB, path string, d ModuleDocs) {
	t.Helper()
	RequireErrorTable(t, path, d.Codespace)
	fields := messageFields(t, d.Package)
	requireNames(t, path, "| collection |", toSet(collectionFields(d.Keeper)), false)
	if d.Params {
		requireNames(t, path, "| param |", toSet(fields["Params"]), false)
	}
	msgs, queries := map[string][]string{}, map[string][]string{}
	for i := range d.Msg.NumMethod() {
		name := d.Msg.Method(i).Type.In(1).Elem().Name()
		msgs[name] = fields[name]
	}
	for i := range d.Query.NumMethod() {
		m := d.Query.Method(i)
		for _, f := range fields[m.Type.In(1).Elem().Name()] {
			if f != "pagination" { // may be left out: one paragraph says how every list pages
				queries[m.Name] = append(queries[m.Name], f)
			}
		}
		if queries[m.Name] == nil {
			queries[m.Name] = []string{}
		}
	}
	requireNames(t, path, "| message |", msgs, true)
	requireNames(t, path, "| query |", queries, true)
	events := map[string][]string{}
	for _, name := range eventNames(t, d.Package) {
		events[name] = fields[name]
	}
	requireNames(t, path, "| event |", events, false)
	for _, cells := range readTablesIfAny(t, path, "| event | attributes |") {
		for _, name := range cellNames(cells[0]) {
			assert.ElementsMatch(t, events[name], attributes(cells[1]), "%s: %s's attributes", path, name)
		}
	}
}

// nameList is a first cell naming several things: `X`, `Y`, `Z`.
var nameList = regexp.MustCompile("^`[A-Za-z0-9_.]+`(, `[A-Za-z0-9_.]+`)+$")

// attributes are the names an attributes cell lists, quoted or not:
// `a`, `b (what)` or a, b; "—" lists none.
func attributes(cell string) []string {
	names := []string{}
	for _, a := range strings.Split(cell, ",") {
		if i := strings.Index(a, " ("); i >= 0 {
			a = a[:i]
		}
		if a = strings.Trim(strings.TrimSpace(a), "`"); a != "" && a != "—" {
			names = append(names, a)
		}
	}
	return names
}

// cellNames are the names a first cell gives: `MsgX{a, b}`, `X` and
// `pkg.v1.X` all name X, and `X`, `Y` names both.
func cellNames(cell string) []string {
	names := []string{cell}
	if nameList.MatchString(cell) {
		names = strings.Split(cell, ", ")
	}
	for i, name := range names {
		name = strings.Trim(name, "`")
		if j := strings.IndexAny(name, "{ ("); j >= 0 {
			name = name[:j]
		}
		names[i] = name[strings.LastIndex(name, ".")+1:] // medchain.audit.v1.EventX names EventX
	}
	return names
}

// cellFields are the top-level fields a first cell lists in braces:
// `MsgX{a, b[], c[]{d, e}, f?}` lists a, b, c and f (a list, a list of a
// nested message, an optional field), and `{a | b}` lists a and b. What
// follows the first quoted part (` → `{answer}`) is not read.
func cellFields(cell string) []string {
	if quoted := strings.Split(cell, "`"); len(quoted) > 1 {
		cell = quoted[1]
	}
	fields := []string{}
	open := strings.Index(cell, "{")
	if open < 0 || !strings.HasSuffix(cell, "}") {
		return fields
	}
	depth, field := 0, ""
	for _, r := range cell[open+1 : len(cell)-1] {
		switch {
		case r == '{':
			depth++
		case r == '}':
			depth--
		case depth > 0:
		case r == ',':
			fields, field = appendField(fields, field), ""
		default:
			field += string(r)
		}
	}
	return appendField(fields, field)
}

// appendField adds f, or each of the alternatives "a | b" names.
func appendField(fields []string, f string) []string {
	for _, alt := range strings.Split(f, "|") {
		if alt = strings.TrimRight(strings.TrimSpace(alt), "[]?"); alt != "" {
			fields = append(fields, alt)
		}
	}
	return fields
}

// requireNames checks that the first cells of the tables under header
// name exactly the keys of want and, if listsFields, that each cell lists
// exactly want's fields for it (`Params` lists none).
func requireNames(t testing.TB, path, header string, want map[string][]string, listsFields bool) {
	t.Helper()
	var got, names []string
	for _, cells := range ReadTables(t, path, header) {
		for _, name := range cellNames(cells[0]) {
			got = append(got, name)
			if listsFields {
				listed := slices.DeleteFunc(cellFields(cells[0]), func(f string) bool { return f == "pagination" })
				assert.ElementsMatch(t, want[name], listed, "%s: %s's fields", path, name)
			}
		}
	}
	for name := range want {
		names = append(names, name)
	}
	assert.ElementsMatch(t, names, got, "%s: the tables under %q", path, header)
}

// readTablesIfAny is ReadTables, but a README without such a table has
// no rows.
func readTablesIfAny(t testing.TB, path, header string) [][]string {
	t.Helper()
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	if !strings.Contains(string(bz), header) {
		return nil
	}
	return ReadTables(t, path, header)
}

func toSet(names []string) map[string][]string {
	set := make(map[string][]string, len(names))
	for _, n := range names {
		set[n] = nil
	}
	return set
}

// collectionFields names the keeper's exported fields of collections types.
func collectionFields(keeper any) []string {
	var names []string
	typ := reflect.TypeOf(keeper)
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.IsExported() && f.Type.PkgPath() == "cosmossdk.io/collections" && f.Type.Name() != "Schema" {
			names = append(names, f.Name)
		}
	}
	return names
}

// packageMessages are the message descriptors of a proto package.
func packageMessages(t testing.TB, pkg string) []protoreflect.MessageDescriptor {
	t.Helper()
	files, err := gogoproto.MergedRegistry()
	require.NoError(t, err)
	var all []protoreflect.MessageDescriptor
	files.RangeFilesByPackage(protoreflect.FullName(pkg), func(fd protoreflect.FileDescriptor) bool {
		for i := range fd.Messages().Len() {
			all = append(all, fd.Messages().Get(i))
		}
		return true
	})
	require.NotEmpty(t, all, "proto package %s has no messages", pkg)
	return all
}

// messageFields are the field names of each message of a proto package.
func messageFields(t testing.TB, pkg string) map[string][]string {
	t.Helper()
	fields := map[string][]string{}
	for _, m := range packageMessages(t, pkg) {
		names := []string{}
		for i := range m.Fields().Len() {
			names = append(names, string(m.Fields().Get(i).Name()))
		}
		fields[string(m.Name())] = names
	}
	return fields
}

// eventNames names the typed events of a proto package: its messages
// whose names begin "Event" and that no message of the package holds (a
// query's EventFilter is held by its request).
func eventNames(t testing.TB, pkg string) []string {
	t.Helper()
	all := packageMessages(t, pkg)
	held := map[protoreflect.FullName]bool{}
	for _, m := range all {
		for i := range m.Fields().Len() {
			if f := m.Fields().Get(i).Message(); f != nil {
				held[f.FullName()] = true
			}
		}
	}
	var names []string
	for _, m := range all {
		if strings.HasPrefix(string(m.Name()), "Event") && !held[m.FullName()] {
			names = append(names, string(m.Name()))
		}
	}
	require.NotEmpty(t, names, "proto package %s has no events", pkg)
	return names
}
