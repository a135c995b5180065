package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

func TestDefaultParamsAreValid(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	require.NoError(t, types.DefaultGenesis().Params.Validate())
}

// Each param is accepted at both ends of its documented range and refused
// one step outside it, whatever the other params are.
func TestParamsBounds(t *testing.T) {
	const day = 24 * time.Hour
	testutil.RequireParamCases(t, types.DefaultParams, types.ErrInvalidParams,
		testutil.Range("max_agents_per_member", func(p *types.Params) *uint32 { return &p.MaxAgentsPerMember }, 1, ^uint32(0)),
		testutil.Range("max_node_ids_per_member", func(p *types.Params) *uint32 { return &p.MaxNodeIdsPerMember }, 1, types.CeilingNodeIDs),
		testutil.Range("max_members", func(p *types.Params) *uint32 { return &p.MaxMembers }, 1, 10_000),
		testutil.Range("validator_power", func(p *types.Params) *int64 { return &p.ValidatorPower }, 1, 1_000_000),
		testutil.Param("validator_power -1", func(p *types.Params) { p.ValidatorPower = -1 }, false),
		testutil.Range("max_tx_bytes", func(p *types.Params) *uint32 { return &p.MaxTxBytes }, 1024, types.CeilingTxBytes),
		testutil.Range("max_msgs_per_tx", func(p *types.Params) *uint32 { return &p.MaxMsgsPerTx }, 1, types.CeilingMsgsPerTx),
		testutil.Range("max_tx_gas", func(p *types.Params) *uint64 { return &p.MaxTxGas }, 100_000, types.CeilingTxGas),
		testutil.Range("agent_invitation_ttl", func(p *types.Params) *time.Duration { return &p.AgentInvitationTtl }, time.Hour, 90*day),
		testutil.Param("agent_invitation_ttl negative", func(p *types.Params) { p.AgentInvitationTtl = -time.Hour }, false),
		testutil.Range("max_invitations_per_member", func(p *types.Params) *uint32 { return &p.MaxInvitationsPerMember }, 1, 10_000),
		testutil.Range("voting_period", func(p *types.Params) *time.Duration { return &p.VotingPeriod }, time.Minute, 90*day),
		testutil.Range("max_proposal_messages", func(p *types.Params) *uint32 { return &p.MaxProposalMessages }, 1, 100),
		testutil.Range("max_open_proposals_per_member", func(p *types.Params) *uint32 { return &p.MaxOpenProposalsPerMember }, 1, 100),
		testutil.Range("min_validators", func(p *types.Params) *uint32 { return &p.MinValidators }, 1, 100),
		testutil.Range("proposal_end_limit", func(p *types.Params) *uint32 { return &p.ProposalEndLimit }, 1, 10_000),
		testutil.Range("max_guardians", func(p *types.Params) *uint32 { return &p.MaxGuardians }, 1, types.CeilingGuardians),
		testutil.Range("min_recovery_delay", func(p *types.Params) *time.Duration { return &p.MinRecoveryDelay }, time.Minute, types.MaxRecoveryDelay),
	)
}

// The zero Params (a genesis that forgot them) is refused, not read as
// "no limits".
func TestZeroParamsAreRefused(t *testing.T) {
	testutil.RequireCode(t, types.Params{}.Validate(), types.ErrInvalidParams)
}
