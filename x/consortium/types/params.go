package types

import errorsmod "cosmossdk.io/errors"

// Default parameter values.
const (
	DefaultMaxAgentsPerMember  uint32 = 10_000
	DefaultMaxNodeIDsPerMember uint32 = 16
	DefaultMaxMembers          uint32 = 500
	DefaultValidatorPower      int64  = 10
)

// DefaultParams returns the default consortium parameters.
func DefaultParams() Params {
	return Params{
		MaxAgentsPerMember:  DefaultMaxAgentsPerMember,
		MaxNodeIdsPerMember: DefaultMaxNodeIDsPerMember,
		MaxMembers:          DefaultMaxMembers,
		ValidatorPower:      DefaultValidatorPower,
	}
}

// Validate checks every parameter is within bounds.
func (p Params) Validate() error {
	switch {
	case p.MaxAgentsPerMember == 0:
		return errorsmod.Wrap(ErrInvalidParams, "max_agents_per_member must be positive")
	case p.MaxNodeIdsPerMember == 0:
		return errorsmod.Wrap(ErrInvalidParams, "max_node_ids_per_member must be positive")
	case p.MaxMembers == 0 || p.MaxMembers > 10_000:
		return errorsmod.Wrapf(ErrInvalidParams, "max_members must be in 1..10000, got %d", p.MaxMembers)
	case p.ValidatorPower <= 0 || p.ValidatorPower > 1_000_000:
		return errorsmod.Wrapf(ErrInvalidParams, "validator_power must be in 1..1000000, got %d", p.ValidatorPower)
	}
	return nil
}
