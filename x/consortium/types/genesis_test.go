package types_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

const (
	hospital = types.Role_ROLE_HOSPITAL
	staff    = types.AgentRole_AGENT_ROLE_STAFF
)

// genesis is a valid consortium: two validating hospitals and a lab.
func genesis(t *testing.T) (types.GenesisState, func(string) string) {
	ac := testutil.NewStack(t).AC
	str := func(name string) string { return testutil.Bech32(ac, name) }
	gs := *types.DefaultGenesis()
	gs.Members = []types.Member{
		testutil.Member(ac, "hospital-a", 1, hospital),
		testutil.Member(ac, "hospital-b", 2, hospital),
		testutil.Member(ac, "lab", 0, types.Role_ROLE_LAB),
	}
	require.NoError(t, gs.Validate(ac))
	return gs, str
}

// invitation is member's invitation of agent as staff, for an hour from
// T0, changed by change if given.
func invitation(str func(string) string, agent, member string, change ...func(*types.AgentInvitation)) types.AgentInvitation {
	inv := types.AgentInvitation{Agent: str(agent), Member: str(member), Role: staff,
		InvitedAt: testutil.T0, ExpiresAt: testutil.T0.Add(time.Hour)}
	for _, c := range change {
		c(&inv)
	}
	return inv
}

// agent is name acting as staff for member, changed by change if given.
func agent(str func(string) string, name, member string, change ...func(*types.Agent)) types.Agent {
	a := types.Agent{Address: str(name), Member: str(member), Role: staff}
	for _, c := range change {
		c(&a)
	}
	return a
}

func TestGenesisEntriesFaults(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(gs *types.GenesisState, str func(string) string)
		want   *errorsmod.Error
	}{
		{"more members than max_members", func(gs *types.GenesisState, _ func(string) string) { gs.Params.MaxMembers = 2 }, types.ErrTooManyMembers},
		{"more node IDs than allowed", func(gs *types.GenesisState, _ func(string) string) {
			gs.Members[0].NodeIds = append(gs.Members[0].NodeIds, testutil.NodeID("second"))
			gs.Params.MaxNodeIdsPerMember = 1
		}, types.ErrInvalidMember},
		{"node ID listed twice by one member", func(gs *types.GenesisState, _ func(string) string) {
			gs.Members[0].NodeIds = []string{testutil.NodeID("x"), testutil.NodeID("x")}
		}, types.ErrDuplicateNodeID},
		{"empty operator", func(gs *types.GenesisState, _ func(string) string) { gs.Members[2].Operator = "" }, types.ErrInvalidAddress},
		{"agent that is an operator", func(gs *types.GenesisState, str func(string) string) {
			gs.Agents = []types.Agent{agent(str, "hospital-b", "hospital-a")}
		}, types.ErrAddressIsMember},
		{"operator as its own agent", func(gs *types.GenesisState, str func(string) string) {
			gs.Agents = []types.Agent{agent(str, "hospital-a", "hospital-a")}
		}, types.ErrAddressIsMember},
		{"agent listed twice", func(gs *types.GenesisState, str func(string) string) {
			gs.Agents = []types.Agent{agent(str, "dr", "hospital-a"), agent(str, "dr", "hospital-a")}
		}, types.ErrDuplicateAgent},
		{"agent of two members", func(gs *types.GenesisState, str func(string) string) {
			gs.Agents = []types.Agent{agent(str, "dr", "hospital-a"), agent(str, "dr", "hospital-b")}
		}, types.ErrDuplicateAgent},
		{"more agents than max_agents_per_member", func(gs *types.GenesisState, str func(string) string) {
			gs.Params.MaxAgentsPerMember = 1
			gs.Agents = []types.Agent{agent(str, "dr-1", "hospital-a"), agent(str, "dr-2", "hospital-a")}
		}, types.ErrTooManyAgents},
		{"malformed agent", func(gs *types.GenesisState, str func(string) string) {
			gs.Agents = []types.Agent{agent(str, "dr", "hospital-a", func(a *types.Agent) { a.Address = "med1" })}
		}, types.ErrInvalidAddress},
		{"agent with an unknown role", func(gs *types.GenesisState, str func(string) string) {
			gs.Agents = []types.Agent{agent(str, "dr", "hospital-a", func(a *types.Agent) { a.Role = 9 })}
		}, types.ErrInvalidAgent},
		{"malformed inviting member", func(gs *types.GenesisState, str func(string) string) {
			gs.Invitations = []types.AgentInvitation{invitation(str, "x", "hospital-a", func(i *types.AgentInvitation) { i.Member = "hospital-a" })}
		}, types.ErrInvalidAddress},
		{"invitation expiring before it was made", func(gs *types.GenesisState, str func(string) string) {
			gs.Invitations = []types.AgentInvitation{invitation(str, "x", "hospital-a", func(i *types.AgentInvitation) { i.ExpiresAt = i.InvitedAt.Add(-time.Second) })}
		}, types.ErrInvalidGenesis},
		{"invitation of the inviting operator", func(gs *types.GenesisState, str func(string) string) {
			gs.Invitations = []types.AgentInvitation{invitation(str, "hospital-a", "hospital-a")}
		}, types.ErrDuplicateAgent},
		{"invitation with an unknown role", func(gs *types.GenesisState, str func(string) string) {
			gs.Invitations = []types.AgentInvitation{invitation(str, "x", "hospital-a", func(i *types.AgentInvitation) { i.Role = 9 })}
		}, types.ErrInvalidAgent},
		{"patient who is a suspended member", func(gs *types.GenesisState, str func(string) string) {
			gs.Members[2].Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
			gs.Patients = []string{str("lab")}
		}, types.ErrNotAPatient},
		{"bad params first", func(gs *types.GenesisState, _ func(string) string) { gs.Params.MaxMembers = 0 }, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs, str := genesis(t)
			tc.mutate(&gs, str)
			ac := testutil.NewStack(t).AC
			require.ErrorIs(t, gs.ValidateEntries(ac), tc.want)
			require.ErrorIs(t, gs.Validate(ac), tc.want, "Validate runs every entry check")
		})
	}
}

