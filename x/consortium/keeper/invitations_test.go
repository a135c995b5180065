package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// attrs lists the attributes of the events of type typ emitted on ctx,
// their values unquoted.
func attrs(ctx sdk.Context, typ string) []map[string]string {
	var out []map[string]string
	for _, e := range ctx.EventManager().Events() {
		if e.Type != "medchain.consortium.v1."+typ {
			continue
		}
		m := map[string]string{}
		for _, a := range e.Attributes {
			m[a.Key] = a.Value[1 : len(a.Value)-1]
		}
		out = append(out, m)
	}
	return out
}

func (f *fixture) invitationsOf(t *testing.T, agent string) []types.AgentInvitation {
	t.Helper()
	res, err := f.Queries.Invitations(f.Ctx, &types.QueryInvitationsRequest{Agent: f.Str(agent)})
	require.NoError(t, err)
	return res.Invitations
}

// Inviting an address again replaces the invitation: its role and a new
// expiry from the new block time. The agent is enrolled with the role of
// the invitation it accepts, at the time it accepts.
func TestReinvitingReplacesTheInvitation(t *testing.T) {
	f := newFixture(t)
	ttl := types.DefaultAgentInvitationTTL
	require.NoError(t, f.invite("hospital-a", "dr-x", clinician))
	f.later(time.Hour)
	require.NoError(t, f.invite("hospital-a", "dr-x", gateway))
	invs := f.invitationsOf(t, "dr-x")
	require.Len(t, invs, 1)
	require.Equal(t, gateway, invs[0].Role)
	require.Equal(t, testutil.T0.Add(time.Hour), invs[0].InvitedAt)
	require.Equal(t, testutil.T0.Add(time.Hour+ttl), invs[0].ExpiresAt)

	f.At(testutil.T0.Add(time.Hour + ttl - time.Nanosecond))
	require.NoError(t, f.accept("dr-x", "hospital-a"), "past the first expiry, within the second")
	a, err := f.K.GetAgent(f.Ctx, f.Addr("dr-x"))
	require.NoError(t, err)
	require.Equal(t, gateway, a.Role)
	require.Equal(t, f.Ctx.BlockTime(), a.AddedAt, "enrolled when it accepted, not when invited")
}

// An expired invitation stays stored until its member next invites, which
// removes it silently; other members' expired invitations stay.
func TestExpiredInvitationsAreSweptByTheirMember(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.invite("hospital-a", "dr-x", clinician))
	require.NoError(t, f.invite("hospital-a", "dr-y", clinician))
	require.NoError(t, f.invite("hospital-b", "dr-x", clinician))
	f.later(types.DefaultAgentInvitationTTL)
	stored := func(agent, member string) bool {
		ok, err := f.K.Invitations.Has(f.Ctx, collections.Join(f.Addr(agent), f.Addr(member)))
		require.NoError(t, err)
		return ok
	}
	require.True(t, stored("dr-x", "hospital-a"), "expired but not yet swept")

	ctx := f.FreshEvents()
	require.NoError(t, f.invite("hospital-a", "dr-z", clinician))
	require.Equal(t, []string{"medchain.consortium.v1.EventAgentInvited"}, testutil.EventTypes(ctx), "expiry ends an invitation without an event")
	require.False(t, stored("dr-x", "hospital-a"))
	require.False(t, stored("dr-y", "hospital-a"))
	require.True(t, stored("dr-x", "hospital-b"), "only the inviting member's are swept")
	exported, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, exported.Invitations, 2)
	invited, err := f.K.InvitedBy.Has(f.Ctx, collections.Join(f.Addr("hospital-a"), f.Addr("dr-x")))
	require.NoError(t, err)
	require.False(t, invited, "the member's index is swept with it")
}

