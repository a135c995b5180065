// Package deploy carries the monitoring files an operator installs next to a
// node — Prometheus alert rules and a Grafana dashboard — and reads them, so
// that tests can check every metric they name against the node itself.
package deploy

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"

	"sigs.k8s.io/yaml"
)

var (
	//go:embed prometheus/alerts.yml
	alertsYAML []byte
	//go:embed grafana/medchain.json
	dashboardJSON []byte
)

// Rule is one Prometheus alert rule.
type Rule struct {
	Alert       string            `json:"alert"`
	Expr        string            `json:"expr"`
	For         string            `json:"for,omitempty"`
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
}

// AlertRules reads prometheus/alerts.yml.
func AlertRules() ([]Rule, error) {
	var file struct {
		Groups []struct {
			Name  string `json:"name"`
			Rules []Rule `json:"rules"`
		} `json:"groups"`
	}
	if err := yaml.UnmarshalStrict(alertsYAML, &file); err != nil {
		return nil, fmt.Errorf("alerts.yml: %w", err)
	}
	var rules []Rule
	for _, g := range file.Groups {
		rules = append(rules, g.Rules...)
	}
	return rules, nil
}

// Panel is one Grafana dashboard panel and its queries.
type Panel struct {
	Title   string `json:"title"`
	Type    string `json:"type"`
	Targets []struct {
		Expr string `json:"expr"`
	} `json:"targets"`
}

// DashboardPanels reads grafana/medchain.json.
func DashboardPanels() ([]Panel, error) {
	var dash struct {
		UID    string  `json:"uid"`
		Panels []Panel `json:"panels"`
	}
	if err := json.Unmarshal(dashboardJSON, &dash); err != nil {
		return nil, fmt.Errorf("medchain.json: %w", err)
	}
	if dash.UID == "" {
		return nil, fmt.Errorf("medchain.json: the dashboard has no uid")
	}
	return dash.Panels, nil
}

// Exprs lists every PromQL expression of the alert rules and the dashboard.
func Exprs() ([]string, error) {
	rules, err := AlertRules()
	if err != nil {
		return nil, err
	}
	panels, err := DashboardPanels()
	if err != nil {
		return nil, err
	}
	var exprs []string
	for _, r := range rules {
		exprs = append(exprs, r.Expr)
	}
	for _, p := range panels {
		for _, t := range p.Targets {
			exprs = append(exprs, t.Expr)
		}
	}
	return exprs, nil
}

// metricRe finds medchain and CometBFT metric names, with an optional label
// matcher right after the name.
var metricRe = regexp.MustCompile(`\b((?:medchain|cometbft)_[a-z0-9_]+)(\{[^}]*\})?`)

// labelRe reads one equality matcher: name="value".
var labelRe = regexp.MustCompile(`([a-z_]+)="([^"]*)"`)

// Series is a metric named by an expression, with the label values it
// matches on (name → value), if any.
type Series struct {
	Name   string
	Labels map[string]string
}

// Referenced lists every series the alert rules and dashboard name, sorted
// by name, once each.
func Referenced() ([]Series, error) {
	exprs, err := Exprs()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []Series
	for _, e := range exprs {
		for _, m := range metricRe.FindAllStringSubmatch(e, -1) {
			key := m[1] + m[2]
			if seen[key] {
				continue
			}
			seen[key] = true
			s := Series{Name: m[1], Labels: map[string]string{}}
			for _, l := range labelRe.FindAllStringSubmatch(m[2], -1) {
				s.Labels[l[1]] = l[2]
			}
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
