// Package enums reads and writes generated protobuf enum values by their
// short names — CATEGORY_MENTAL_HEALTH is "mental-health", PURPOSE_TREAT is
// "treat", the spelling the CLI's flags and arguments take — for CLI flags,
// exports, FHIR codes and validation, in one place.
package enums

import (
	"fmt"
	"sort"
	"strings"
)

// Known reports whether v is a named value other than the zero
// (UNSPECIFIED) one.
func Known[E ~int32](names map[int32]string, v E) bool {
	return v != 0 && names[int32(v)] != ""
}

// Short is the kebab-case name of v without prefix: Short("CATEGORY_",
// CATEGORY_MENTAL_HEALTH) is "mental-health". The zero (unspecified) value
// is "".
func Short[E ~int32](prefix string, names map[int32]string, v E) string {
	if v == 0 {
		return ""
	}
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(names[int32(v)], prefix)), "_", "-")
}

// Parse reads one value named by its short name or its full name, in any
// case, with '-' or '_' between words. The zero value is never accepted; an
// unknown name gets an error listing the valid ones.
func Parse[E ~int32](what, prefix string, values map[string]int32, s string) (E, error) {
	key := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", "_"))
	if !strings.HasPrefix(key, prefix) {
		key = prefix + key
	}
	v, ok := values[key]
	if !ok || v == 0 {
		return 0, fmt.Errorf("unknown %s %q: one of %s", what, s, strings.Join(Names(prefix, values), ", "))
	}
	return E(v), nil
}

// ParseList reads comma-separated names with Parse; empty entries are
// skipped, and a value named twice (in any spelling) is refused.
func ParseList[E ~int32](what, prefix string, values map[string]int32, s string) ([]E, error) {
	var out []E
	seen := map[E]bool{}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		v, err := Parse[E](what, prefix, values, part)
		if err != nil {
			return nil, err
		}
		if seen[v] {
			return nil, fmt.Errorf("%s %q is listed twice", what, strings.TrimSpace(part))
		}
		seen[v] = true
		out = append(out, v)
	}
	return out, nil
}

// Names lists the short names of every value but the zero one, in value order.
func Names(prefix string, values map[string]int32) []string {
	type kv struct {
		name string
		v    int32
	}
	var all []kv
	for name, v := range values {
		if v != 0 {
			all = append(all, kv{strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(name, prefix)), "_", "-"), v})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v < all[j].v })
	out := make([]string, len(all))
	for i, e := range all {
		out[i] = e.name
	}
	return out
}
