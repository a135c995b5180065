package app_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// medchainPackages are the protobuf packages of the chain's modules.
var medchainPackages = []protoreflect.FullName{
	"medchain.consortium.v1", "medchain.records.v1", "medchain.consent.v1", "medchain.audit.v1",
}

// onChainMessages lists every message that is a transaction, stored state,
// genesis or an event (queries are answers, not chain content) by short
// name (each module has a GenesisState, so a name may have several).
func onChainMessages(t *testing.T) map[string][]protoreflect.MessageDescriptor {
	t.Helper()
	out := map[string][]protoreflect.MessageDescriptor{}
	files, err := gogoproto.MergedRegistry()
	require.NoError(t, err)
	for _, pkg := range medchainPackages {
		files.RangeFilesByPackage(pkg, func(fd protoreflect.FileDescriptor) bool {
			if strings.HasSuffix(fd.Path(), "/query.proto") {
				return true
			}
			msgs := fd.Messages()
			for i := range msgs.Len() {
				m := msgs.Get(i)
				out[string(m.Name())] = append(out[string(m.Name())], m)
			}
			return true
		})
	}
	require.Greater(t, len(out), 40, "the module protos are registered")
	return out
}

var inventoryEntry = regexp.MustCompile("`([A-Z][A-Za-z]+)\\.([a-z_]+)`")

// Every string or bytes field of every transaction, stored object, genesis
// and event is listed in docs/privacy.md — a new one fails here until the
// inventory says what it holds and why it is not health data — and the
// inventory names no field that does not exist.
func TestPrivacyInventoryListsEveryField(t *testing.T) {
	doc, err := os.ReadFile("../docs/privacy.md")
	require.NoError(t, err)
	listed := map[string]bool{}
	for _, m := range inventoryEntry.FindAllStringSubmatch(string(doc), -1) {
		listed[m[1]+"."+m[2]] = true
	}
	msgs := onChainMessages(t)
	var missing []string
	for name, ms := range msgs {
		for _, m := range ms {
			fields := m.Fields()
			for i := range fields.Len() {
				f := fields.Get(i)
				if f.Kind() != protoreflect.StringKind && f.Kind() != protoreflect.BytesKind {
					continue
				}
				if !listed[name+"."+string(f.Name())] {
					missing = append(missing, string(m.FullName())+"."+string(f.Name()))
				}
			}
		}
	}
	require.Empty(t, missing, "docs/privacy.md must list what these fields hold, why they are not health data and who reads them")

	for entry := range listed {
		name, field, _ := strings.Cut(entry, ".")
		ms, ok := msgs[name]
		if !ok {
			continue // not a protobuf message of ours (e.g. a Go identifier)
		}
		exists := false
		for _, m := range ms {
			exists = exists || m.Fields().ByName(protoreflect.Name(field)) != nil
		}
		require.True(t, exists, "docs/privacy.md lists %s, which does not exist", entry)
	}
}

// No message carries a field whose name says it holds prose.
func TestNoFreeTextFields(t *testing.T) {
	prose := regexp.MustCompile(`(^|_)(justification|reason|note|memo|description|comment|text|name)$`)
	for name, ms := range onChainMessages(t) {
		for _, m := range ms {
			fields := m.Fields()
			for i := range fields.Len() {
				f := fields.Get(i)
				if f.Kind() != protoreflect.StringKind || !prose.MatchString(string(f.Name())) {
					continue
				}
				switch name + "." + string(f.Name()) {
				case "Member.name", "EventMemberSuspended.reason": // an institution's name; machine text (docs/privacy.md)
					continue
				}
				t.Errorf("%s.%s is a string that reads like prose: make it a code, or a hash of a note kept off chain", m.FullName(), f.Name())
			}
		}
	}
}
