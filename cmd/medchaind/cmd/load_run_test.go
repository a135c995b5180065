package cmd

import (
	"bytes"
	"context"
	"encoding/csv"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/medchain/medchain/client/load"
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
)

// committingNode is a CometBFT node whose CheckTx takes every transaction
// and which commits each at once, in a block of its own.
func committingNode(t *testing.T) *testutil.CometRPC {
	node := testutil.NewCometRPC(t)
	var mu sync.Mutex
	height := int64(0)
	node.SetBroadcast(func(tx []byte) (*ctypes.ResultBroadcastTx, error) {
		mu.Lock()
		defer mu.Unlock()
		height++
		node.AddBlock(height, testutil.RPCBlock{Time: time.Now(), Txs: [][]byte{tx}, Results: testutil.TxResults(0)})
		return &ctypes.ResultBroadcastTx{}, nil
	})
	return node
}

// seededQueries answers the probe as a node with the seeded genesis does:
// seeded patient k granted access to members[k mod len(members)] only.
type seededQueries struct {
	consenttypes.UnimplementedQueryServer
	patients map[string]int
	members  []string
}

func (q seededQueries) CheckAccess(_ context.Context, req *consenttypes.QueryCheckAccessRequest) (*consenttypes.QueryCheckAccessResponse, error) {
	k, ok := q.patients[req.Patient]
	return &consenttypes.QueryCheckAccessResponse{Allowed: ok && req.Accessor == q.members[k%len(q.members)]}, nil
}

type seededEvents struct {
	audittypes.UnimplementedQueryServer
}

func (seededEvents) EventsByPatient(context.Context, *audittypes.QueryEventsByPatientRequest) (*audittypes.QueryEventsResponse, error) {
	return &audittypes.QueryEventsResponse{}, nil
}

