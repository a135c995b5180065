// Package metrics counts what a hospital's operators watch on a node —
// anchors, grants, access decisions, break-glass accesses, refused signers
// and peers — through the SDK's telemetry: with `[telemetry] enabled` in
// app.toml, the API server serves them at /metrics?format=prometheus as
// medchain_<module>_<name> counters. Nothing here touches state: the counts
// are the node's own and may differ between nodes (a node counts what it
// executed, checked or refused).
//
// Every counter is declared once, where it is counted, with the values its
// label can take; Declare sets each of them to zero when the node starts,
// so that dashboards and alert rules see every series from the first scrape
// (a series that appears only at its first event hides that event from
// rate() and increase()).
package metrics

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cosmos/cosmos-sdk/telemetry"
	gometrics "github.com/hashicorp/go-metrics"
)

// Prefix starts every medchain metric name.
const Prefix = "medchain"

// Counter is one medchain counter, optionally with one label.
type Counter struct {
	keys   []string // medchain, module, name
	label  string   // the label's name, "" for none
	values []string // the values the label takes
}

var (
	mu       sync.Mutex
	declared []Counter // every counter, in declaration order
)

// New declares the counter medchain_<module>_<name>.
func New(module, name string) Counter {
	return declare(Counter{keys: []string{Prefix, module, name}})
}

// NewLabelled declares the counter medchain_<module>_<name>{label=...} whose
// label takes the given values.
func NewLabelled(module, name, label string, values ...string) Counter {
	return declare(Counter{keys: []string{Prefix, module, name}, label: label, values: values})
}

func declare(c Counter) Counter {
	mu.Lock()
	defer mu.Unlock()
	declared = append(declared, c)
	return c
}

// Name is the counter's name as Prometheus shows it.
func (c Counter) Name() string { return strings.Join(c.keys, "_") }

// Inc adds one to an unlabelled counter.
func (c Counter) Inc() {
	telemetry.IncrCounter(1, c.keys...) //nolint:staticcheck // the SDK's go-metrics path serves Prometheus
}

// Other is the label value counted for a value the declaration did not
// list: labels stay a short list of codes, never an address or an id.
const Other = "other"

// IncWith adds one to the series whose label has this value (Other for a
// value not declared).
func (c Counter) IncWith(value string) {
	if !slices.Contains(c.values, value) {
		value = Other
	}
	c.add(1, value)
}

func (c Counter) add(n float32, value string) {
	telemetry.IncrCounterWithLabels(c.keys, n, //nolint:staticcheck // as above
		[]gometrics.Label{telemetry.NewLabel(c.label, value)})
}

// Declare sets every declared series to zero. Call it once the telemetry
// sink is up (the node's start does).
func Declare() {
	mu.Lock()
	defer mu.Unlock()
	for _, c := range declared {
		if c.label == "" {
			telemetry.IncrCounter(0, c.keys...) //nolint:staticcheck // as above
			continue
		}
		for _, v := range c.values {
			c.add(0, v)
		}
	}
}

// Names lists every declared counter's name, sorted.
func Names() []string {
	mu.Lock()
	defer mu.Unlock()
	names := make([]string, 0, len(declared))
	for _, c := range declared {
		names = append(names, c.Name())
	}
	sort.Strings(names)
	return names
}

// Values lists the values the named counter's label takes (nil for an
// unlabelled or unknown counter).
func Values(name string) []string {
	mu.Lock()
	defer mu.Unlock()
	for _, c := range declared {
		if c.Name() == name {
			return c.values
		}
	}
	return nil
}
