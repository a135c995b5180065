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
	testutil.RequireParamCases(t, types.DefaultParams, types.ErrInvalidParams,
		testutil.Param("max_agents_per_member 0", func(p *types.Params) { p.MaxAgentsPerMember = 0 }, false),
		testutil.Param("max_agents_per_member 1", func(p *types.Params) { p.MaxAgentsPerMember = 1 }, true),
		testutil.Param("max_agents_per_member max uint32", func(p *types.Params) { p.MaxAgentsPerMember = ^uint32(0) }, true),

		testutil.Param("max_node_ids_per_member 0", func(p *types.Params) { p.MaxNodeIdsPerMember = 0 }, false),
		testutil.Param("max_node_ids_per_member 1", func(p *types.Params) { p.MaxNodeIdsPerMember = 1 }, true),

		testutil.Param("max_members 0", func(p *types.Params) { p.MaxMembers = 0 }, false),
		testutil.Param("max_members 1", func(p *types.Params) { p.MaxMembers = 1 }, true),
		testutil.Param("max_members 10000", func(p *types.Params) { p.MaxMembers = 10_000 }, true),
		testutil.Param("max_members 10001", func(p *types.Params) { p.MaxMembers = 10_001 }, false),

		testutil.Param("validator_power -1", func(p *types.Params) { p.ValidatorPower = -1 }, false),
		testutil.Param("validator_power 0", func(p *types.Params) { p.ValidatorPower = 0 }, false),
		testutil.Param("validator_power 1", func(p *types.Params) { p.ValidatorPower = 1 }, true),
		testutil.Param("validator_power 1000000", func(p *types.Params) { p.ValidatorPower = 1_000_000 }, true),
		testutil.Param("validator_power 1000001", func(p *types.Params) { p.ValidatorPower = 1_000_001 }, false),

		testutil.Param("max_tx_bytes 1023", func(p *types.Params) { p.MaxTxBytes = 1023 }, false),
		testutil.Param("max_tx_bytes 1024", func(p *types.Params) { p.MaxTxBytes = 1024 }, true),
		testutil.Param("max_tx_bytes 1 MiB", func(p *types.Params) { p.MaxTxBytes = types.CeilingTxBytes }, true),
		testutil.Param("max_tx_bytes 1 MiB + 1", func(p *types.Params) { p.MaxTxBytes = types.CeilingTxBytes + 1 }, false),

		testutil.Param("max_msgs_per_tx 0", func(p *types.Params) { p.MaxMsgsPerTx = 0 }, false),
		testutil.Param("max_msgs_per_tx 1", func(p *types.Params) { p.MaxMsgsPerTx = 1 }, true),
		testutil.Param("max_msgs_per_tx 1000", func(p *types.Params) { p.MaxMsgsPerTx = types.CeilingMsgsPerTx }, true),
		testutil.Param("max_msgs_per_tx 1001", func(p *types.Params) { p.MaxMsgsPerTx = types.CeilingMsgsPerTx + 1 }, false),

		testutil.Param("max_tx_gas 99999", func(p *types.Params) { p.MaxTxGas = 99_999 }, false),
		testutil.Param("max_tx_gas 100000", func(p *types.Params) { p.MaxTxGas = 100_000 }, true),
		testutil.Param("max_tx_gas 100000000", func(p *types.Params) { p.MaxTxGas = types.CeilingTxGas }, true),
		testutil.Param("max_tx_gas 100000001", func(p *types.Params) { p.MaxTxGas = types.CeilingTxGas + 1 }, false),

		testutil.Param("agent_invitation_ttl negative", func(p *types.Params) { p.AgentInvitationTtl = -time.Hour }, false),
		testutil.Param("agent_invitation_ttl 1h - 1ns", func(p *types.Params) { p.AgentInvitationTtl = time.Hour - time.Nanosecond }, false),
		testutil.Param("agent_invitation_ttl 1h", func(p *types.Params) { p.AgentInvitationTtl = time.Hour }, true),
		testutil.Param("agent_invitation_ttl 90d", func(p *types.Params) { p.AgentInvitationTtl = 90 * 24 * time.Hour }, true),
		testutil.Param("agent_invitation_ttl 90d + 1ns", func(p *types.Params) { p.AgentInvitationTtl = 90*24*time.Hour + time.Nanosecond }, false),

		testutil.Param("max_invitations_per_member 0", func(p *types.Params) { p.MaxInvitationsPerMember = 0 }, false),
		testutil.Param("max_invitations_per_member 1", func(p *types.Params) { p.MaxInvitationsPerMember = 1 }, true),
		testutil.Param("max_invitations_per_member 10000", func(p *types.Params) { p.MaxInvitationsPerMember = 10_000 }, true),
		testutil.Param("max_invitations_per_member 10001", func(p *types.Params) { p.MaxInvitationsPerMember = 10_001 }, false),

		testutil.Param("max_guardians 0", func(p *types.Params) { p.MaxGuardians = 0 }, false),
		testutil.Param("max_guardians 1", func(p *types.Params) { p.MaxGuardians = 1 }, true),
		testutil.Param("max_guardians 20", func(p *types.Params) { p.MaxGuardians = types.CeilingGuardians }, true),
		testutil.Param("max_guardians 21", func(p *types.Params) { p.MaxGuardians = types.CeilingGuardians + 1 }, false),

		testutil.Param("min_recovery_delay 1 minute", func(p *types.Params) { p.MinRecoveryDelay = time.Minute }, true),
		testutil.Param("min_recovery_delay under 1 minute", func(p *types.Params) { p.MinRecoveryDelay = time.Minute - time.Nanosecond }, false),
		testutil.Param("min_recovery_delay 90 days", func(p *types.Params) { p.MinRecoveryDelay = types.MaxRecoveryDelay }, true),
		testutil.Param("min_recovery_delay over 90 days", func(p *types.Params) { p.MinRecoveryDelay = types.MaxRecoveryDelay + time.Nanosecond }, false),
	)
}

// The zero Params (a genesis that forgot them) is refused, not read as
// "no limits".
func TestZeroParamsAreRefused(t *testing.T) {
	testutil.RequireCode(t, types.Params{}.Validate(), types.ErrInvalidParams)
}
