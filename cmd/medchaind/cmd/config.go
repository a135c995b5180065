package cmd

import (
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	"github.com/medchain/medchain/app"
)

// DefaultQueryGasLimit bounds the gas one gRPC or ABCI query may use.
const DefaultQueryGasLimit = 10_000_000

// initAppConfig sets medchain's app.toml defaults: a zero minimum gas price
// (gas is still metered), bounded queries, and the API and gRPC servers on.
func initAppConfig() (string, any) {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = "0" + app.BondDenom
	cfg.QueryGasLimit = DefaultQueryGasLimit
	cfg.API.Enable = true
	cfg.API.Address = "tcp://127.0.0.1:1317"
	cfg.GRPC.Enable = true
	cfg.GRPC.Address = "127.0.0.1:9090"
	return serverconfig.DefaultConfigTemplate, cfg
}

// initCometBFTConfig sets medchain's config.toml defaults: peers are filtered
// against the consortium's registered node IDs.
func initCometBFTConfig() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.FilterPeers = true
	cfg.Consensus.TimeoutCommit = time.Second
	return cfg
}
