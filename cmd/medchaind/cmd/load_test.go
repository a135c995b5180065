package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	sdk "github.com/cosmos/cosmos-sdk/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/client/load"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

func TestParseRates(t *testing.T) {
	got, err := parseRates(" 100, 200,,400.5 ", "--rates", 1000)
	require.NoError(t, err)
	require.Equal(t, []float64{100, 200, 400.5}, got, "spaces and empty parts skipped")
	got, err = parseRates("", "--overload", 16)
	require.NoError(t, err)
	require.Empty(t, got, "no overload step")
	for _, bad := range []string{"0", "-5", "1001", "NaN", "Inf", "fast", "1e400"} {
		_, err := parseRates(bad, "--rates", 1000)
		require.ErrorContains(t, err, "--rates: \""+bad+"\" must be a number in (0, 1000]", bad)
	}
	_, err = parseRates(strings.Repeat("1,", maxRateSteps+1), "--rates", 1000)
	require.ErrorContains(t, err, "at most 32 values")
}

// runRoot runs medchaind with args and returns what it printed and its error.
func runRoot(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	err := svrcmd.Execute(root, "MEDCHAIN", t.TempDir())
	return out.String(), err
}

// Every flag of load run is checked before anything is sent or enrolled.
func TestLoadRunRefusesBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"kv", "--rates", "0"}, "--rates: \"0\" must be a number"},
		{[]string{"kv", "--rates", ","}, "--rates: at least one rate"},
		{[]string{"kv", "--overload", "17"}, "--overload: \"17\" must be a number in (0, 16]"},
		{[]string{"kv", "--accounts", "0"}, "--accounts must be in 1..10000, got 0"},
		{[]string{"kv"}, "kv needs --nodes"},
		{[]string{"kv", "--nodes", "tcp://127.0.0.1:1", "--size", "8"}, "--size must be in 16..65536 bytes, got 8"},
		{[]string{"anchor"}, "anchor needs --homes"},
		{[]string{"anchor", "--homes", "/nonexistent/home"}, "node home /nonexistent/home"},
		{[]string{"kv", "--nodes", "tcp://127.0.0.1:1", "--step", "1s", "--warmup", "3s"}, "is not longer than the warmup"},
	} {
		_, err := runRoot(t, append([]string{"load", "run"}, c.args...)...)
		require.ErrorContains(t, err, c.want, strings.Join(c.args, " "))
	}
}

// A node home gives the load its endpoints and operator; a home without
// the operator's key is named.
func TestLoadNodeReadsAHome(t *testing.T) {
	home := filepath.Join(t.TempDir(), "node")
	_, err := runRoot(t, "init", "hospital-x", "--chain-id", "medchain-test", "--home", home)
	require.NoError(t, err)
	_, err = runRoot(t, "load", "run", "anchor", "--homes", home)
	require.ErrorContains(t, err, "node home "+home)
}

func TestLoadReport(t *testing.T) {
	dir := t.TempDir()
	rows := []load.Row{
		{System: "medchain", StepResult: load.StepResult{Workload: "anchor", Step: load.Step{Name: load.SweepStep, Rate: 100, Duration: 10 * time.Second},
			Submitted: 1000, Accepted: 1000, Committed: 1000, CommittedRate: 98, P50: 600 * time.Millisecond, P95: 900 * time.Millisecond, P99: time.Second, Refused: map[string]int{}}},
		{System: "kvstore", StepResult: load.StepResult{Workload: "kv", Step: load.Step{Name: load.SweepStep, Rate: 400, Duration: 10 * time.Second},
			Submitted: 4000, Accepted: 4000, Committed: 4000, CommittedRate: 392, P50: 500 * time.Millisecond, P95: 800 * time.Millisecond, P99: 900 * time.Millisecond, Refused: map[string]int{}}},
	}
	file := filepath.Join(dir, "runs.csv")
	f, err := os.Create(file)
	require.NoError(t, err)
	require.NoError(t, load.WriteCSV(f, rows))
	require.NoError(t, f.Close())

	out, err := runRoot(t, "load", "report", file, "--baseline", "kvstore", "--plot-dir", dir)
	require.NoError(t, err)
	require.Contains(t, out, "| medchain anchor | 0.25× |", "98 over 392 tx/s")
	for _, png := range []string{"latency.png", "throughput.png"} {
		bz, err := os.ReadFile(filepath.Join(dir, png))
		require.NoError(t, err)
		require.Equal(t, "\x89PNG", string(bz[:4]))
	}

	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("not,a,report\n"), 0o600))
	_, err = runRoot(t, "load", "report", file, bad)
	require.ErrorContains(t, err, bad+": not a load report")
}

