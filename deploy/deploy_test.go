package deploy_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/deploy"
)

// Every alert can be routed and read: a unique name, an expression, a
// severity the receivers know and a summary.
func TestAlertRulesAreComplete(t *testing.T) {
	rules, err := deploy.AlertRules()
	require.NoError(t, err)
	require.NotEmpty(t, rules)
	seen := map[string]bool{}
	for _, r := range rules {
		require.NotEmpty(t, r.Alert)
		require.False(t, seen[r.Alert], "alert %s is defined twice", r.Alert)
		seen[r.Alert] = true
		require.NotEmpty(t, r.Expr, r.Alert)
		require.Contains(t, []string{"page", "warn", "info"}, r.Labels["severity"], r.Alert)
		require.NotEmpty(t, r.Annotations["summary"], r.Alert)
	}
	for _, must := range []string{"BreakGlassAccess", "AccessDenialSpike", "ValidatorMissingBlocks", "ChainHalted"} {
		require.True(t, seen[must], "the rules alert on %s", must)
	}
}

func TestDashboardPanelsQuerySomething(t *testing.T) {
	panels, err := deploy.DashboardPanels()
	require.NoError(t, err)
	require.NotEmpty(t, panels)
	for _, p := range panels {
		require.NotEmpty(t, p.Title)
		require.NotEmpty(t, p.Targets, p.Title)
		for _, q := range p.Targets {
			require.NotEmpty(t, q.Expr, p.Title)
		}
	}
}

func TestReferencedReadsNamesAndLabelMatchers(t *testing.T) {
	refs, err := deploy.Referenced()
	require.NoError(t, err)
	byName := map[string][]map[string]string{}
	for _, s := range refs {
		byName[s.Name] = append(byName[s.Name], s.Labels)
	}
	require.Contains(t, byName, "medchain_audit_break_glass")
	require.Contains(t, byName, "cometbft_consensus_height")
	require.Contains(t, byName["medchain_audit_access"], map[string]string{"decision": "denied"},
		"the denial alert matches on its label")
	for name := range byName {
		require.NotContains(t, name, "{", "a name stops before its labels")
	}
}
