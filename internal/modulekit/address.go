package modulekit

import (
	"os"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Bech32Prefix is the chain's account address prefix: med1...
const Bech32Prefix = "med"

// ConfigScope names the SDK's address configuration for every medchain
// process. Without it the SDK derives the scope on every sdk.GetConfig call
// (each address parsed or checked) from the executable's path, the host
// name and the pid: two system calls per address, which a profile of block
// execution showed as 27% of its time (tier A of `make bench`).
const ConfigScope = "medchain"

// SetAddressPrefixes sets the global bech32 prefixes for accounts,
// validators and consensus nodes (med, medvaloper, medvalcons), which the
// messages' stateless checks read, under the fixed ConfigScope (unless the
// environment names another). Safe to call more than once.
func SetAddressPrefixes() {
	if os.Getenv(sdk.EnvConfigScope) == "" {
		_ = os.Setenv(sdk.EnvConfigScope, ConfigScope)
	}
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
}
