package keeper_test

import (
	"testing"

	cmtcrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consortium/types"
)

func TestInitGenesisReturnsValidatorSet(t *testing.T) {
	f := newFixture(t)
	gs := f.genesis()
	updates, err := f.k.InitGenesis(f.ctx, gs)
	require.NoError(t, err)

	// Two validators with a key, equal power; the regulator has none.
	require.Len(t, updates, 2)
	keys := map[string]int64{}
	for _, u := range updates {
		keys[string(u.PubKey.Sum.(*cmtcrypto.PublicKey_Ed25519).Ed25519)] = u.Power
	}
	require.Equal(t, map[string]int64{
		string(consKey("hospital-a")): types.DefaultValidatorPower,
		string(consKey("hospital-b")): types.DefaultValidatorPower,
	}, keys)

	vals, err := f.queries.Validators(f.ctx, &types.QueryValidatorsRequest{})
	require.NoError(t, err)
	require.Len(t, vals.Validators, 2)

	// Every member has an auth account, so it can sign.
	for _, name := range []string{"hospital-a", "hospital-b", "regulator"} {
		require.True(t, f.accounts.HasAccount(f.ctx, addr(name)), name)
	}

	// Export gives back what went in.
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Len(t, exported.Members, 3)
	require.Equal(t, gs.Params, exported.Params)
}

func TestGenesisValidation(t *testing.T) {
	f := newFixture(t)
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
		{"regulator with consensus key", func(gs *types.GenesisState) { gs.Members[2].ConsensusPubkey = consKey("regulator") }, types.ErrInvalidMember},
		{"bad node ID", func(gs *types.GenesisState) { gs.Members[0].NodeIds = []string{"not-hex"} }, types.ErrInvalidNodeID},
		{"upper-case node ID", func(gs *types.GenesisState) {
			gs.Members[0].NodeIds = []string{"ABCDEF0123456789ABCDEF0123456789ABCDEF01"}
		}, types.ErrInvalidNodeID},
		{"node ID of two members", func(gs *types.GenesisState) { gs.Members[1].NodeIds = gs.Members[0].NodeIds }, types.ErrDuplicateNodeID},
		{"unset status", func(gs *types.GenesisState) { gs.Members[0].Status = types.MemberStatus_MEMBER_STATUS_UNSPECIFIED }, types.ErrInvalidMember},
		{"agent of unknown member", func(gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.str(addr("doc")), Member: f.str(addr("nobody")), Role: types.AgentRole_AGENT_ROLE_CLINICIAN}}
		}, types.ErrMemberNotFound},
		{"agent without role", func(gs *types.GenesisState) {
			gs.Agents = []types.Agent{{Address: f.str(addr("doc")), Member: gs.Members[0].Operator}}
		}, types.ErrInvalidAgent},
		{"zero validator power", func(gs *types.GenesisState) { gs.Params.ValidatorPower = 0 }, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := f.genesis()
			tc.mutate(&gs)
			require.ErrorIs(t, gs.Validate(f.ac), tc.err)
			_, err := newFixture(t).k.InitGenesis(f.ctx, gs)
			require.ErrorIs(t, err, tc.err)
		})
	}
	good := f.genesis()
	require.NoError(t, good.Validate(f.ac))
}