// Withdrawing ends only the withdrawing member's invitation; declining ends
// every invitation the address holds, each with its own event.
func TestWithdrawAndDeclineEvents(t *testing.T) {
	f := newFixture(t)
	for _, op := range []string{"hospital-a", "hospital-b", "regulator"} {
		require.NoError(t, f.invite(op, "dr-x", clinician))
	}
	ctx := f.FreshEvents()
	require.NoError(t, f.remove("hospital-b", "dr-x"))
	require.Equal(t, []map[string]string{{"member": f.Str("hospital-b"), "agent": f.Str("dr-x"), "by": f.Str("hospital-b")}},
		attrs(ctx, "EventAgentInvitationEnded"))
	require.Len(t, f.invitationsOf(t, "dr-x"), 2, "the others stand")

	ctx = f.FreshEvents()
	require.NoError(t, f.remove("dr-x", "dr-x"))
	ended := attrs(ctx, "EventAgentInvitationEnded")
	require.Len(t, ended, 2)
	members := map[string]bool{}
	for _, e := range ended {
		require.Equal(t, f.Str("dr-x"), e["by"])
		members[e["member"]] = true
	}
	require.Equal(t, map[string]bool{f.Str("hospital-a"): true, f.Str("regulator"): true}, members)
	require.Empty(t, f.invitationsOf(t, "dr-x"))
	for _, op := range []string{"hospital-a", "regulator"} {
		res, err := f.Queries.Invitations(f.Ctx, &types.QueryInvitationsRequest{Member: f.Str(op)})
		require.NoError(t, err)
		require.Empty(t, res.Invitations, "gone from %s's listing too", op)
	}
}

func TestRemovalEventNamesWhoRemoved(t *testing.T) {
	f := newFixture(t)
	f.enrol(t, "hospital-a", "dr-x", clinician)
	f.enrol(t, "hospital-a", "dr-y", clinician)
	ctx := f.FreshEvents()
	require.NoError(t, f.remove("hospital-a", "dr-x"))
	require.NoError(t, f.remove("dr-y", "dr-y"))
	require.Equal(t, []map[string]string{
		{"member": f.Str("hospital-a"), "agent": f.Str("dr-x"), "by": f.Str("hospital-a")},
		{"member": f.Str("hospital-a"), "agent": f.Str("dr-y"), "by": f.Str("dr-y")},
	}, attrs(ctx, "EventAgentRemoved"))
}

// A member's agent count and listing follow enrolments and removals, and an
// agent that changes members moves between the listings.
func TestAgentBookkeeping(t *testing.T) {
	f := newFixture(t)
	count := func(op string) uint32 {
		n, err := f.K.AgentCount.Get(f.Ctx, f.Addr(op))
		require.NoError(t, err)
		return n
	}
	listed := func(op string) []string {
		res, err := f.Queries.AgentsByMember(f.Ctx, &types.QueryAgentsByMemberRequest{Member: f.Str(op)})
		require.NoError(t, err)
		var out []string
		for _, a := range res.Agents {
			out = append(out, a.Address)
		}
		return out
	}
	f.enrol(t, "hospital-a", "dr-x", clinician)
	f.enrol(t, "hospital-a", "dr-y", staff)
	f.enrol(t, "hospital-b", "dr-z", staff)
	require.Equal(t, uint32(2), count("hospital-a"))
	require.ElementsMatch(t, []string{f.Str("dr-x"), f.Str("dr-y")}, listed("hospital-a"))

	require.NoError(t, f.remove("dr-x", "dr-x"))
	f.enrol(t, "hospital-b", "dr-x", clinician)
	require.Equal(t, uint32(1), count("hospital-a"))
	require.Equal(t, uint32(2), count("hospital-b"))
	require.Equal(t, []string{f.Str("dr-y")}, listed("hospital-a"))
	require.ElementsMatch(t, []string{f.Str("dr-x"), f.Str("dr-z")}, listed("hospital-b"))
	m, err := f.K.SignerMember(f.Ctx, f.Addr("dr-x"))
	require.NoError(t, err)
	require.Equal(t, f.Str("hospital-b"), m.Operator, "it now signs for its new member only")

	testutil.RequireCode(t, f.K.RegisterPatient(f.Ctx, f.Addr("dr-x")), types.ErrNotAPatient, "an agent again, and a former agent for good")
	require.NoError(t, f.remove("hospital-b", "dr-x"))
	testutil.RequireCode(t, f.K.RegisterPatient(f.Ctx, f.Addr("dr-x")), types.ErrNotAPatient)
}

// The per-member invitation bound counts open invitations at the block
// time: an invitation expiring exactly now no longer counts.
func TestInvitationBoundAtExpiry(t *testing.T) {
	f := newFixture(t, func(s *testutil.Stack) { s.Genesis.Params.MaxInvitationsPerMember = 1 })
	require.NoError(t, f.invite("hospital-a", "dr-x", clinician))
	f.later(types.DefaultAgentInvitationTTL - time.Nanosecond)
	testutil.RequireCode(t, f.invite("hospital-a", "dr-y", clinician), types.ErrTooManyInvitations, "still open")
	f.later(time.Nanosecond)
	require.NoError(t, f.invite("hospital-a", "dr-y", clinician), "expired at expires_at")
}
