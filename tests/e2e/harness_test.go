// Package e2e drives real medchaind processes on loopback, as integrators and
// operators do: the local consortium script, gRPC, and the node's RPC.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/medchain/medchain/app"
)

const (
	// portOffset keeps the test consortium clear of one a developer runs.
	portOffset = 1000
	chainID    = "medchain-e2e"
)

var nodeNames = []string{"hospital-a", "hospital-b", "hospital-c", "hospital-d", "regulator"}

const regulator = 4

func rpcPort(i int) int  { return 26657 + 100*i + portOffset }
func p2pPort(i int) int  { return 26656 + 100*i + portOffset }
func abciPort(i int) int { return 26658 + 100*i + portOffset }
func grpcPort(i int) int { return 9090 + i + portOffset }
func apiPort(i int) int  { return 1317 + i + portOffset }

// repoRoot is the repository's top directory.
func repoRoot(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// binary returns the medchaind to test: $MEDCHAIND (what `make test` built),
// or a fresh build.
func binary(t *testing.T) string {
	if bin := os.Getenv("MEDCHAIND"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "medchaind")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/medchaind")
	cmd.Dir = repoRoot(t)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// localnet is a running test consortium.
type localnet struct {
	t    *testing.T
	bin  string
	home string
	enc  app.EncodingConfig
	// doctor is hospital-a's clinician agent, once registered.
	doctor *signer
	// patient has a lab record (labRecord) anchored at hospital-a, once the records test ran.
	patient   *signer
	labRecord string
}

func (n *localnet) script(args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(repoRoot(n.t), "testnet", "localnet.sh"), args...)
	cmd.Env = append(os.Environ(),
		"MEDCHAIND="+n.bin,
		"LOCALNET_HOME="+n.home,
		"LOCALNET_PORT_OFFSET="+strconv.Itoa(portOffset),
		"LOCALNET_CHAIN_ID="+chainID,
		"LOCALNET_TIMEOUT=240",
	)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (n *localnet) nodeHome(i int) string { return filepath.Join(n.home, nodeNames[i]) }

// pids returns the process IDs the script recorded for the nodes.
func (n *localnet) pids() []int {
	var out []int
	for i := range nodeNames {
		bz, err := os.ReadFile(filepath.Join(n.nodeHome(i), "medchaind.pid"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(bz)))
		require.NoError(n.t, err)
		out = append(out, pid)
	}
	return out
}

func (n *localnet) conn(i int) *grpc.ClientConn {
	c, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", grpcPort(i)),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(codec.NewProtoCodec(n.enc.InterfaceRegistry).GRPCCodec())),
	)
	require.NoError(n.t, err)
	n.t.Cleanup(func() { _ = c.Close() })
	return c
}

// rpc GETs a CometBFT RPC path on a node's RPC port and decodes .result into out.
func rpc(t *testing.T, port int, path string, out any) error {
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get(fmt.Sprintf("http://127.0.0.1:%d/%s", port, path))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var env struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.NewDecoder(res.Body).Decode(&env); err != nil {
		return err
	}
	return json.Unmarshal(env.Result, out)
}

type netInfo struct {
	NPeers string `json:"n_peers"`
	Peers  []struct {
		NodeInfo struct {
			ID string `json:"id"`
		} `json:"node_info"`
	} `json:"peers"`
}

type nodeStatus struct {
	SyncInfo struct {
		LatestBlockHeight string `json:"latest_block_height"`
	} `json:"sync_info"`
}

func height(t *testing.T, port int) int64 {
	var st nodeStatus
	if err := rpc(t, port, "status", &st); err != nil {
		return -1
	}
	h, _ := strconv.ParseInt(st.SyncInfo.LatestBlockHeight, 10, 64)
	return h
}

// waitFor polls cond every 200ms until it holds or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// setTOML sets key = value inside [section] ("" = top level) of a TOML file.
func setTOML(t *testing.T, file, section, key, value string) {
	bz, err := os.ReadFile(file)
	require.NoError(t, err)
	lines := strings.Split(string(bz), "\n")
	current, done := "", false
	header := regexp.MustCompile(`^\[([^\]]+)\]`)
	for i, line := range lines {
		if m := header.FindStringSubmatch(line); m != nil {
			current = m[1]
			continue
		}
		if current == section && strings.HasPrefix(line, key+" = ") {
			lines[i] = key + " = " + value
			done = true
			break
		}
	}
	require.True(t, done, "no %s in [%s] of %s", key, section, file)
	require.NoError(t, os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o600))
}

func ctxTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