// seedGenesis adds grants and events every module's genesis check accepts,
// granted to the validating members in genesis order.
func TestSeedGenesis(t *testing.T) {
	home := filepath.Join(t.TempDir(), "node")
	_, err := runRoot(t, "init", "hospital-x", "--chain-id", "medchain-test", "--home", home)
	require.NoError(t, err)
	file := filepath.Join(home, "config", "genesis.json")
	require.ErrorContains(t, seedGenesis(file, 10, 10), "at least one member", "no validating member: nobody to grant")

	validators := []string{sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String(), sdk.AccAddress(bytes.Repeat([]byte{2}, 20)).String()}
	regulator := sdk.AccAddress(bytes.Repeat([]byte{3}, 20)).String()
	editGenesis(t, file, func(gs *consortiumtypes.GenesisState) {
		for i, op := range validators {
			gs.Members = append(gs.Members, consortiumtypes.Member{Operator: op, ConsensusPubkey: bytes.Repeat([]byte{byte(i + 1)}, 32)})
		}
		gs.Members = append(gs.Members, consortiumtypes.Member{Operator: regulator})
	})
	require.NoError(t, seedGenesis(file, 7, 25))
	members, err := seededMembers(file)
	require.NoError(t, err)
	require.Equal(t, validators, members, "the regulator validates nothing and grants go to validators")

	cdc := app.MakeEncodingConfig().Codec
	state := appState(t, file)
	var consent consenttypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(state[consenttypes.ModuleName], &consent))
	require.Len(t, consent.Grants, 7)
	require.Equal(t, validators[1], consent.Grants[1].Grantee)
	require.Equal(t, load.SeedPatient(6).String(), consent.Grants[6].Patient)
	var audit audittypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(state[audittypes.ModuleName], &audit))
	require.Len(t, audit.Events, 25)
	require.Equal(t, load.SeedPatient(2).String(), audit.Events[24].Patient, "ten events per patient")

	require.NoError(t, seedGenesis(file, 3, 0))
	require.NoError(t, cdc.UnmarshalJSON(appState(t, file)[consenttypes.ModuleName], &consent))
	require.Len(t, consent.Grants, 10)
	require.EqualValues(t, 10, consent.Grants[9].Id, "ids go on after the last")
	require.ErrorContains(t, seedGenesis(file, load.MaxSeed+1, 0), "at most 5000000 grants")
}

func appState(t *testing.T, file string) map[string]json.RawMessage {
	t.Helper()
	gen, err := genutiltypes.AppGenesisFromFile(file)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(gen.AppState, &state))
	return state
}

func editGenesis(t *testing.T, file string, edit func(*consortiumtypes.GenesisState)) {
	t.Helper()
	gen, err := genutiltypes.AppGenesisFromFile(file)
	require.NoError(t, err)
	state := appState(t, file)
	cdc := app.MakeEncodingConfig().Codec
	var gs consortiumtypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(state[consortiumtypes.ModuleName], &gs))
	edit(&gs)
	state[consortiumtypes.ModuleName], err = cdc.MarshalJSON(&gs)
	require.NoError(t, err)
	gen.AppState, err = json.Marshal(state)
	require.NoError(t, err)
	require.NoError(t, gen.SaveAs(file))
}

// Tier C's table: records per second end to end from the best sweep step,
// against the tree rates measured in process.
func TestWriteTreeRates(t *testing.T) {
	root := NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	rows := []load.Row{
		{StepResult: load.StepResult{Step: load.Step{Name: load.SweepStep}, CommittedRate: 40}},
		{StepResult: load.StepResult{Step: load.Step{Name: load.OverloadStep + " 2x"}, CommittedRate: 90}},
	}
	file := filepath.Join(t.TempDir(), "tree.csv")
	require.NoError(t, writeTreeRates(root, file, rows, 64))
	require.Contains(t, out.String(), "| anchored end to end (peak batches/s × leaves) | 2560 |", "40 batches/s of 64 leaves; overload steps are not the peak")
	bz, err := os.ReadFile(file)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(bz)), "\n")
	require.Len(t, lines, 2)
	require.True(t, strings.HasPrefix(lines[1], "64,40.0,2560,"), lines[1])
	require.Error(t, writeTreeRates(root, file, rows, 0), "a tree of no leaf")
}

// kv streams are spread round robin over the nodes, each making
// transactions of the asked size, and the run keeps the flags' timings.
func TestLoadBaseForKV(t *testing.T) {
	run := loadRunCmd()
	require.NoError(t, run.ParseFlags([]string{"--nodes", "tcp://a:1,tcp://b:2,tcp://c:3", "--accounts", "7", "--size", "99",
		"--step", "5s", "--warmup", "2s", "--drain", "9s", "--system", "kvstore"}))
	b, err := newLoadBase(run, kvWorkload)
	require.NoError(t, err)
	require.Equal(t, "kvstore", b.system)
	require.Equal(t, 5*time.Second, b.step)
	require.Equal(t, 2*time.Second, b.cfg.Warmup)
	require.Equal(t, 9*time.Second, b.cfg.Drain)
	require.Equal(t, []string{"tcp://a:1", "tcp://b:2", "tcp://c:3"}, b.cfg.Nodes)
	require.Equal(t, []int{0, 1, 2, 0, 1, 2, 0}, b.cfg.Pin)
	require.Len(t, b.cfg.Streams, 7)
	tx, err := b.cfg.Streams[6].Next(t.Context())
	require.NoError(t, err)
	require.Len(t, tx, 99)
}
