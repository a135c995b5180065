package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The README's integrator example, built and run as an integrator would
// against hospital-a's gRPC: it enrols a clinician, anchors a record, the
// patient's app grants, the clinician is allowed, and the audit reads back.
func (n *localnet) testIntegratorExample(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "integrator")
	build := exec.Command("go", "build", "-o", bin, "./examples/integrator")
	build.Dir = repoRoot(t)
	build.Env = os.Environ()
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	out, err = exec.Command(bin, "--grpc", fmt.Sprintf("%s:%d", n.ep[0].host, n.ep[0].grpc), "--home", n.nodeHome(0)).CombinedOutput()
	require.NoError(t, err, string(out))
	m := regexp.MustCompile(`(?s)anchored record ([0-9a-f]{32}) at height \d+ \(tx [0-9A-F]{64}\)\n` +
		`patient granted consent (\d+)\n` +
		`access DECISION_ALLOWED under grant (\d+) \(event (\d+)\)\n` +
		`audit: event (\d+) at height \d+: ACTION_READ by med1\w+ for PURPOSE_TREAT: DECISION_ALLOWED\n$`).FindStringSubmatch(string(out))
	require.NotNil(t, m, string(out))
	require.Equal(t, m[2], m[3], "allowed under the patient's grant")
	require.Equal(t, m[4], m[5], "the audit trail holds the decision's event")
}

// Every path of the committed OpenAPI description is a route of a node's
// REST gateway: a GET reaches the query, which answers JSON (a missing
// argument or id is the query's own 400 or 404), never the router's plain
// "404 page not found" or a 501.
func (n *localnet) testOpenAPI(t *testing.T) {
	bz, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "openapi", "medchain.swagger.json"))
	require.NoError(t, err)
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
		} `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(bz, &doc))
	require.GreaterOrEqual(t, len(doc.Paths), 30)
	fill := strings.NewReplacer("{event_id}", "1", "{grant_id}", "1", "{request_id}", "1", "{batch_id}", "1", "{proposal_id}", "1")
	client := http.Client{Timeout: 5 * time.Second}
	for path, ops := range doc.Paths {
		url := fmt.Sprintf("http://%s:%d%s", n.ep[0].host, n.ep[0].api, fill.Replace(path))
		url = regexp.MustCompile(`\{[a-z_]+\}`).ReplaceAllString(url, n.operator(t, 0).addr.String())
		for method, op := range ops {
			req, err := http.NewRequest(strings.ToUpper(method), url, strings.NewReader("{}"))
			require.NoError(t, err)
			res, err := client.Do(req)
			require.NoError(t, err, url)
			body, err := io.ReadAll(res.Body)
			_ = res.Body.Close()
			require.NoError(t, err)
			require.NotContains(t, []int{http.StatusNotImplemented, http.StatusMethodNotAllowed}, res.StatusCode, "%s %s (%s)", method, url, op.OperationID)
			require.True(t, json.Valid(body), "%s %s (%s) answered %d: %s", method, url, op.OperationID, res.StatusCode, body)
		}
	}
}
