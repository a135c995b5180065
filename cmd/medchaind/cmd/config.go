package cmd

import (
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	"github.com/medchain/medchain/app"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// consortiumMaxTxBytes is the default transaction size bound of the chain.
const consortiumMaxTxBytes = consortiumtypes.DefaultMaxTxBytes

// DefaultQueryGasLimit bounds the gas one gRPC or ABCI query may use.
const DefaultQueryGasLimit = 10_000_000

// DefaultTimeoutCommit is the pause after each block: blocks come about once a second.
const DefaultTimeoutCommit = time.Second

// Operating defaults written at init.
const (
	// DefaultSnapshotInterval: a state-sync snapshot every 1000 blocks (about 17 minutes).
	DefaultSnapshotInterval = 1000
	// DefaultSnapshotKeepRecent snapshots are kept.
	DefaultSnapshotKeepRecent = 2
	// DefaultMetricsRetention keeps a counter a day after its last change.
	DefaultMetricsRetention = 24 * 60 * 60
	// DefaultDoubleSignCheckHeight: a starting validator that finds its own
	// signature in this many last blocks refuses to sign (another process
	// may hold its key).
	DefaultDoubleSignCheckHeight = 10
	// DefaultMempoolSize is how many transactions the mempool holds: a few
	// blocks' worth at saturation. Every block rechecks all of them, so a
	// mempool of CometBFT's 5,000 costs more CPU per block than the block
	// (make bench, overload at 2× and 4× the saturating rate: 1,000 kept
	// 0.73× and 0.49× of the peak and lost none; 5,000 kept 0.46× and 0.23×).
	DefaultMempoolSize = 1000
)

// MedchainConfig is app.toml's [medchain] section.
type MedchainConfig struct {
	// MaxPendingTxsPerSigner caps one signer's transactions in this node's mempool (0 = off).
	MaxPendingTxsPerSigner uint64 `mapstructure:"max-pending-txs-per-signer"`
}

// AppConfig is app.toml: the SDK's sections and medchain's own.
type AppConfig struct {
	serverconfig.Config `mapstructure:",squash"`
	Medchain            MedchainConfig `mapstructure:"medchain"`
}

const medchainConfigTemplate = `
###############################################################################
###                              medchain                                   ###
###############################################################################

[medchain]

# Most transactions of one signer this node holds in its mempool at once; the
# signer's next ones are refused ("mempool is full") until a block takes the
# earlier ones, so one account cannot crowd out everyone else. 0 = no cap.
max-pending-txs-per-signer = {{ .Medchain.MaxPendingTxsPerSigner }}
`

// initAppConfig sets medchain's app.toml defaults: a non-zero minimum gas
// price in the chain's denom, bounded queries, the API and gRPC servers on
// loopback, state-sync snapshots served, telemetry on (Prometheus format at
// the API's /metrics), and the per-signer mempool cap.
func initAppConfig() (string, any) {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = app.DefaultMinGasPrices
	cfg.QueryGasLimit = DefaultQueryGasLimit
	cfg.StateSync.SnapshotInterval = DefaultSnapshotInterval
	cfg.StateSync.SnapshotKeepRecent = DefaultSnapshotKeepRecent
	cfg.Telemetry.Enabled = true                                    //nolint:staticcheck // the SDK's metrics path
	cfg.Telemetry.PrometheusRetentionTime = DefaultMetricsRetention //nolint:staticcheck // as above
	cfg.API.Enable = true
	cfg.API.Address = "tcp://127.0.0.1:1317"
	cfg.GRPC.Enable = true
	cfg.GRPC.Address = "127.0.0.1:9090"
	return serverconfig.DefaultConfigTemplate + medchainConfigTemplate, AppConfig{
		Config:   *cfg,
		Medchain: MedchainConfig{MaxPendingTxsPerSigner: app.DefaultMaxPendingPerSigner},
	}
}

// initCometBFTConfig sets medchain's config.toml defaults: peers are filtered
// against the consortium's registered node IDs, the mempool refuses a
// transaction larger than the chain accepts before asking the app, a
// starting validator that finds its own recent signature refuses to sign (so
// two processes with one key do not double-sign), and consensus metrics are
// served to Prometheus on loopback.
func initCometBFTConfig() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.FilterPeers = true
	cfg.Consensus.DoubleSignCheckHeight = DefaultDoubleSignCheckHeight
	cfg.Instrumentation.Prometheus = true
	cfg.Instrumentation.PrometheusListenAddr = "127.0.0.1:26660"
	cfg.Consensus.TimeoutCommit = DefaultTimeoutCommit
	cfg.Mempool.MaxTxBytes = int(consortiumMaxTxBytes)
	cfg.Mempool.Size = DefaultMempoolSize
	return cfg
}
