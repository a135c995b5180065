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
	updates, err := f.K.InitGenesis(f.Ctx, gs)
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

	vals, err := f.Queries.Validators(f.Ctx, &types.QueryValidatorsRequest{})
	require.NoError(t, err)
	require.Len(t, vals.Validators, 2)

	// Every member has an auth account, so it can sign.
	for _, name := range []string{"hospital-a", "hospital-b", "regulator"} {
		require.True(t, f.Accounts.HasAccount(f.Ctx, f.Addr(name)), name)
	}

	// Export gives back what went in.
	exported, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, exported.Members, 3)
	require.Equal(t, gs.Params, exported.Params)
}

func TestGenesisValidation(t *testing.T) {
	f := unbuilt(t)
	cases := []testutil.GenesisCase[types.GenesisState]{
		testutil.Refuse("no validator", func(gs *types.GenesisState) {
			for i := range gs.Members {
				gs.Members[i].ConsensusPubkey = nil
			}
		}, types.ErrInvalidGenesis),
		testutil.Refuse("duplicate member", func(gs *types.GenesisState) { gs.Members = append(gs.Members, gs.Members[0]) }, types.ErrDuplicateMember),
		testutil.Refuse("bad operator", func(gs *types.GenesisState) { gs.Members[0].Operator = "cosmos1xyz" }, types.ErrInvalidAddress),
		testutil.Refuse("empty name", func(gs *types.GenesisState) { gs.Members[0].Name = " " }, types.ErrInvalidMember),
		testutil.Refuse("long name", func(gs *types.GenesisState) { gs.Members[0].Name = string(make([]byte, 200)) }, types.ErrInvalidMember),
		testutil.Refuse("no roles", func(gs *types.GenesisState) { gs.Members[0].Roles = nil }, types.ErrInvalidMember),
		testutil.Refuse("unknown role", func(gs *types.GenesisState) { gs.Members[0].Roles = []types.Role{99} }, types.ErrInvalidMember),
		testutil.Refuse("repeated role", func(gs *types.GenesisState) {
			gs.Members[1].Roles = []types.Role{types.Role_ROLE_HOSPITAL, types.Role_ROLE_HOSPITAL}
		}, types.ErrInvalidMember),
		testutil.Refuse("short consensus key", func(gs *types.GenesisState) { gs.Members[0].ConsensusPubkey = []byte{1, 2, 3} }, types.ErrInvalidPubKey),
		testutil.Refuse("shared consensus key", func(gs *types.GenesisState) { gs.Members[1].ConsensusPubkey = gs.Members[0].ConsensusPubkey }, types.ErrInvalidPubKey),
		testutil.Refuse("regulator with consensus key", func(gs *types.GenesisState) { gs.Members[2].ConsensusPubkey = testutil.ConsensusKey("regulator") }, types.ErrInvalidMember),
		testutil.Refuse("bad node ID", func(gs *types.GenesisState) { gs.Members[0].NodeIds = []string{"not-hex"} }, types.ErrInvalidNodeID),
		testutil.Refuse("upper-case node ID", func(gs *types.GenesisState) {
			gs.Members[0].NodeIds = []string{"ABCDEF0123456789ABCDEF0123456789ABCDEF01"}
		}, types.ErrInvalidNodeID),
		testutil.Refuse("node ID of two members", func(gs *types.GenesisState) { gs.Members[1].NodeIds = gs.Members[0].NodeIds }, types.ErrDuplicateNodeID),
		testutil.Refuse("unset status", func(gs *types.GenesisState) { gs.Members[0].Status = types.MemberStatus_MEMBER_STATUS_UNSPECIFIED }, types.ErrInvalidMember),
		testutil.Refuse("agent of unknown member", func(gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.Str("doc"), Member: f.Str("nobody"), Role: types.AgentRole_AGENT_ROLE_CLINICIAN}}
		}, types.ErrMemberNotFound),
		testutil.Refuse("agent without role", func(gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.Str("doc"), Member: gs.Members[0].Operator}}
		}, types.ErrInvalidAgent),
		testutil.Refuse("zero validator power", func(gs *types.GenesisState) { gs.Params.ValidatorPower = 0 }, types.ErrInvalidParams),
	}
	testutil.ConsortiumGenesis.RequireRefused(t, unbuiltGenesis, fresh, cases)
	good := f.Genesis
	require.NoError(t, good.Validate(f.AC))
}

