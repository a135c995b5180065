package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
)

// Default parameter values.
const (
	DefaultMaxAgentsPerMember      uint32 = 10_000
	DefaultMaxNodeIDsPerMember     uint32 = 16
	DefaultMaxMembers              uint32 = 500
	DefaultValidatorPower          int64  = 10
	DefaultMaxTxBytes              uint32 = 64 * 1024
	DefaultMaxMsgsPerTx            uint32 = 32
	DefaultMaxTxGas                uint64 = 5_000_000
	DefaultAgentInvitationTTL             = 7 * 24 * time.Hour
	DefaultMaxInvitationsPerMember        = 100
	DefaultVotingPeriod                   = 7 * 24 * time.Hour
	DefaultMaxProposalMessages     uint32 = 10
	DefaultMaxOpenProposals        uint32 = 5
	DefaultMinValidators           uint32 = 3
	DefaultProposalEndLimit        uint32 = 50
	DefaultMaxGuardians            uint32 = 10
	DefaultMinRecoveryDelay               = 24 * time.Hour
)

// Hard ceilings no vote can raise the transaction bounds past.
const (
	CeilingTxBytes   uint32 = 1 << 20
	CeilingMsgsPerTx uint32 = 1_000
	CeilingTxGas     uint64 = 100_000_000
	CeilingNodeIDs   uint32 = 64
)

// DefaultParams returns the default consortium parameters.
func DefaultParams() Params {
	return Params{
		MaxAgentsPerMember:        DefaultMaxAgentsPerMember,
		MaxNodeIdsPerMember:       DefaultMaxNodeIDsPerMember,
		MaxMembers:                DefaultMaxMembers,
		ValidatorPower:            DefaultValidatorPower,
		MaxTxBytes:                DefaultMaxTxBytes,
		MaxMsgsPerTx:              DefaultMaxMsgsPerTx,
		MaxTxGas:                  DefaultMaxTxGas,
		AgentInvitationTtl:        DefaultAgentInvitationTTL,
		MaxInvitationsPerMember:   DefaultMaxInvitationsPerMember,
		VotingPeriod:              DefaultVotingPeriod,
		MaxProposalMessages:       DefaultMaxProposalMessages,
		MaxOpenProposalsPerMember: DefaultMaxOpenProposals,
		MinValidators:             DefaultMinValidators,
		ProposalEndLimit:          DefaultProposalEndLimit,
		MaxGuardians:              DefaultMaxGuardians,
		MinRecoveryDelay:          DefaultMinRecoveryDelay,
	}
}

// Validate checks every parameter is within bounds.
func (p Params) Validate() error {
	switch {
	case p.MaxAgentsPerMember == 0:
		return errorsmod.Wrap(ErrInvalidParams, "max_agents_per_member must be positive")
	case p.MaxNodeIdsPerMember == 0 || p.MaxNodeIdsPerMember > CeilingNodeIDs:
		return errorsmod.Wrapf(ErrInvalidParams, "max_node_ids_per_member must be in 1..%d, got %d", CeilingNodeIDs, p.MaxNodeIdsPerMember)
	case p.MaxMembers == 0 || p.MaxMembers > 10_000:
		return errorsmod.Wrapf(ErrInvalidParams, "max_members must be in 1..10000, got %d", p.MaxMembers)
	case p.ValidatorPower <= 0 || p.ValidatorPower > 1_000_000:
		return errorsmod.Wrapf(ErrInvalidParams, "validator_power must be in 1..1000000, got %d", p.ValidatorPower)
	case p.MaxTxBytes < 1024 || p.MaxTxBytes > CeilingTxBytes:
		return errorsmod.Wrapf(ErrInvalidParams, "max_tx_bytes must be in 1024..%d, got %d", CeilingTxBytes, p.MaxTxBytes)
	case p.MaxMsgsPerTx == 0 || p.MaxMsgsPerTx > CeilingMsgsPerTx:
		return errorsmod.Wrapf(ErrInvalidParams, "max_msgs_per_tx must be in 1..%d, got %d", CeilingMsgsPerTx, p.MaxMsgsPerTx)
	case p.MaxTxGas < 100_000 || p.MaxTxGas > CeilingTxGas:
		return errorsmod.Wrapf(ErrInvalidParams, "max_tx_gas must be in 100000..%d, got %d", CeilingTxGas, p.MaxTxGas)
	case p.AgentInvitationTtl < time.Hour || p.AgentInvitationTtl > 90*24*time.Hour:
		return errorsmod.Wrapf(ErrInvalidParams, "agent_invitation_ttl must be 1 hour to 90 days, got %s", p.AgentInvitationTtl)
	case p.MaxInvitationsPerMember == 0 || p.MaxInvitationsPerMember > 10_000:
		return errorsmod.Wrapf(ErrInvalidParams, "max_invitations_per_member must be in 1..10000, got %d", p.MaxInvitationsPerMember)
	case p.VotingPeriod < time.Minute || p.VotingPeriod > 90*24*time.Hour:
		return errorsmod.Wrapf(ErrInvalidParams, "voting_period must be 1 minute to 90 days, got %s", p.VotingPeriod)
	case p.MaxProposalMessages == 0 || p.MaxProposalMessages > 100:
		return errorsmod.Wrapf(ErrInvalidParams, "max_proposal_messages must be in 1..100, got %d", p.MaxProposalMessages)
	case p.MaxOpenProposalsPerMember == 0 || p.MaxOpenProposalsPerMember > 100:
		return errorsmod.Wrapf(ErrInvalidParams, "max_open_proposals_per_member must be in 1..100, got %d", p.MaxOpenProposalsPerMember)
	case p.MinValidators == 0 || p.MinValidators > 100:
		return errorsmod.Wrapf(ErrInvalidParams, "min_validators must be in 1..100, got %d", p.MinValidators)
	case p.ProposalEndLimit == 0 || p.ProposalEndLimit > 10_000:
		return errorsmod.Wrapf(ErrInvalidParams, "proposal_end_limit must be in 1..10000, got %d", p.ProposalEndLimit)
	case p.MaxGuardians == 0 || p.MaxGuardians > CeilingGuardians:
		return errorsmod.Wrapf(ErrInvalidParams, "max_guardians must be in 1..%d, got %d", CeilingGuardians, p.MaxGuardians)
	case p.MinRecoveryDelay < time.Minute || p.MinRecoveryDelay > MaxRecoveryDelay:
		return errorsmod.Wrapf(ErrInvalidParams, "min_recovery_delay must be 1 minute to %s, got %s", MaxRecoveryDelay, p.MinRecoveryDelay)
	}
	return nil
}
