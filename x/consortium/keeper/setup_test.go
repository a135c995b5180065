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
	testutil.Module[keeper.Keeper, types.MsgServer, types.QueryServer]
}

// consortium is the fixture over s.
func consortium(s *testutil.Stack) *fixture {
	return &fixture{testutil.NewModule(s, s.Consortium, keeper.NewMsgServer, keeper.NewQueryServer)}
}

// newFixture: two validating hospitals (hospital-a with the emergency role)
// and a regulator. configure, if given, changes the genesis first.
func newFixture(t testing.TB, configure ...func(*testutil.Stack)) *fixture {
	f := unbuilt(t)
	for _, c := range configure {
		c(f.Stack)
	}
	f.Build()
	return f
}

func (f *fixture) invite(op, agent string, role types.AgentRole) error {
	_, err := f.Msgs.AddAgent(f.Ctx, &types.MsgAddAgent{Operator: f.Str(op), Agent: f.Str(agent), Role: role})
	return err
}

func (f *fixture) accept(agent, op string) error {
	_, err := f.Msgs.AcceptAgent(f.Ctx, &types.MsgAcceptAgent{Agent: f.Str(agent), Member: f.Str(op)})
	return err
}

func (f *fixture) remove(signer, agent string) error {
	_, err := f.Msgs.RemoveAgent(f.Ctx, &types.MsgRemoveAgent{Signer: f.Str(signer), Agent: f.Str(agent)})
	return err
}

// enrol invites agent for op and has it accept.
func (f *fixture) enrol(t testing.TB, op, agent string, role types.AgentRole) {
	t.Helper()
	require.NoError(t, f.invite(op, agent, role))
	require.NoError(t, f.accept(agent, op))
}

// later moves the block time forward by d.
func (f *fixture) later(d time.Duration) { f.At(f.Ctx.BlockTime().Add(d)) }

func (f *fixture) allowed(t testing.TB, name string) bool {
	t.Helper()
	return testutil.Get(t, f.Ctx, f.K.IsAllowedSigner, f.Addr(name))
}

// enrolled: newFixture, with clinician dr-jones enrolled by hospital-a.
func enrolled(t testing.TB) *fixture {
	f := newFixture(t)
	f.enrol(t, "hospital-a", "dr-jones", clinician)
	return f
}

// unbuilt is the fixture's consortium before InitGenesis: its Genesis may
// be changed and loaded by the test.
func unbuilt(t testing.TB) *fixture {
	return consortium(testutil.NewStack(t).
		WithMember("hospital-a", hospital, emergency).
		WithMember("hospital-b", hospital).
		WithObserver("regulator", types.Role_ROLE_REGULATOR))
}
