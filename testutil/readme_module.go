package testutil

import (
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

// RequireREADME checks every table of module's README (at path) that
// lists code against the code: errors (RequireErrorTable, codespace
// module), and the sets of collections (keeper's), parameters, messages,
// queries and events (proto package medchain.<module>.v1). A message or
// query written with its fields (`MsgX{a, b}`) names every field, and the
// event table's second column, "attributes", lists each event's fields.
func RequireREADME(t testing.TB, path, module string, keeper any) {
	t.Helper()
	RequireErrorTable(t, path, module)
	pkg := readPackage(t, "medchain."+module+".v1")
	requireNames(t, path, "| collection |", toSet(collectionFields(keeper)), false)
	if params, ok := pkg.fields["Params"]; ok {
		requireNames(t, path, "| param |", toSet(params), false)
	}
	msgs := map[string][]string{}
	for _, m := range pkg.methods("Msg") {
		msgs[string(m.Input().Name())] = pkg.fields[string(m.Input().Name())]
	}
	queries := map[string][]string{}
	for _, m := range pkg.methods("Query") {
		queries[string(m.Name())] = slices.DeleteFunc(slices.Clone(pkg.fields[string(m.Input().Name())]),
			func(f string) bool { return f == "pagination" }) // may be left out: one paragraph says how every list pages
	}
	requireNames(t, path, "| message |", msgs, true)
	requireNames(t, path, "| query |", queries, true)
	events := map[string][]string{}
	for _, name := range pkg.events() {
		events[name] = pkg.fields[name]
	}
	requireNames(t, path, "| event |", events, false)
	for _, cells := range ReadTables(t, path, "| event | attributes |") {
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

// protoPackage is what a proto package declares.
type protoPackage struct {
	name     protoreflect.FullName
	messages []protoreflect.MessageDescriptor
	services []protoreflect.ServiceDescriptor
	fields   map[string][]string // each message's field names
}

// readPackage reads a proto package from the registry of every
// registered file.
func readPackage(t testing.TB, name string) protoPackage {
	t.Helper()
	files, err := gogoproto.MergedRegistry()
	require.NoError(t, err)
	p := protoPackage{name: protoreflect.FullName(name), fields: map[string][]string{}}
	files.RangeFilesByPackage(p.name, func(fd protoreflect.FileDescriptor) bool {
		for i := range fd.Messages().Len() {
			p.messages = append(p.messages, fd.Messages().Get(i))
		}
		for i := range fd.Services().Len() {
			p.services = append(p.services, fd.Services().Get(i))
		}
		return true
	})
	require.NotEmpty(t, p.messages, "proto package %s has no messages", name)
	for _, m := range p.messages {
		names := []string{}
		for i := range m.Fields().Len() {
			names = append(names, string(m.Fields().Get(i).Name()))
		}
		p.fields[string(m.Name())] = names
	}
	return p
}

// methods are the methods of the package's service of that name.
func (p protoPackage) methods(service string) []protoreflect.MethodDescriptor {
	var methods []protoreflect.MethodDescriptor
	for _, s := range p.services {
		if s.Name() == protoreflect.Name(service) {
			for i := range s.Methods().Len() {
				methods = append(methods, s.Methods().Get(i))
			}
		}
	}
	return methods
}

// events names the package's typed events: its messages whose names
// begin "Event" and that no message of the package holds (a query's
// EventFilter is held by its request).
func (p protoPackage) events() []string {
	held := map[protoreflect.FullName]bool{}
	for _, m := range p.messages {
		for i := range m.Fields().Len() {
			if f := m.Fields().Get(i).Message(); f != nil {
				held[f.FullName()] = true
			}
		}
	}
	var names []string
	for _, m := range p.messages {
		if strings.HasPrefix(string(m.Name()), "Event") && !held[m.FullName()] {
			names = append(names, string(m.Name()))
		}
	}
	return names
}
