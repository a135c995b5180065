package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consortium/types"
)

func (f *fixture) addAgent(op, agent string, role types.AgentRole) error {
	_, err := f.msgs.AddAgent(f.ctx, &types.MsgAddAgent{Operator: f.str(addr(op)), Agent: f.str(addr(agent)), Role: role})
	return err
}

func (f *fixture) removeAgent(op, agent string) error {
	_, err := f.msgs.RemoveAgent(f.ctx, &types.MsgRemoveAgent{Operator: f.str(addr(op)), Agent: f.str(addr(agent))})
	return err
}

func TestAddAgent(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())

	require.False(t, f.accounts.HasAccount(f.ctx, addr("dr-jones")))
	require.NoError(t, f.addAgent("hospital-a", "dr-jones", types.AgentRole_AGENT_ROLE_CLINICIAN))

	got, err := f.queries.Agent(f.ctx, &types.QueryAgentRequest{Address: f.str(addr("dr-jones"))})
	require.NoError(t, err)
	require.Equal(t, types.Agent{
		Address: f.str(addr("dr-jones")), Member: f.str(addr("hospital-a")),
		Role: types.AgentRole_AGENT_ROLE_CLINICIAN, AddedAt: f.ctx.BlockTime(),
	}, got.Agent)
	// The agent got an auth account so it can sign.
	require.True(t, f.accounts.HasAccount(f.ctx, addr("dr-jones")))

	events := f.ctx.EventManager().Events()
	require.Len(t, events, 1)
	require.Equal(t, "medchain.consortium.v1.EventAgentAdded", events[0].Type)
}

func TestAddAgentErrors(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)
	require.NoError(t, f.addAgent("hospital-a", "dr-jones", types.AgentRole_AGENT_ROLE_CLINICIAN))
	suspended, err := f.k.GetMember(f.ctx, addr("hospital-b"))
	require.NoError(t, err)
	suspended.Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.k.SetMember(f.ctx, suspended))

	cases := []struct {
		name string
		msg  types.MsgAddAgent
		err  *errorsmod.Error
	}{
		{"signer is not a member", types.MsgAddAgent{Operator: f.str(addr("stranger")), Agent: f.str(addr("x")), Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrMemberNotFound},
		{"an agent is not an operator", types.MsgAddAgent{Operator: f.str(addr("dr-jones")), Agent: f.str(addr("x")), Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrMemberNotFound},
		{"suspended member", types.MsgAddAgent{Operator: f.str(addr("hospital-b")), Agent: f.str(addr("x")), Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrMemberNotActive},
		{"duplicate agent, same member", types.MsgAddAgent{Operator: f.str(addr("hospital-a")), Agent: f.str(addr("dr-jones")), Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrDuplicateAgent},
		{"agent of another member", types.MsgAddAgent{Operator: f.str(addr("regulator")), Agent: f.str(addr("dr-jones")), Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrDuplicateAgent},
		{"operator as agent", types.MsgAddAgent{Operator: f.str(addr("hospital-a")), Agent: f.str(addr("regulator")), Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrAddressIsMember},
		{"no role", types.MsgAddAgent{Operator: f.str(addr("hospital-a")), Agent: f.str(addr("x"))}, types.ErrInvalidAgent},
		{"unknown role", types.MsgAddAgent{Operator: f.str(addr("hospital-a")), Agent: f.str(addr("x")), Role: 42}, types.ErrInvalidAgent},
		{"bad operator address", types.MsgAddAgent{Operator: "med1bad", Agent: f.str(addr("x")), Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrInvalidAddress},
		{"bad agent address", types.MsgAddAgent{Operator: f.str(addr("hospital-a")), Agent: "cosmos1xyz", Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.msgs.AddAgent(f.ctx, &tc.msg)
			require.ErrorIs(t, err, tc.err)
			// Clients see the module's own code, not a generic internal error.
			space, code, _ := errorsmod.ABCIInfo(err, false)
			require.Equal(t, types.ModuleName, space)
			require.Equal(t, tc.err.ABCICode(), code)
		})
	}
	// Nothing above changed state: still exactly one agent, owned by hospital-a.
	n := 0
	require.NoError(t, f.k.Agents.Walk(f.ctx, nil, func(_ sdk.AccAddress, a types.Agent) (bool, error) {
		n++
		require.Equal(t, f.str(addr("hospital-a")), a.Member)
		return false, nil
	}))
	require.Equal(t, 1, n)
}

func TestAgentLimit(t *testing.T) {
	f := newFixture(t)
	gs := f.genesis()
	gs.Params.MaxAgentsPerMember = 2
	_, err := f.k.InitGenesis(f.ctx, gs)
	require.NoError(t, err)
	require.NoError(t, f.addAgent("hospital-a", "a1", types.AgentRole_AGENT_ROLE_STAFF))
	require.NoError(t, f.addAgent("hospital-a", "a2", types.AgentRole_AGENT_ROLE_STAFF))
	require.ErrorIs(t, f.addAgent("hospital-a", "a3", types.AgentRole_AGENT_ROLE_STAFF), types.ErrTooManyAgents)
	// The limit is per member, and removing frees a place.
	require.NoError(t, f.addAgent("hospital-b", "b1", types.AgentRole_AGENT_ROLE_STAFF))
	require.NoError(t, f.removeAgent("hospital-a", "a1"))
	require.NoError(t, f.addAgent("hospital-a", "a3", types.AgentRole_AGENT_ROLE_STAFF))
}

func TestRemoveAgent(t *testing.T) {
	f := newFixture(t)
	f.initGenesis(t)
	require.NoError(t, f.addAgent("hospital-a", "dr-jones", types.AgentRole_AGENT_ROLE_CLINICIAN))

	// Only the agent's own member may remove it.
	require.ErrorIs(t, f.removeAgent("hospital-b", "dr-jones"), types.ErrNotOperator)
	require.ErrorIs(t, f.removeAgent("stranger", "dr-jones"), types.ErrMemberNotFound)
	require.ErrorIs(t, f.removeAgent("hospital-a", "nobody"), types.ErrAgentNotFound)

	require.NoError(t, f.removeAgent("hospital-a", "dr-jones"))
	_, err := f.k.GetAgent(f.ctx, addr("dr-jones"))
	require.ErrorIs(t, err, types.ErrAgentNotFound)
	require.ErrorIs(t, f.removeAgent("hospital-a", "dr-jones"), types.ErrAgentNotFound)
	list, err := f.queries.AgentsByMember(f.ctx, &types.QueryAgentsByMemberRequest{Member: f.str(addr("hospital-a"))})
	require.NoError(t, err)
	require.Empty(t, list.Agents)

	// A removed agent may join another member.
	require.NoError(t, f.addAgent("hospital-b", "dr-jones", types.AgentRole_AGENT_ROLE_CLINICIAN))
}
