package app_test

import (
	"context"
	"testing"
	"time"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// A software upgrade goes through a proposal like any other change: once it
// passes, the chain halts at the planned height (the old binary knows no
// handler for it), and the new binary, restarted over the same data, runs
// the upgrade's migration at that height and goes on.
func TestUpgradeByProposal(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey(), withAppOption("home", t.TempDir()))
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address()).String()
	authority := authtypes.NewModuleAddress(consortiumtypes.ModuleName).String()
	plan := upgradetypes.Plan{Name: "v2-unit", Height: 6}
	upgrade, err := codectypes.NewAnyWithValue(&upgradetypes.MsgSoftwareUpgrade{Authority: authority, Plan: plan})
	require.NoError(t, err)

	// Nobody schedules an upgrade directly, not even a member.
	res := c.block(c.tx(c.member, nil, nil, &upgradetypes.MsgSoftwareUpgrade{Authority: member, Plan: plan}))
	require.NotZero(t, res[0].Code, "a member is not the upgrade authority")

	mustOK(t, c.block(c.tx(c.member, nil, nil, &consortiumtypes.MsgSubmitProposal{
		Proposer: member, Messages: []*codectypes.Any{upgrade}, Title: "Upgrade to v2", Summary: "Schedules the v2 software upgrade.",
	})))
	mustOK(t, c.block(c.tx(c.member, nil, nil, &consortiumtypes.MsgVote{
		Voter: member, ProposalId: 1, Option: consortiumtypes.VoteOption_VOTE_OPTION_YES,
	})))
	prop, err := c.app.ConsortiumKeeper.GetProposal(c.app.NewContext(true), 1)
	require.NoError(t, err)
	require.Equal(t, consortiumtypes.ProposalStatus_PROPOSAL_STATUS_PASSED, prop.Status, prop.ExecutionError)
	scheduled, err := c.app.UpgradeKeeper.GetUpgradePlan(c.app.NewContext(true))
	require.NoError(t, err)
	require.Equal(t, plan.Name, scheduled.Name)

	for c.height < plan.Height-1 {
		c.block()
	}
	_, err = c.app.FinalizeBlock(&abci.RequestFinalizeBlock{Height: plan.Height, Time: c.time.Add(time.Second)})
	require.ErrorContains(t, err, `UPGRADE "v2-unit" NEEDED at height: 6`, "the old binary halts at the upgrade height")

	ran := false
	defer func(before []app.Upgrade) { app.Upgrades = before }(app.Upgrades)
	app.Upgrades = append(app.Upgrades, app.Upgrade{Name: plan.Name, Migrate: func(context.Context, *app.App) error {
		ran = true
		return nil
	}})
	c.restart()
	c.block()
	require.True(t, ran, "the new binary ran the upgrade")
	done, err := c.app.UpgradeKeeper.GetDoneHeight(c.app.NewContext(true), plan.Name)
	require.NoError(t, err)
	require.Equal(t, plan.Height, done)
	c.block() // and the chain goes on
}

// A genesis naming another authority in its consensus params is refused: it
// would upgrade the chain and change its rules without a vote.
func TestGenesisRefusesAForeignAuthority(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	c.block()
	state, err := c.app.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.AppOptionsMap{}, baseapp.SetChainID(chainID))
	params := consensusParams()
	params.Authority = &cmtproto.AuthorityParams{Authority: sdk.AccAddress(c.member.PubKey().Address()).String()}
	_, err = a.InitChain(&abci.RequestInitChain{ChainId: chainID, Time: c.time, AppStateBytes: state.AppState, ConsensusParams: params, InitialHeight: 1})
	require.ErrorContains(t, err, "only the consortium")
}

// Consensus parameters change by proposal too; a proposal that would hand
// the consensus authority to any other account is refused.
func TestConsensusParamsByProposal(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address()).String()
	authority := authtypes.NewModuleAddress(consortiumtypes.ModuleName).String()
	params, err := c.app.ConsensusKeeper.ParamsStore.Get(c.app.NewContext(true))
	require.NoError(t, err)
	params.Block.MaxGas = 50_000_000
	update := &consensustypes.MsgUpdateParams{Authority: authority, Block: params.Block, Evidence: params.Evidence,
		Validator: params.Validator, Abci: params.Abci}
	propose := func(msg sdk.Msg) []byte {
		a, err := codectypes.NewAnyWithValue(msg)
		require.NoError(t, err)
		return c.tx(c.member, nil, nil, &consortiumtypes.MsgSubmitProposal{
			Proposer: member, Messages: []*codectypes.Any{a}, Title: "Raise the block gas limit", Summary: "Blocks may carry 50M gas.",
		})
	}
	mustOK(t, c.block(propose(update)))
	mustOK(t, c.block(c.tx(c.member, nil, nil, &consortiumtypes.MsgVote{
		Voter: member, ProposalId: 1, Option: consortiumtypes.VoteOption_VOTE_OPTION_YES,
	})))
	got, err := c.app.ConsensusKeeper.ParamsStore.Get(c.app.NewContext(true))
	require.NoError(t, err)
	require.EqualValues(t, 50_000_000, got.Block.MaxGas)

	takeover := *update
	takeover.Auth = &cmtproto.AuthorityParams{Authority: member}
	res := c.block(propose(&takeover))
	require.Equal(t, consortiumtypes.ErrInvalidProposal.ABCICode(), res[0].Code, res[0].Log)
	require.Contains(t, res[0].Log, "consensus authority")
}
