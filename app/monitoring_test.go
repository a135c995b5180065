package app_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	_ "github.com/medchain/medchain/app" // declares every module's counters
	"github.com/medchain/medchain/deploy"
	"github.com/medchain/medchain/internal/metrics"
)

// The alert rules and dashboard name only counters the modules declare, with
// label values they emit: a renamed counter cannot silently blind an alert.
func TestMonitoringNamesOnlyDeclaredCounters(t *testing.T) {
	refs, err := deploy.Referenced()
	require.NoError(t, err)
	declared := metrics.Names()
	for _, s := range refs {
		if !strings.HasPrefix(s.Name, metrics.Prefix+"_") {
			continue
		}
		require.Contains(t, declared, s.Name)
		for label, value := range s.Labels {
			require.Contains(t, metrics.Values(s.Name), value, "%s{%s=...}", s.Name, label)
		}
	}
}

// Every counter the node serves is on the dashboard.
func TestDashboardShowsEveryCounter(t *testing.T) {
	exprs, err := deploy.Exprs()
	require.NoError(t, err)
	all := strings.Join(exprs, "\n")
	for _, name := range metrics.Names() {
		require.Contains(t, all, name, "the dashboard shows %s", name)
	}
}

// The counters an operator is promised exist: anchors, amendments, grants,
// revocations, expiries, access decisions by outcome, break-glass accesses,
// refused signers and peers.
func TestPromisedCountersAreDeclared(t *testing.T) {
	for _, name := range []string{
		"medchain_records_anchored", "medchain_records_amended", "medchain_consent_granted",
		"medchain_consent_revoked", "medchain_consent_expired", "medchain_audit_access",
		"medchain_audit_break_glass", "medchain_consortium_refused_signers", "medchain_consortium_refused_peers",
	} {
		require.Contains(t, metrics.Names(), name)
	}
	require.Subset(t, metrics.Values("medchain_audit_access"), []string{"allowed", "denied", "emergency"})
}