// Each bound admits exactly its value: max_members members, max_agents
// agents and max_invitations invitations per member.
func TestGenesisBoundsAreInclusive(t *testing.T) {
	gs, str := genesis(t)
	ac := testutil.NewStack(t).AC
	gs.Params.MaxMembers = 3
	gs.Params.MaxAgentsPerMember = 2
	gs.Params.MaxInvitationsPerMember = 2
	gs.Agents = []types.Agent{agent(str, "a-1", "hospital-a"), agent(str, "a-2", "hospital-a"), agent(str, "b-1", "hospital-b"), agent(str, "b-2", "hospital-b")}
	gs.Invitations = []types.AgentInvitation{
		invitation(str, "x", "hospital-a"), invitation(str, "y", "hospital-a"),
		invitation(str, "x", "hospital-b"), invitation(str, "y", "hospital-b"),
	}
	require.NoError(t, gs.Validate(ac), "bounds are per member and inclusive")
}

// A former agent may be an agent again, or invited again; what it may never
// be is a patient.
func TestGenesisFormerAgentsMayReturn(t *testing.T) {
	gs, str := genesis(t)
	ac := testutil.NewStack(t).AC
	gs.FormerAgents = []string{str("back"), str("invited")}
	gs.Agents = []types.Agent{agent(str, "back", "hospital-b")}
	gs.Invitations = []types.AgentInvitation{invitation(str, "invited", "hospital-a")}
	require.NoError(t, gs.Validate(ac))
	gs.Patients = []string{str("invited")}
	testutil.RequireCode(t, gs.Validate(ac), types.ErrNotAPatient)
}

// A chain needs a validator: an active member with a consensus key. Only
// Validate asks for it; add-member's ValidateEntries builds genesis up one
// member at a time.
func TestGenesisNeedsAValidator(t *testing.T) {
	ac := testutil.NewStack(t).AC
	empty := types.DefaultGenesis()
	require.NoError(t, empty.ValidateEntries(ac))
	testutil.RequireCode(t, empty.Validate(ac), types.ErrInvalidGenesis)

	gs, _ := genesis(t)
	gs.Members[0].Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, gs.Validate(ac), "hospital-b still validates")
	gs.Members[1].Status = types.MemberStatus_MEMBER_STATUS_REMOVED
	require.NoError(t, gs.ValidateEntries(ac))
	testutil.RequireCode(t, gs.Validate(ac), types.ErrInvalidGenesis, "keys held only by inactive members")
}
