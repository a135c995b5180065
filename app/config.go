package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// AppName is the application name reported to CometBFT.
	AppName = "medchain"
	// Bech32Prefix is the account address prefix: med1...
	Bech32Prefix = "med"
	// BondDenom is the fee token, if fees are configured. The chain runs at a
	// zero minimum gas price by default.
	BondDenom = "umed"
)

func init() {
	SetAddressPrefixes()
}

// SetAddressPrefixes sets the bech32 prefixes for accounts, validators and
// consensus nodes (med, medvaloper, medvalcons). Safe to call more than once.
func SetAddressPrefixes() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
}
