package keeper_test

import (
	"strings"
	"testing"

	cmtcrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

func TestInitGenesisReturnsValidatorSet(t *testing.T) {
	f := unbuilt(t)
	gs := f.Genesis
	updates, err := f.k.InitGenesis(f.Ctx, gs)
	require.NoError(t, err)

	// Two validators with a key, equal power; the regulator has none.
	require.Len(t, updates, 2)
	keys := map[string]int64{}
	for _, u := range updates {
		keys[string(u.PubKey.Sum.(*cmtcrypto.PublicKey_Ed25519).Ed25519)] = u.Power
	}
	require.Equal(t, map[string]int64{
		string(testutil.ConsensusKey("hospital-a")): types.DefaultValidatorPower,
		string(testutil.ConsensusKey("hospital-b")): types.DefaultValidatorPower,
	}, keys)
	// A verifier holding only genesis.json derives the same set.
	fromFile := map[string]int64{}
	for _, v := range gs.InitialValidators() {
		fromFile[string(v.ConsensusPubkey)] = v.Power
	}
	require.Equal(t, keys, fromFile)

	vals, err := f.queries.Validators(f.Ctx, &types.QueryValidatorsRequest{})
	require.NoError(t, err)
	require.Len(t, vals.Validators, 2)

	// Every member has an auth account, so it can sign.
	for _, name := range []string{"hospital-a", "hospital-b", "regulator"} {
		require.True(t, f.Accounts.HasAccount(f.Ctx, f.Addr(name)), name)
	}

	// Export gives back what went in.
	exported, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, exported.Members, 3)
	require.Equal(t, gs.Params, exported.Params)
}

func TestGenesisValidation(t *testing.T) {
	f := unbuilt(t)
	cases := []struct {
		name   string
		mutate func(gs *types.GenesisState)
		err    error
	}{
		{"no validator", func(gs *types.GenesisState) {
			for i := range gs.Members {
				gs.Members[i].ConsensusPubkey = nil
			}
		}, types.ErrInvalidGenesis},
		{"duplicate member", func(gs *types.GenesisState) { gs.Members = append(gs.Members, gs.Members[0]) }, types.ErrDuplicateMember},
		{"bad operator", func(gs *types.GenesisState) { gs.Members[0].Operator = "cosmos1xyz" }, types.ErrInvalidAddress},
		{"empty name", func(gs *types.GenesisState) { gs.Members[0].Name = " " }, types.ErrInvalidMember},
		{"long name", func(gs *types.GenesisState) { gs.Members[0].Name = string(make([]byte, 200)) }, types.ErrInvalidMember},
		{"no roles", func(gs *types.GenesisState) { gs.Members[0].Roles = nil }, types.ErrInvalidMember},
		{"unknown role", func(gs *types.GenesisState) { gs.Members[0].Roles = []types.Role{99} }, types.ErrInvalidMember},
		{"repeated role", func(gs *types.GenesisState) {
			gs.Members[1].Roles = []types.Role{types.Role_ROLE_HOSPITAL, types.Role_ROLE_HOSPITAL}
		}, types.ErrInvalidMember},
		{"short consensus key", func(gs *types.GenesisState) { gs.Members[0].ConsensusPubkey = []byte{1, 2, 3} }, types.ErrInvalidPubKey},
		{"shared consensus key", func(gs *types.GenesisState) { gs.Members[1].ConsensusPubkey = gs.Members[0].ConsensusPubkey }, types.ErrInvalidPubKey},
		{"regulator with consensus key", func(gs *types.GenesisState) { gs.Members[2].ConsensusPubkey = testutil.ConsensusKey("regulator") }, types.ErrInvalidMember},
		{"bad node ID", func(gs *types.GenesisState) { gs.Members[0].NodeIds = []string{"not-hex"} }, types.ErrInvalidNodeID},
		{"upper-case node ID", func(gs *types.GenesisState) {
			gs.Members[0].NodeIds = []string{"ABCDEF0123456789ABCDEF0123456789ABCDEF01"}
		}, types.ErrInvalidNodeID},
		{"node ID of two members", func(gs *types.GenesisState) { gs.Members[1].NodeIds = gs.Members[0].NodeIds }, types.ErrDuplicateNodeID},
		{"unset status", func(gs *types.GenesisState) { gs.Members[0].Status = types.MemberStatus_MEMBER_STATUS_UNSPECIFIED }, types.ErrInvalidMember},
		{"agent of unknown member", func(gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.Str("doc"), Member: f.Str("nobody"), Role: types.AgentRole_AGENT_ROLE_CLINICIAN}}
		}, types.ErrMemberNotFound},
		{"agent without role", func(gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.Str("doc"), Member: gs.Members[0].Operator}}
		}, types.ErrInvalidAgent},
		{"zero validator power", func(gs *types.GenesisState) { gs.Params.ValidatorPower = 0 }, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := unbuilt(t).Genesis
			tc.mutate(&gs)
			require.ErrorIs(t, gs.Validate(f.AC), tc.err)
			g := unbuilt(t)
			_, err := g.k.InitGenesis(g.Ctx, gs)
			require.ErrorIs(t, err, tc.err)
		})
	}
	good := f.Genesis
	require.NoError(t, good.Validate(f.AC))
}

