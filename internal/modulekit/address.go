package modulekit

import sdk "github.com/cosmos/cosmos-sdk/types"

// Bech32Prefix is the chain's account address prefix: med1...
const Bech32Prefix = "med"

// SetAddressPrefixes sets the global bech32 prefixes for accounts,
// validators and consensus nodes (med, medvaloper, medvalcons), which the
// messages' stateless checks read. Safe to call more than once.
func SetAddressPrefixes() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
}
