package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/keeper"
	"github.com/medchain/medchain/x/consortium/types"
)

const (
	hospital  = types.Role_ROLE_HOSPITAL
	emergency = types.Role_ROLE_EMERGENCY
	clinician = types.AgentRole_AGENT_ROLE_CLINICIAN
	gateway   = types.AgentRole_AGENT_ROLE_GATEWAY
	staff     = types.AgentRole_AGENT_ROLE_STAFF
)

// fixture is the keeper stack with the consortium's Msg and Query servers.
type fixture struct {
	*testutil.Stack
	k       keeper.Keeper
	msgs    types.MsgServer
	queries types.QueryServer
}

// newFixture: two validating hospitals (hospital-a with the emergency role)
// and a regulator. configure, if given, changes the genesis first.
func newFixture(t testing.TB, configure ...func(*testutil.Stack)) *fixture {
	s := testutil.NewStack(t).
		WithMember("hospital-a", hospital, emergency).
		WithMember("hospital-b", hospital).
		WithObserver("regulator", types.Role_ROLE_REGULATOR)
	for _, c := range configure {
		c(s)
	}
	s.Build()
	return &fixture{Stack: s, k: s.Consortium, msgs: keeper.NewMsgServer(s.Consortium), queries: keeper.NewQueryServer(s.Consortium)}
}

func (f *fixture) invite(op, agent string, role types.AgentRole) error {
	_, err := f.msgs.AddAgent(f.Ctx, &types.MsgAddAgent{Operator: f.Str(op), Agent: f.Str(agent), Role: role})
	return err
}

func (f *fixture) accept(agent, op string) error {
	_, err := f.msgs.AcceptAgent(f.Ctx, &types.MsgAcceptAgent{Agent: f.Str(agent), Member: f.Str(op)})
	return err
}

func (f *fixture) remove(signer, agent string) error {
	_, err := f.msgs.RemoveAgent(f.Ctx, &types.MsgRemoveAgent{Signer: f.Str(signer), Agent: f.Str(agent)})
	return err
}

// enrol invites agent for op and has it accept.
func (f *fixture) enrol(t testing.TB, op, agent string, role types.AgentRole) {
	t.Helper()
	require.NoError(t, f.invite(op, agent, role))
	require.NoError(t, f.accept(agent, op))
}

// setStatus changes a member's status, as a suspension or removal does.
func (f *fixture) setStatus(t testing.TB, name string, status types.MemberStatus) {
	t.Helper()
	m, err := f.k.GetMember(f.Ctx, f.Addr(name))
	require.NoError(t, err)
	m.Status = status
	require.NoError(t, f.k.SetMember(f.Ctx, m))
}

// later moves the block time forward by d.
func (f *fixture) later(d time.Duration) { f.At(f.Ctx.BlockTime().Add(d)) }

func (f *fixture) allowed(t testing.TB, name string) bool {
	t.Helper()
	ok, err := f.k.IsAllowedSigner(f.Ctx, f.Addr(name))
	require.NoError(t, err)
	return ok
}

// unbuilt is the fixture's consortium before InitGenesis: its Genesis may
// be changed and loaded by the test.
func unbuilt(t testing.TB) *fixture {
	s := testutil.NewStack(t).
		WithMember("hospital-a", hospital, emergency).
		WithMember("hospital-b", hospital).
		WithObserver("regulator", types.Role_ROLE_REGULATOR)
	return &fixture{Stack: s, k: s.Consortium, msgs: keeper.NewMsgServer(s.Consortium), queries: keeper.NewQueryServer(s.Consortium)}
}

// member is an active member named name, validating if validator.
func (f *fixture) member(name string, validator bool, roles ...types.Role) types.Member {
	m := types.Member{
		Operator: f.Str(name), Name: "Institution " + name, Roles: roles,
		NodeIds: []string{testutil.NodeID(name)}, Status: types.MemberStatus_MEMBER_STATUS_ACTIVE,
	}
	if validator {
		m.ConsensusPubkey = testutil.ConsensusKey(name)
	}
	return m
}
