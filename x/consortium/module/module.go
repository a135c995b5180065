// Package module wires x/consortium into the app's module manager.
package module

import (
	"context"
	"encoding/json"
	"fmt"

	"cosmossdk.io/core/appmodule"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/modulekit"
	consortiumcli "github.com/medchain/medchain/x/consortium/client/cli"
	"github.com/medchain/medchain/x/consortium/keeper"
	"github.com/medchain/medchain/x/consortium/types"
)

// ConsensusVersion is the module's state version, bumped on migrations.
// Version 2 added patient identities (controllers, guardians, recoveries)
// and their two parameters.
const ConsensusVersion = 2

var (
	_ module.HasABCIGenesis      = AppModule{}
	_ module.HasABCIEndBlock     = AppModule{}
	_ appmodule.HasBeginBlocker  = AppModule{}
	_ module.HasConsensusVersion = AppModule{}
)

// AppModule is the consortium module: modulekit's, with genesis that
// returns the validator set and the blockers that keep it current.
type AppModule struct {
	modulekit.Module[*types.GenesisState]
	keeper keeper.Keeper
}

// NewAppModule returns the module over k.
func NewAppModule(k keeper.Keeper) AppModule {
	return AppModule{keeper: k, Module: modulekit.New(modulekit.Spec[*types.GenesisState]{
		Name: types.ModuleName, Version: ConsensusVersion, Codec: k.AddressCodec(), RegisterInterfaces: types.RegisterInterfaces,
		RegisterGateway:  modulekit.Gateway(types.RegisterQueryHandlerClient, types.NewQueryClient),
		RegisterServices: modulekit.Services(types.RegisterMsgServer, keeper.NewMsgServer(k), types.RegisterQueryServer, keeper.NewQueryServer(k)),
		DefaultGenesis:   types.DefaultGenesis, ExportGenesis: k.ExportGenesis,
		Migrations: map[uint64]func(sdk.Context) error{1: k.MigrateIdentityParams},
	})}
}

// InitGenesis loads genesis and returns the initial validator set.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) []abci.ValidatorUpdate {
	gs := am.NewGenesis()
	cdc.MustUnmarshalJSON(bz, gs)
	updates, err := am.keeper.InitGenesis(ctx, *gs)
	if err != nil {
		panic(fmt.Errorf("%s genesis: %w", types.ModuleName, err))
	}
	return updates
}

// EndBlock closes proposals whose voting period ended (executing those that
// passed), then reports validator set changes to CometBFT.
func (am AppModule) EndBlock(ctx context.Context) ([]abci.ValidatorUpdate, error) {
	if err := am.keeper.EndProposals(ctx); err != nil {
		return nil, err
	}
	return am.keeper.ApplyValidatorSet(ctx)
}

// GetTxCmd is `tx consortium`: the custom propose commands, enhanced by autocli.
func (AppModule) GetTxCmd() *cobra.Command { return consortiumcli.TxCmd() }

// BeginBlock suspends members whose validators double-signed, then hands
// recovered patient identities to their new controllers (at most
// types.RecoveryLimit per block).
func (am AppModule) BeginBlock(ctx context.Context) error {
	if err := am.keeper.SuspendDoubleSigners(ctx); err != nil {
		return err
	}
	return am.keeper.CompleteRecoveries(ctx)
}
