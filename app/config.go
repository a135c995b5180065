package app

import "github.com/medchain/medchain/internal/modulekit"

const (
	// AppName is the application name reported to CometBFT.
	AppName = "medchain"
	// Bech32Prefix is the account address prefix: med1...
	Bech32Prefix = modulekit.Bech32Prefix
	// BondDenom is the fee token. Members hold it from genesis; validators
	// ask for at least DefaultMinGasPrices.
	BondDenom = "umed"
	// DefaultMinGasPrices is the minimum gas price a new node's app.toml
	// asks for, and the price medchaind's tx commands offer by default.
	DefaultMinGasPrices = "0.01" + BondDenom
	// DefaultBlockMaxGas is the block gas limit `medchaind init` writes into
	// genesis: a full block of anchors executes in about 0.4 s on one core
	// (BenchmarkFullBlock), well within the 1 s block time.
	DefaultBlockMaxGas = 40_000_000
	// DefaultBlockMaxBytes bounds a block's size in genesis.
	DefaultBlockMaxBytes = 4 << 20
	// FlagMaxPendingPerSigner is the app.toml key of the per-signer mempool cap.
	FlagMaxPendingPerSigner = "medchain.max-pending-txs-per-signer"
)

func init() {
	SetAddressPrefixes()
}

// SetAddressPrefixes sets the bech32 prefixes for accounts, validators and
// consensus nodes (med, medvaloper, medvalcons). Safe to call more than once.
func SetAddressPrefixes() { modulekit.SetAddressPrefixes() }
