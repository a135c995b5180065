// Package e2e drives real medchaind processes, as integrators and operators
// do: the local consortium script, gRPC, the node's RPC, and signals.
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
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
)

var nodeNames = []string{"hospital-a", "hospital-b", "hospital-c", "hospital-d", "regulator"}

const (
	regulator  = 4
	validators = 4
)

// repoRoot is the repository's top directory.
// go test runs in the package's directory (tests/e2e); builds are -trimpath,
// so source file paths do not name it.
func repoRoot(t testing.TB) string {
	wd, err := os.Getwd()
	require.NoError(t, err)
	return filepath.Clean(filepath.Join(wd, "..", ".."))
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// binary returns the medchaind to test: $MEDCHAIND (what `make test` built),
// or one build shared by every test of the package.
func binary(t testing.TB) string {
	if bin := os.Getenv("MEDCHAIND"); bin != "" {
		return bin
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "medchaind-e2e")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "medchaind")
		// The Makefile's build: same flags, version and commit as `make test`.
		cmd := exec.Command("make", "build", "BINARY="+builtBin)
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%w: %s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return builtBin
}

// endpoint is where one node listens, as `localnet.sh endpoints` prints it.
type endpoint struct {
	name, host                string
	rpc, grpc, api, p2p, prom int
}

// netConfig chooses a test consortium's ports, chain ID and network mode.
type netConfig struct {
	offset  int    // added to every port on loopback; picks the subnet in namespace mode
	chainID string // chain ID
	netns   bool   // each node in its own network namespace, with its own IP
}

// localnet is a running test consortium.
type localnet struct {
	t     *testing.T
	bin   string
	home  string
	cfg   netConfig
	enc   app.EncodingConfig
	ep    []endpoint
	mu    sync.Mutex
	conns map[int]*grpc.ClientConn
	// clients are the integrator clients on conns.
	clients map[*grpc.ClientConn]*medclient.Client
}

// startLocalnet starts a consortium with the script of `make localnet-start`
// and stops it when the test ends.
func startLocalnet(t *testing.T, cfg netConfig) *localnet {
	n := &localnet{t: t, bin: binary(t), home: t.TempDir(), cfg: cfg, enc: app.MakeEncodingConfig(), conns: map[int]*grpc.ClientConn{}}
	out, err := n.script("start")
	t.Cleanup(func() {
		n.closeConns()
		if out, err := n.script("stop"); err != nil {
			t.Logf("stopping the consortium: %v: %s", err, out)
		}
	})
	require.NoError(t, err, out)
	require.Contains(t, out, "local consortium is up")
	n.ep = n.endpoints()
	return n
}

func (n *localnet) env() []string {
	env := append(os.Environ(),
		"MEDCHAIND="+n.bin,
		"LOCALNET_HOME="+n.home,
		"LOCALNET_PORT_OFFSET="+strconv.Itoa(n.cfg.offset),
		"LOCALNET_CHAIN_ID="+n.cfg.chainID,
		"LOCALNET_TIMEOUT=240",
	)
	if n.cfg.netns {
		env = append(env, "LOCALNET_NETNS=1")
	}
	return env
}

// script runs testnet/localnet.sh with this consortium's settings.
func (n *localnet) script(args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(repoRoot(n.t), "testnet", "localnet.sh"), args...)
	cmd.Env = n.env()
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// must runs the script and fails the test if it fails.
func (n *localnet) must(t *testing.T, args ...string) string {
	t.Helper()
	out, err := n.script(args...)
	require.NoError(t, err, out)
	return out
}

func (n *localnet) endpoints() []endpoint {
	out := n.must(n.t, "endpoints")
	var eps []endpoint
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		require.Len(n.t, f, 7, line)
		port := func(s string) int { p, err := strconv.Atoi(s); require.NoError(n.t, err); return p }
		eps = append(eps, endpoint{name: f[0], host: f[1], rpc: port(f[2]), grpc: port(f[3]), api: port(f[4]), p2p: port(f[5]), prom: port(f[6])})
	}
	require.GreaterOrEqual(n.t, len(eps), len(nodeNames), "hospitals that joined follow the five first nodes")
	return eps
}

