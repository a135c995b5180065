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
// loopback, and the per-signer mempool cap.
func initAppConfig() (string, any) {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = app.DefaultMinGasPrices
	cfg.QueryGasLimit = DefaultQueryGasLimit
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
// against the consortium's registered node IDs, and the mempool refuses a
// transaction larger than the chain accepts before asking the app.
func initCometBFTConfig() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.FilterPeers = true
	cfg.Consensus.TimeoutCommit = DefaultTimeoutCommit
	cfg.Mempool.MaxTxBytes = int(consortiumMaxTxBytes)
	return cfg
}
