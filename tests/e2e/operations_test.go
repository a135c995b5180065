package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/deploy"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// version is what `medchaind version --long` reports, checked for a name,
// a version and a commit.
func (n *localnet) version(t testing.TB) string {
	out, err := exec.Command(n.bin, "version", "--long", "--output", "json").Output()
	require.NoError(t, err)
	var v struct {
		Name       string `json:"name"`
		ServerName string `json:"server_name"`
		Version    string `json:"version"`
		Commit     string `json:"commit"`
	}
	require.NoError(t, json.Unmarshal(out, &v), string(out))
	require.Equal(t, "medchain", v.Name)
	require.Equal(t, "medchaind", v.ServerName)
	require.NotEmpty(t, v.Version, "make build sets the version")
	require.Len(t, v.Commit, 40, "make build sets the commit")
	return v.Version
}

// The binary and every node report the version they were built from.
func (n *localnet) testVersion(t *testing.T) {
	version := n.version(t)
	var info struct {
		Response struct {
			Version string `json:"version"`
		} `json:"response"`
	}
	require.NoError(t, n.rpc(regulator, "abci_info", &info))
	require.Equal(t, version, info.Response.Version, "the node reports the app version it runs")
}

// scrape reads a Prometheus text endpoint: one sample per line, keyed by the
// metric's name and labels as served.
func scrape(t testing.TB, url string) samples {
	t.Helper()
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, url)
	var out samples
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sep := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[sep+1:], 64)
		require.NoError(t, err, line)
		name, labels, _ := strings.Cut(line[:sep], "{")
		out = append(out, sample{name: name, labels: strings.TrimSuffix(labels, "}"), value: v})
	}
	require.NoError(t, sc.Err())
	return out
}

type sample struct {
	name, labels string // labels as served: a="x",b="y"
	value        float64
}

type samples []sample

// sum adds the samples of a metric whose labels include every matcher
// (name="value").
func (s samples) sum(name string, matchers ...string) (total float64, found bool) {
next:
	for _, x := range s {
		if x.name != name {
			continue
		}
		for _, m := range matchers {
			if !strings.Contains(","+x.labels+",", ","+m+",") {
				continue next
			}
		}
		total, found = total+x.value, true
	}
	return total, found
}

// medchainMetrics are node i's medchain counters (the API's telemetry).
func (n *localnet) medchainMetrics(t testing.TB, i int) samples {
	return scrape(t, fmt.Sprintf("http://%s:%d/metrics?format=prometheus", n.ep[i].host, n.ep[i].api))
}

// cometMetrics are node i's CometBFT metrics (instrumentation.prometheus).
func (n *localnet) cometMetrics(t testing.TB, i int) samples {
	return scrape(t, fmt.Sprintf("http://%s:%d/metrics", n.ep[i].host, n.ep[i].prom))
}

// The node's own counters move with what it executes and refuses: anchors,
// access decisions by outcome, refused signers; and every series the alert
// rules and the dashboard query is served by a running validator.
func (n *localnet) testMetrics(t *testing.T) {
	ctx := ctxTimeout(t, 2*time.Minute)
	agent := n.newAgent(ctx, t, 1, "metrics-gateway", consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY)
	before := n.medchainMetrics(t, 1)
	patient := n.newKey(t, "metrics-patient")
	rec := n.anchor(ctx, t, 1, agent, patient.addr, recordstypes.Category_CATEGORY_LAB)
	n.deliver(ctx, t, n.conn(1), agent, requestMsg(agent, patient.addr.String(), rec))
	stranger := n.newKey(t, "metrics-stranger")
	res := n.broadcast(ctx, t, n.conn(1), stranger, anchorMsg(stranger.addr, patient.addr, randomID(), recordstypes.Category_CATEGORY_LAB))
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), res.Code)

	for _, c := range []struct {
		name, matcher string
	}{
		{"medchain_records_anchored", ""},
		{"medchain_audit_access", `decision="denied"`},
		{"medchain_consortium_refused_signers", ""},
	} {
		var matchers []string
		if c.matcher != "" {
			matchers = append(matchers, c.matcher)
		}
		was, _ := before.sum(c.name, matchers...)
		waitFor(t, 10*time.Second, c.name+" to move", func() bool {
			now, _ := n.medchainMetrics(t, 1).sum(c.name, matchers...)
			return now-was >= 1
		})
	}

	refs, err := deploy.Referenced()
	require.NoError(t, err)
	medchain, comet := n.medchainMetrics(t, 1), n.cometMetrics(t, 1)
	for _, ref := range refs {
		served := comet
		if strings.HasPrefix(ref.Name, "medchain_") {
			served = medchain
		}
		var matchers []string
		for k, v := range ref.Labels {
			matchers = append(matchers, fmt.Sprintf("%s=%q", k, v))
		}
		_, found := served.sum(ref.Name, matchers...)
		require.True(t, found, "a validator serves %s%v, which the alert rules or the dashboard query", ref.Name, ref.Labels)
	}
}
