package cmd_test

import (
	"path/filepath"
	"strings"
	"testing"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/viper"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/cmd/medchaind/cmd"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// initHome runs `medchaind init` into a new home, as an operator does first.
func initHome(t *testing.T) string {
	t.Helper()
	home := filepath.Join(t.TempDir(), "node")
	root := cmd.NewRootCmd()
	root.SetArgs([]string{"init", "hospital-x", "--chain-id", "medchain-test", "--home", home})
	require.NoError(t, svrcmd.Execute(root, "MEDCHAIN", home))
	return home
}

func readTOML(t *testing.T, file string) *viper.Viper {
	t.Helper()
	v := viper.New()
	v.SetConfigFile(file)
	require.NoError(t, v.ReadInConfig())
	return v
}

// A freshly initialised home carries medchain's defaults where an operator
// looks for them: app.toml, config.toml and the genesis file.
func TestInitWritesHospitalDefaults(t *testing.T) {
	home := initHome(t)

	appToml := readTOML(t, filepath.Join(home, "config", "app.toml"))
	require.Equal(t, app.DefaultMinGasPrices, appToml.GetString("minimum-gas-prices"), "validators charge for gas")
	require.Equal(t, "10000000", appToml.GetString("query-gas-limit"), "one query cannot stall a node")
	require.EqualValues(t, app.DefaultMaxPendingPerSigner, appToml.GetInt("medchain.max-pending-txs-per-signer"))
	require.Equal(t, "127.0.0.1:9090", appToml.GetString("grpc.address"))
	require.EqualValues(t, cmd.DefaultSnapshotInterval, appToml.GetInt("state-sync.snapshot-interval"), "snapshots are served")
	require.EqualValues(t, cmd.DefaultSnapshotKeepRecent, appToml.GetInt("state-sync.snapshot-keep-recent"))
	require.True(t, appToml.GetBool("telemetry.enabled"), "metrics on")
	require.Positive(t, appToml.GetInt("telemetry.prometheus-retention-time"), "in Prometheus format")
	require.True(t, appToml.GetBool("api.enable"), "the API serves /metrics")

	cfg := readTOML(t, filepath.Join(home, "config", "config.toml"))
	require.True(t, cfg.GetBool("filter_peers"), "only registered peers")
	require.Equal(t, "1s", cfg.GetString("consensus.timeout_commit"), "blocks about once a second")
	require.EqualValues(t, consortiumtypes.DefaultMaxTxBytes, cfg.GetInt("mempool.max_tx_bytes"), "the mempool refuses what the chain would")
	require.EqualValues(t, cmd.DefaultMempoolSize, cfg.GetInt("mempool.size"), "a few blocks' worth: every block rechecks them all")
	require.EqualValues(t, cmd.DefaultDoubleSignCheckHeight, cfg.GetInt("consensus.double_sign_check_height"), "a restarted validator looks before it signs")
	require.True(t, cfg.GetBool("instrumentation.prometheus"), "consensus metrics on")
	require.Equal(t, "127.0.0.1:26660", cfg.GetString("instrumentation.prometheus_listen_addr"), "on loopback")

	gen, err := genutiltypes.AppGenesisFromFile(filepath.Join(home, "config", "genesis.json"))
	require.NoError(t, err)
	require.EqualValues(t, app.DefaultBlockMaxGas, gen.Consensus.Params.Block.MaxGas)
	require.EqualValues(t, app.DefaultBlockMaxBytes, gen.Consensus.Params.Block.MaxBytes)
}

// `medchaind config` (confix) reads and changes both files of a home as
// docs/operators.md shows: app.toml checked, config.toml with
// --skip-validate.
func TestConfigCommandGetsAndSets(t *testing.T) {
	home := initHome(t)
	out, err := runCapturingStdout(t, home, "config", "get", "app", "telemetry.enabled", "--home", home)
	require.NoError(t, err, out)
	require.Equal(t, "true", strings.TrimSpace(out))

	out, err = run(t, home, "config", "set", "app", "telemetry.enabled", "maybe", "--home", home)
	require.Error(t, err, "app.toml is validated: %s", out)

	_, err = run(t, home, "config", "set", "config", "consensus.timeout_commit", "2s", "--home", home)
	require.ErrorContains(t, err, "cometbft config is not supported", "why the guide says --skip-validate")
	out, err = run(t, home, "config", "set", "config", "consensus.timeout_commit", "2s", "--skip-validate", "--home", home)
	require.NoError(t, err, out)
	require.Equal(t, "2s", readTOML(t, filepath.Join(home, "config", "config.toml")).GetString("consensus.timeout_commit"))
	require.True(t, readTOML(t, filepath.Join(home, "config", "config.toml")).GetBool("filter_peers"), "the rest of the file is kept")
}
