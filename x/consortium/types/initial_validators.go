package types

// InitialValidators is the validator set InitGenesis reports to CometBFT:
// every active member with a consensus key, each with the genesis
// ValidatorPower. A verifier holding genesis.json trusts the first header
// signed by these keys.
func (gs GenesisState) InitialValidators() []Validator {
	var out []Validator
	for _, m := range gs.Members {
		if m.IsValidator() {
			out = append(out, Validator{Operator: m.Operator, ConsensusPubkey: m.ConsensusPubkey, Power: gs.Params.ValidatorPower})
		}
	}
	return out
}