// withHistory: dr-jones an agent of hospital-a, gone a former one, dr-new
// invited by hospital-b, and patient jane.
func withHistory(t testing.TB) *fixture {
	f := enrolled(t)
	f.enrol(t, "hospital-a", "gone", staff)
	require.NoError(t, f.remove("gone", "gone"))
	require.NoError(t, f.invite("hospital-b", "dr-new", clinician))
	require.NoError(t, f.K.RegisterPatient(f.Ctx, f.Addr("jane")))
	return f
}

// unbuiltGenesis is the genesis of a new unbuilt fixture.
func unbuiltGenesis(t testing.TB) *types.GenesisState { return &unbuilt(t).Genesis }

// fresh is a new stack, its consortium not yet loaded.
func fresh(t testing.TB) *testutil.Stack { return unbuilt(t).Stack }

// Invitations, former agents and patients survive export and import.
func TestGenesisRoundTripWithHistory(t *testing.T) {
	f := withHistory(t)
	exported := testutil.ConsortiumGenesis.MustExport(t, f.Stack)
	require.Len(t, exported.Invitations, 1)
	require.Equal(t, []string{f.Str("gone")}, exported.FormerAgents)
	require.Equal(t, []string{f.Str("jane")}, exported.Patients)

	g := unbuilt(t)
	testutil.ConsortiumGenesis.RequireRoundTrip(t, g.Stack, exported)
	require.NoError(t, g.accept("dr-new", "hospital-b"), "the invitation stays open across the export")
	testutil.RequireCode(t, g.K.RegisterPatient(g.Ctx, g.Addr("gone")), types.ErrNotAPatient)
}