// name is node i's name: one of the five first nodes, or a hospital that
// joined later.
func (n *localnet) name(i int) string {
	if i < len(n.ep) {
		return n.ep[i].name
	}
	return nodeNames[i]
}

func (n *localnet) nodeHome(i int) string { return filepath.Join(n.home, n.name(i)) }

// rpcAddr is node i's CometBFT RPC address for the CLI's --node flag.
func (n *localnet) rpcAddr(i int) string {
	return fmt.Sprintf("tcp://%s:%d", n.ep[i].host, n.ep[i].rpc)
}

// conn is a gRPC connection to node i; it reconnects by itself after the
// node restarts.
func (n *localnet) conn(i int) *grpc.ClientConn {
	n.mu.Lock()
	defer n.mu.Unlock()
	if c, ok := n.conns[i]; ok {
		return c
	}
	c, err := grpc.NewClient(fmt.Sprintf("%s:%d", n.ep[i].host, n.ep[i].grpc),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		// Nodes stop and start under the tests: retry soon, not after minutes.
		grpc.WithConnectParams(grpc.ConnectParams{
			Backoff:           backoff.Config{BaseDelay: 100 * time.Millisecond, Multiplier: 1.6, MaxDelay: time.Second},
			MinConnectTimeout: 2 * time.Second,
		}),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(codec.NewProtoCodec(n.enc.InterfaceRegistry).GRPCCodec())),
	)
	require.NoError(n.t, err)
	n.conns[i] = c
	return c
}

func (n *localnet) closeConns() {
	n.mu.Lock()
	defer n.mu.Unlock()
	for i, c := range n.conns {
		_ = c.Close()
		delete(n.conns, i)
	}
}

// rpc GETs a CometBFT RPC path of node i and decodes .result into out.
func (n *localnet) rpc(i int, path string, out any) error {
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get(fmt.Sprintf("http://%s:%d/%s", n.ep[i].host, n.ep[i].rpc, path))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.NewDecoder(res.Body).Decode(&env); err != nil {
		return err
	}
	if len(env.Error) > 0 && string(env.Error) != "null" {
		return fmt.Errorf("rpc %s: %s", path, env.Error)
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
		LatestAppHash     string `json:"latest_app_hash"`
		CatchingUp        bool   `json:"catching_up"`
	} `json:"sync_info"`
}

// height is node i's latest block height, or -1 if it does not answer.
func (n *localnet) height(i int) int64 {
	var st nodeStatus
	if err := n.rpc(i, "status", &st); err != nil {
		return -1
	}
	h, _ := strconv.ParseInt(st.SyncInfo.LatestBlockHeight, 10, 64)
	return h
}

// minHeight is the lowest height among nodes (all of them if none given).
func (n *localnet) minHeight(nodes ...int) int64 {
	if len(nodes) == 0 {
		nodes = allNodes()
	}
	low := int64(1 << 62)
	for _, i := range nodes {
		low = min(low, n.height(i))
	}
	return low
}

func allNodes() []int {
	out := make([]int, len(nodeNames))
	for i := range out {
		out[i] = i
	}
	return out
}

// waitFor polls cond every 200ms until it holds or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitHeight waits until every node of nodes (all if none) reaches h.
func (n *localnet) waitHeight(t testing.TB, timeout time.Duration, h int64, nodes ...int) {
	t.Helper()
	waitFor(t, timeout, fmt.Sprintf("height %d on nodes %v", h, nodes), func() bool { return n.minHeight(nodes...) >= h })
}

// setTOML sets key = value inside [section] ("" = top level) of a TOML file.
func setTOML(t testing.TB, file, section, key, value string) {
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

func ctxTimeout(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