// seededGRPC serves the probe's queries for patients seeded patients and
// returns its address.
func seededGRPC(t *testing.T, patients int, members []string) string {
	q := seededQueries{patients: map[string]int{}, members: members}
	for k := 0; k < patients; k++ {
		q.patients[load.SeedPatient(uint64(k)).String()] = k
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer()
	consenttypes.RegisterQueryServer(srv, &q)
	audittypes.RegisterQueryServer(srv, &seededEvents{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return lis.Addr().String()
}

func readRecords(t *testing.T, file string) [][]string {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return recs
}

// load run kv offers its sweep, then the overload at a multiple of the
// rate that committed most, against a node that commits everything; the
// probe asks the seeded genesis's grantees throughout. Both CSVs and the
// tables say so.
func TestLoadRunKVAgainstANode(t *testing.T) {
	node := committingNode(t)
	members, validators := consortium()
	home := filepath.Join(t.TempDir(), "home")
	writeGenesis(t, filepath.Join(home, "config", "genesis.json"), members, nil, nil)
	probe := seededGRPC(t, 20, validators)
	out := filepath.Join(t.TempDir(), "bench")

	printed, err := runRoot(t, "load", "run", "kv", "--nodes", node.URL, "--accounts", "3", "--size", "40",
		"--rates", "20", "--overload", "2", "--step", "1s", "--warmup", "0s", "--drain", "5s",
		"--system", "fakekv", "--out-dir", out,
		"--homes", home, "--probe-grpc", probe, "--probe-patients", "20", "--probe-rate", "40")
	require.NoError(t, err, printed)
	require.Contains(t, printed, "kv sweep 20 tx/s", "a progress bar per step")
	require.Regexp(t, `kv overload 2x \d+ tx/s`, printed)
	require.Contains(t, printed, "| fakekv | kv | sweep | 20 |")

	f, err := os.Open(filepath.Join(out, "fakekv-kv.csv"))
	require.NoError(t, err)
	rows, err := load.ReadCSV(f)
	require.NoError(t, f.Close())
	require.NoError(t, err)
	require.Len(t, rows, 2)
	require.Equal(t, load.SweepStep, rows[0].Step.Name)
	require.Equal(t, load.OverloadStep+" 2x", rows[1].Step.Name)
	require.InDelta(t, 2*rows[0].CommittedRate, rows[1].Step.Rate, 1e-9, "twice the saturating rate, the sweep's committed rate")
	for _, r := range rows {
		require.Equal(t, "fakekv", r.System)
		require.Equal(t, "kv", r.Workload)
		require.Positive(t, r.Submitted, r.Step.Name)
		require.Equal(t, r.Submitted, r.Committed, "%s: the node commits everything", r.Step.Name)
		require.Zero(t, r.Lost+r.Pending+r.RefusedTotal(), r.Step.Name)
		require.Positive(t, r.CommittedRate, r.Step.Name)
	}

	queries := readRecords(t, filepath.Join(out, "fakekv-kv-queries.csv"))
	require.Equal(t, []string{"system", "workload", "step", "offered_tx_s", "query", "answers", "errors", "p50_ms", "p99_ms"}, queries[0])
	asked := map[string]bool{}
	for _, q := range queries[1:] {
		require.Equal(t, "0", q[6], "every seeded grant found: the probe asks the genesis's grantees: %v", q)
		n, err := strconv.Atoi(q[5])
		require.NoError(t, err)
		asked[q[2]+" "+q[4]] = n > 0
	}
	require.True(t, asked["sweep "+load.QueryCheckAccess], "%v", queries)
	require.True(t, asked["sweep "+load.QueryEventsByPatient], "%v", queries)
	require.Contains(t, printed, "| CheckAccess | sweep | 20 |")
	_, err = os.Stat(filepath.Join(out, "fakekv-batch-tree.csv"))
	require.ErrorIs(t, err, os.ErrNotExist, "tier C is for batch only")

	// An --out-dir that is a file fails after the run, and says where.
	blocked := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(blocked, nil, 0o600))
	_, err = runRoot(t, "load", "run", "kv", "--nodes", node.URL, "--accounts", "1", "--rates", "10", "--overload", "",
		"--step", "1s", "--warmup", "0s", "--drain", "1s", "--out-dir", filepath.Join(blocked, "bench"))
	require.ErrorContains(t, err, blocked)
}

// Each of load run's limits is refused with the flag it concerns, before
// any transaction is sent.
func TestLoadRunRefusesOutOfRangeFlags(t *testing.T) {
	node := testutil.NewCometRPC(t)
	closed := testutil.NewCometRPC(t)
	closed.Close()
	nodes := strings.TrimSuffix(strings.Repeat(node.URL+",", maxLoadNodes+1), ",")
	homes := strings.TrimSuffix(strings.Repeat("h,", maxLoadNodes+1), ",")
	kv := func(more ...string) []string {
		return append([]string{"kv", "--nodes", node.URL, "--step", "1s", "--warmup", "0s"}, more...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "accepts 1 arg(s), received 0"},
		{[]string{"kv", "anchor"}, "accepts 1 arg(s), received 2"},
		{kv("--rates", "100001"), `--rates: "100001" must be a number in (0, 100000]`},
		{kv("--rates", strings.Repeat("5,", maxRateSteps+1)), "--rates: at most 32 values"},
		{kv("--rates", "-Inf"), `--rates: "-Inf" must be a number`},
		{kv("--overload", "0"), `--overload: "0" must be a number in (0, 16]`},
		{kv("--overload", "2,x"), `--overload: "x" must be a number`},
		{kv("--accounts", "10001"), "--accounts must be in 1..10000, got 10001"},
		{kv("--accounts", "-3"), "--accounts must be in 1..10000, got -3"},
		{kv("--accounts", "many"), `invalid argument "many" for "--accounts"`},
		{kv("--size", "65537"), "--size must be in 16..65536 bytes, got 65537"},
		{kv("--size", "-1"), "--size must be in 16..65536 bytes, got -1"},
		{kv("--step", "999ms"), `step "sweep": duration 999ms must be in [1s, 10m0s]`},
		{kv("--step", "11m"), `step "sweep": duration 11m0s must be in [1s, 10m0s]`},
		{kv("--step", "soon"), `invalid argument "soon" for "--step"`},
		{[]string{"kv", "--nodes", nodes}, "kv needs --nodes: 1..64 CometBFT RPC addresses"},
		{[]string{"anchor", "--homes", homes}, "anchor needs --homes: 1..64 node homes"},
		{[]string{"kv", "--nodes", closed.URL, "--step", "1s", "--warmup", "0s"}, "node " + closed.URL + ": "},
		{[]string{"kv", "--nodes", "tcp://[::1", "--step", "1s", "--warmup", "0s"}, "node tcp://[::1: "},
		{kv("--probe-grpc", "127.0.0.1:1", "--homes", t.TempDir()), "genesis.json"},
	} {
		_, err := runRoot(t, append([]string{"load", "run"}, c.args...)...)
		require.ErrorContains(t, err, c.want, "%v", c.args)
	}
	require.Empty(t, node.Calls, "nothing reached the node")
}

// Without --probe-grpc there is no probe; with it, the probe asks about
// the seeded genesis's validating members, and stopping it twice is
// stopping it once. A probe that cannot run says why when it stops.
func TestStartProbe(t *testing.T) {
	newRun := func(args ...string) (*bytes.Buffer, func() (*load.Probe, func(), error)) {
		run := loadRunCmd()
		run.SetContext(t.Context())
		var stderr bytes.Buffer
		run.SetErr(&stderr)
		require.NoError(t, run.ParseFlags(args))
		return &stderr, func() (*load.Probe, func(), error) {
			p, target, err := probeFlags(run)
			if err != nil {
				return nil, nil, err
			}
			return startProbe(run, p, target)
		}
	}
	_, start := newRun()
	p, stop, err := start()
	require.NoError(t, err)
	require.Nil(t, p)
	stop()

	members, validators := consortium()
	home := filepath.Join(t.TempDir(), "home")
	writeGenesis(t, filepath.Join(home, "config", "genesis.json"), members, nil, nil)
	addr := seededGRPC(t, 5, validators)
	stderr, start := newRun("--probe-grpc", addr, "--homes", home, "--probe-patients", "5", "--probe-rate", "100")
	p, stop, err = start()
	require.NoError(t, err)
	require.Equal(t, validators, p.Members)
	require.EqualValues(t, 5, p.Patients)
	require.Equal(t, 100.0, p.Rate)
	require.Eventually(t, func() bool {
		for _, r := range p.Results() {
			if r.Query == load.QueryCheckAccess && r.Count >= 3 {
				return true
			}
		}
		return false
	}, 10*time.Second, 20*time.Millisecond, "the probe asks")
	stop()
	stop()
	for _, r := range p.Results() {
		require.Zero(t, r.Errors, "%+v", r)
	}
	require.Empty(t, stderr.String())

	_, start = newRun("--probe-grpc", addr, "--homes", home) // --probe-patients forgotten
	_, _, err = start()
	require.ErrorContains(t, err, "--probe-rate, --probe-patients: probe: rate 20 must be in (0, 100000], with at least one seeded patient (0)")
	_, start = newRun("--probe-grpc", addr, "--homes", home, "--probe-patients", "5", "--probe-rate", "0")
	_, _, err = start()
	require.ErrorContains(t, err, "rate 0 must be in (0, 100000]")

	for _, bad := range []string{"not json", `{"chain_id":"x","app_state":{"consortium":{"members":"none"}}}`} {
		require.NoError(t, os.WriteFile(filepath.Join(home, "config", "genesis.json"), []byte(bad), 0o600))
		_, start = newRun("--probe-grpc", addr, "--homes", home+",elsewhere")
		_, _, err = start()
		require.Error(t, err, "the first home's genesis is %q", bad)
	}
}

// A probe set up wrong is refused before the load enrols anyone or sends
// anything: the node named is never asked.
func TestLoadRunRefusesAProbeBeforeTheLoad(t *testing.T) {
	node := committingNode(t)
	members, _ := consortium()
	home := filepath.Join(t.TempDir(), "home")
	writeGenesis(t, filepath.Join(home, "config", "genesis.json"), members, nil, nil)
	_, err := runRoot(t, "load", "run", "kv", "--nodes", node.URL, "--rates", "10", "--overload", "",
		"--homes", home, "--probe-grpc", "127.0.0.1:1") // no --probe-patients
	require.ErrorContains(t, err, "at least one seeded patient (0)")
	require.Zero(t, node.Calls["broadcast_tx_sync"]+node.Calls["status"], "the node was asked: %v", node.Calls)
}

// Overload steps multiply the sweep's saturating rate (its highest committed
// rate, not the offered rate that reached it), at most load.MaxRate;
// a sweep that committed nothing has no saturating rate, and gets none.
func TestOverloadSteps(t *testing.T) {
	cmd, stderr := &cobra.Command{}, &bytes.Buffer{}
	cmd.SetErr(stderr)
	// 90 committed when 100 were offered: 90 is the saturating rate.
	steps := overloadSteps(cmd, load.Summary{Peak: 90, Saturation: 100}, []float64{2, 16}, time.Second)
	require.Equal(t, []load.Step{
		{Name: load.OverloadStep + " 2x", Rate: 180, Duration: time.Second},
		{Name: load.OverloadStep + " 16x", Rate: 1440, Duration: time.Second},
	}, steps)
	require.Empty(t, stderr.String())

	steps = overloadSteps(cmd, load.Summary{Peak: 9e4, Saturation: 9e4}, []float64{4}, time.Second)
	require.Equal(t, float64(load.MaxRate), steps[0].Rate, "capped")

	require.Empty(t, overloadSteps(cmd, load.Summary{Peak: 0, Saturation: 0}, []float64{2, 4}, time.Second))
	require.Contains(t, stderr.String(), "the sweep committed nothing")
	require.Empty(t, overloadSteps(cmd, load.Summary{Peak: 90, Saturation: 100}, nil, time.Second))
}
