package cmd

import (
	"bytes"
	"context"
	"encoding/csv"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cmtp2p "github.com/cometbft/cometbft/proto/tendermint/p2p"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/client/load"
)

// Tier D's table names each step the probe answered during, and its CSV
// carries the same figures.
func TestWriteProbe(t *testing.T) {
	root := NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	rows := []load.Row{
		{System: "medchain", StepResult: load.StepResult{Workload: "anchor", Step: load.Step{Name: load.SweepStep, Rate: 40}}},
		{System: "medchain", StepResult: load.StepResult{Workload: "anchor", Step: load.Step{Name: load.OverloadStep + " 2x", Rate: 240}}},
	}
	results := []load.ProbeResult{
		{Step: 0, Query: load.QueryCheckAccess, Count: 10, P50: 2 * time.Millisecond, P99: 37 * time.Millisecond},
		{Step: 1, Query: load.QueryEventsByPatient, Count: 7, Errors: 1, P50: 3 * time.Millisecond, P99: 120 * time.Millisecond},
		{Step: 2, Query: load.QueryCheckAccess, Count: 1}, // a step the load never reached
	}
	file := filepath.Join(t.TempDir(), "queries.csv")
	require.NoError(t, writeProbe(root, file, rows, results))
	require.Contains(t, out.String(), "| CheckAccess | sweep | 40 | 10 | 0 | 2.00 | 37.00 |")
	require.Contains(t, out.String(), "| EventsByPatient | overload 2x | 240 | 7 | 1 | 3.00 | 120.00 |")
	require.NotContains(t, out.String(), "| 1 | 0 | 0.00 |", "no row for a step that did not run")

	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3, "header and two steps")
	require.Equal(t, []string{"medchain", "anchor", "overload 2x", "240", "EventsByPatient", "7", "1", "3.00", "120.00"}, recs[2])
}

// Tier C's and D's tables and CSVs report a failed write: a report cut
// short is an error, not a result.
func TestReportsRefuseAFailedWrite(t *testing.T) {
	rows := []load.Row{{System: "medchain", StepResult: load.StepResult{Workload: "batch", Step: load.Step{Name: load.SweepStep, Rate: 40}}}}
	results := []load.ProbeResult{{Step: 0, Query: load.QueryCheckAccess, Count: 1}}
	file := filepath.Join(t.TempDir(), "out.csv")

	root := NewRootCmd()
	root.SetOut(closedPipe(t))
	require.Error(t, writeProbe(root, file, rows, results), "stdout refused the table")
	require.Error(t, writeTreeRates(root, file, rows, 8), "stdout refused the table")

	root.SetOut(new(bytes.Buffer))
	missing := filepath.Join(t.TempDir(), "no-such-dir", "out.csv")
	require.Error(t, writeProbe(root, missing, rows, results))
	require.Error(t, writeTreeRates(root, missing, rows, 8))
}

// closedPipe is a writer whose reader is gone: every write fails.
func closedPipe(t *testing.T) *os.File {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	require.NoError(t, r.Close())
	t.Cleanup(func() { _ = w.Close() })
	return w
}

// The probe needs the seeded genesis: without --homes it says so.
func TestProbeNeedsTheSeededGenesis(t *testing.T) {
	_, err := runRoot(t, "load", "run", "kv", "--nodes", "tcp://127.0.0.1:1", "--probe-grpc", "127.0.0.1:1")
	require.ErrorContains(t, err, "--probe-grpc needs --homes")
}

type chainInfo struct {
	cmtservice.UnimplementedServiceServer
}

func (chainInfo) GetNodeInfo(context.Context, *cmtservice.GetNodeInfoRequest) (*cmtservice.GetNodeInfoResponse, error) {
	return &cmtservice.GetNodeInfoResponse{DefaultNodeInfo: &cmtp2p.DefaultNodeInfo{Network: "medchain-load-test"}}, nil
}

// A node home names the load's endpoints (client.toml's node, app.toml's
// gRPC) and holds its operator's key; the node is asked for its chain.
func TestLoadNodeReadsItsHome(t *testing.T) {
	home := filepath.Join(t.TempDir(), "node")
	_, err := runRoot(t, "init", "hospital-x", "--chain-id", "medchain-test", "--home", home)
	require.NoError(t, err)

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer()
	cmtservice.RegisterServiceServer(srv, &chainInfo{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	appToml := filepath.Join(home, "config", "app.toml")
	bz, err := os.ReadFile(appToml)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(appToml, []byte(strings.Replace(string(bz), `address = "127.0.0.1:9090"`, `address = "`+lis.Addr().String()+`"`, 1)), 0o600))

	root := NewRootCmd()
	root.SetContext(t.Context())
	_, err = loadNode(root, home, "operator")
	require.ErrorContains(t, err, `operator key "operator"`, "no key yet")

	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, app.MakeEncodingConfig().Codec)
	require.NoError(t, err)
	rec, _, err := kr.NewMnemonic("operator", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	addr, err := rec.GetAddress()
	require.NoError(t, err)

	n, err := loadNode(root, home, "operator")
	require.NoError(t, err)
	require.Equal(t, "tcp://localhost:26657", n.RPC)
	require.Equal(t, "medchain-load-test", n.Client.ChainID(), "asked of the node")
	require.Equal(t, addr, n.Operator.Address)
	require.NoError(t, n.Client.Close())

	require.NoError(t, os.Remove(filepath.Join(home, "config", "client.toml")))
	_, err = loadNode(root, home, "operator")
	require.ErrorContains(t, err, "client.toml")
}