// Invitations, former agents and patients survive export and import.
func TestGenesisRoundTripWithHistory(t *testing.T) {
	f := newFixture(t)
	f.enrol(t, "hospital-a", "dr-jones", clinician)
	f.enrol(t, "hospital-a", "gone", staff)
	require.NoError(t, f.remove("gone", "gone"))
	require.NoError(t, f.invite("hospital-b", "dr-new", clinician))
	require.NoError(t, f.k.RegisterPatient(f.Ctx, f.Addr("jane")))
	exported, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, exported.Invitations, 1)
	require.Equal(t, []string{f.Str("gone")}, exported.FormerAgents)
	require.Equal(t, []string{f.Str("jane")}, exported.Patients)

	g := unbuilt(t)
	_, err = g.k.InitGenesis(g.Ctx, *exported)
	require.NoError(t, err)
	again, err := g.k.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	require.NoError(t, g.accept("dr-new", "hospital-b"), "the invitation stays open across the export")
	testutil.RequireCode(t, g.k.RegisterPatient(g.Ctx, g.Addr("gone")), types.ErrNotAPatient)
}

func TestGenesisValidationOfHistory(t *testing.T) {
	f := unbuilt(t)
	inv := func(agent, member string) types.AgentInvitation {
		return types.AgentInvitation{Agent: f.Str(agent), Member: f.Str(member), Role: clinician,
			InvitedAt: testutil.T0, ExpiresAt: testutil.T0.Add(types.DefaultAgentInvitationTTL)}
	}
	agent := types.Agent{Address: f.Str("dr-jones"), Member: f.Str("hospital-a"), Role: clinician}
	cases := []struct {
		name   string
		mutate func(gs *types.GenesisState)
		err    error
	}{
		{"invitation by an unknown member", func(gs *types.GenesisState) { gs.Invitations = append(gs.Invitations, inv("x", "nobody")) }, types.ErrMemberNotFound},
		{"invitation of a member", func(gs *types.GenesisState) {
			gs.Invitations = append(gs.Invitations, inv("regulator", "hospital-a"))
		}, types.ErrDuplicateAgent},
		{"invitation of an agent", func(gs *types.GenesisState) {
			gs.Agents, gs.Invitations = []types.Agent{agent}, []types.AgentInvitation{inv("dr-jones", "hospital-b")}
		}, types.ErrDuplicateAgent},
		{"invitation twice", func(gs *types.GenesisState) {
			gs.Invitations = []types.AgentInvitation{inv("x", "hospital-a"), inv("x", "hospital-a")}
		}, types.ErrInvalidGenesis},
		{"invitation expiring when made", func(gs *types.GenesisState) {
			i := inv("x", "hospital-a")
			i.ExpiresAt = i.InvitedAt
			gs.Invitations = []types.AgentInvitation{i}
		}, types.ErrInvalidGenesis},
		{"invitation without role", func(gs *types.GenesisState) {
			i := inv("x", "hospital-a")
			i.Role = 0
			gs.Invitations = []types.AgentInvitation{i}
		}, types.ErrInvalidAgent},
		{"bad invitation address", func(gs *types.GenesisState) {
			i := inv("x", "hospital-a")
			i.Agent = "bad"
			gs.Invitations = []types.AgentInvitation{i}
		}, types.ErrInvalidAddress},
		{"too many invitations", func(gs *types.GenesisState) {
			gs.Params.MaxInvitationsPerMember = 1
			gs.Invitations = []types.AgentInvitation{inv("x", "hospital-a"), inv("y", "hospital-a")}
		}, types.ErrTooManyInvitations},
		{"patient who is a member", func(gs *types.GenesisState) { gs.Patients = []string{f.Str("hospital-a")} }, types.ErrNotAPatient},
		{"patient who is an agent", func(gs *types.GenesisState) {
			gs.Agents, gs.Patients = []types.Agent{agent}, []string{f.Str("dr-jones")}
		}, types.ErrNotAPatient},
		{"patient who was an agent", func(gs *types.GenesisState) {
			gs.FormerAgents, gs.Patients = []string{f.Str("x")}, []string{f.Str("x")}
		}, types.ErrNotAPatient},
		{"patient invited as agent", func(gs *types.GenesisState) {
			gs.Patients, gs.Invitations = []string{f.Str("x")}, []types.AgentInvitation{inv("x", "hospital-a")}
		}, types.ErrAddressIsPatient},
		{"patient twice", func(gs *types.GenesisState) { gs.Patients = []string{f.Str("x"), f.Str("x")} }, types.ErrInvalidGenesis},
		{"bad patient", func(gs *types.GenesisState) { gs.Patients = []string{"med1"} }, types.ErrInvalidAddress},
		{"former agent twice", func(gs *types.GenesisState) { gs.FormerAgents = []string{f.Str("x"), f.Str("x")} }, types.ErrInvalidGenesis},
		{"bad former agent", func(gs *types.GenesisState) { gs.FormerAgents = []string{"cosmos1x"} }, types.ErrInvalidAddress},
		{"short invitation ttl", func(gs *types.GenesisState) { gs.Params.AgentInvitationTtl = 0 }, types.ErrInvalidParams},
		{"no invitations allowed", func(gs *types.GenesisState) { gs.Params.MaxInvitationsPerMember = 0 }, types.ErrInvalidParams},
		{"tiny max tx bytes", func(gs *types.GenesisState) { gs.Params.MaxTxBytes = 10 }, types.ErrInvalidParams},
		{"no messages per tx", func(gs *types.GenesisState) { gs.Params.MaxMsgsPerTx = 0 }, types.ErrInvalidParams},
		{"max tx gas past the ceiling", func(gs *types.GenesisState) { gs.Params.MaxTxGas = types.CeilingTxGas + 1 }, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := unbuilt(t)
			gs := g.Genesis
			tc.mutate(&gs)
			require.ErrorIs(t, gs.Validate(g.AC), tc.err)
			_, err := g.k.InitGenesis(g.Ctx, gs)
			require.ErrorIs(t, err, tc.err, "InitGenesis refuses what Validate refuses")
		})
	}
}