func TestGenesisValidationOfHistory(t *testing.T) {
	f := unbuilt(t)
	inv := func(agent, member string) types.AgentInvitation {
		return types.AgentInvitation{Agent: f.Str(agent), Member: f.Str(member), Role: clinician,
			InvitedAt: testutil.T0, ExpiresAt: testutil.T0.Add(types.DefaultAgentInvitationTTL)}
	}
	agent := types.Agent{Address: f.Str("dr-jones"), Member: f.Str("hospital-a"), Role: clinician}
	cases := []testutil.GenesisCase[types.GenesisState]{
		testutil.Refuse("invitation by an unknown member", func(gs *types.GenesisState) { gs.Invitations = append(gs.Invitations, inv("x", "nobody")) }, types.ErrMemberNotFound),
		testutil.Refuse("invitation of a member", func(gs *types.GenesisState) {
			gs.Invitations = append(gs.Invitations, inv("regulator", "hospital-a"))
		}, types.ErrDuplicateAgent),
		testutil.Refuse("invitation of an agent", func(gs *types.GenesisState) {
			gs.Agents, gs.Invitations = []types.Agent{agent}, []types.AgentInvitation{inv("dr-jones", "hospital-b")}
		}, types.ErrDuplicateAgent),
		testutil.Refuse("invitation twice", func(gs *types.GenesisState) {
			gs.Invitations = []types.AgentInvitation{inv("x", "hospital-a"), inv("x", "hospital-a")}
		}, types.ErrInvalidGenesis),
		testutil.Refuse("invitation expiring when made", func(gs *types.GenesisState) {
			i := inv("x", "hospital-a")
			i.ExpiresAt = i.InvitedAt
			gs.Invitations = []types.AgentInvitation{i}
		}, types.ErrInvalidGenesis),
		testutil.Refuse("invitation without role", func(gs *types.GenesisState) {
			i := inv("x", "hospital-a")
			i.Role = 0
			gs.Invitations = []types.AgentInvitation{i}
		}, types.ErrInvalidAgent),
		testutil.Refuse("bad invitation address", func(gs *types.GenesisState) {
			i := inv("x", "hospital-a")
			i.Agent = "bad"
			gs.Invitations = []types.AgentInvitation{i}
		}, types.ErrInvalidAddress),
		testutil.Refuse("too many invitations", func(gs *types.GenesisState) {
			gs.Params.MaxInvitationsPerMember = 1
			gs.Invitations = []types.AgentInvitation{inv("x", "hospital-a"), inv("y", "hospital-a")}
		}, types.ErrTooManyInvitations),
		testutil.Refuse("patient who is a member", func(gs *types.GenesisState) { gs.Patients = []string{f.Str("hospital-a")} }, types.ErrNotAPatient),
		testutil.Refuse("patient who is an agent", func(gs *types.GenesisState) {
			gs.Agents, gs.Patients = []types.Agent{agent}, []string{f.Str("dr-jones")}
		}, types.ErrNotAPatient),
		testutil.Refuse("patient who was an agent", func(gs *types.GenesisState) {
			gs.FormerAgents, gs.Patients = []string{f.Str("x")}, []string{f.Str("x")}
		}, types.ErrNotAPatient),
		testutil.Refuse("patient invited as agent", func(gs *types.GenesisState) {
			gs.Patients, gs.Invitations = []string{f.Str("x")}, []types.AgentInvitation{inv("x", "hospital-a")}
		}, types.ErrAddressIsPatient),
		testutil.Refuse("patient twice", func(gs *types.GenesisState) { gs.Patients = []string{f.Str("x"), f.Str("x")} }, types.ErrInvalidGenesis),
		testutil.Refuse("bad patient", func(gs *types.GenesisState) { gs.Patients = []string{"med1"} }, types.ErrInvalidAddress),
		testutil.Refuse("former agent twice", func(gs *types.GenesisState) { gs.FormerAgents = []string{f.Str("x"), f.Str("x")} }, types.ErrInvalidGenesis),
		testutil.Refuse("bad former agent", func(gs *types.GenesisState) { gs.FormerAgents = []string{"cosmos1x"} }, types.ErrInvalidAddress),
		testutil.Refuse("short invitation ttl", func(gs *types.GenesisState) { gs.Params.AgentInvitationTtl = 0 }, types.ErrInvalidParams),
		testutil.Refuse("no invitations allowed", func(gs *types.GenesisState) { gs.Params.MaxInvitationsPerMember = 0 }, types.ErrInvalidParams),
		testutil.Refuse("tiny max tx bytes", func(gs *types.GenesisState) { gs.Params.MaxTxBytes = 10 }, types.ErrInvalidParams),
		testutil.Refuse("no messages per tx", func(gs *types.GenesisState) { gs.Params.MaxMsgsPerTx = 0 }, types.ErrInvalidParams),
		testutil.Refuse("max tx gas past the ceiling", func(gs *types.GenesisState) { gs.Params.MaxTxGas = types.CeilingTxGas + 1 }, types.ErrInvalidParams),
	}
	testutil.ConsortiumGenesis.RequireRefused(t, unbuiltGenesis, fresh, cases)
}

// Any consortium genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/consortium/keeper
func FuzzGenesis(f *testing.F) {
	fx := withHistory(f)
	fx.patients(f, "john", "g1")
	require.NoError(f, fx.rotate("john", "johns-phone"))
	require.NoError(f, fx.setGuardians("jane", 1, day, "g1"))
	require.NoError(f, fx.start("g1", "jane", "janes-phone"))
	gs := testutil.ConsortiumGenesis.MustExport(f, fx.Stack)
	testutil.FuzzGenesis(f, []types.GenesisState{*gs}, testutil.NewStack, testutil.ConsortiumGenesis)
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