// Any consortium genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/consortium/keeper
func FuzzGenesis(f *testing.F) {
	fx := newFixture(f)
	fx.enrol(f, "hospital-a", "dr-jones", clinician)
	fx.enrol(f, "hospital-a", "gone", staff)
	require.NoError(f, fx.remove("gone", "gone"))
	require.NoError(f, fx.invite("hospital-b", "dr-new", clinician))
	require.NoError(f, fx.k.RegisterPatient(fx.Ctx, fx.Addr("jane")))
	fx.patients(f, "john", "g1")
	require.NoError(f, fx.rotate("john", "johns-phone"))
	require.NoError(f, fx.setGuardians("jane", 1, day, "g1"))
	require.NoError(f, fx.start("g1", "jane", "janes-phone"))
	gs, err := fx.k.ExportGenesis(fx.Ctx)
	require.NoError(f, err)
	testutil.FuzzGenesis(f, []types.GenesisState{*gs}, testutil.NewStack,
		func(s *testutil.Stack, g types.GenesisState) error {
			_, err := s.Consortium.InitGenesis(s.Ctx, g)
			return err
		},
		func(s *testutil.Stack) (*types.GenesisState, error) { return s.Consortium.ExportGenesis(s.Ctx) })
}

// One account is one address string: an upper-case spelling of an address
// already in genesis does not slip past the uniqueness checks.
func TestGenesisAddressSpellings(t *testing.T) {
	up := strings.ToUpper
	cases := []struct {
		name   string
		mutate func(f *fixture, gs *types.GenesisState)
	}{
		{"member listed twice", func(f *fixture, gs *types.GenesisState) {
			dup := gs.Members[1]
			dup.Operator, dup.NodeIds, dup.Name = up(dup.Operator), nil, "Impostor"
			gs.Members = append(gs.Members, dup)
		}},
		{"agent that is an operator", func(f *fixture, gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: up(f.Str("hospital-b")), Member: f.Str("hospital-a"), Role: clinician}}
		}},
		{"agent listed twice", func(f *fixture, gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.Str("dr"), Member: f.Str("hospital-a"), Role: clinician},
				{Address: up(f.Str("dr")), Member: f.Str("hospital-a"), Role: clinician}}
		}},
		{"patient who is an agent", func(f *fixture, gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.Str("dr"), Member: f.Str("hospital-a"), Role: clinician}}
			gs.Patients = []string{up(f.Str("dr"))}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := unbuilt(t)
			gs := f.Genesis
			gs.Members = append([]types.Member(nil), gs.Members...)
			tc.mutate(f, &gs)
			require.ErrorContains(t, gs.Validate(f.AC), "canonical")
		})
	}
}
