// Package module wires x/consent into the app's module manager.
package module

import (
	"context"

	"cosmossdk.io/core/appmodule"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/modulekit"
	consentcli "github.com/medchain/medchain/x/consent/client/cli"
	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
)

// ConsensusVersion is the module's state version, bumped on migrations.
// Version 2 added consent requests and their two parameters.
const ConsensusVersion = 2

// AppModule is the consent module.
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
		DefaultGenesis:   types.DefaultGenesis, InitGenesis: modulekit.ByValue(k.InitGenesis), ExportGenesis: k.ExportGenesis,
		Migrations: map[uint64]func(sdk.Context) error{1: k.MigrateRequestParams},
	})}
}

var _ appmodule.HasBeginBlocker = AppModule{}

// BeginBlock marks expired grants and requests and deletes those ended
// longer than the retention period ago, at most expiry_prune_limit of each
// of the four per block.
func (am AppModule) BeginBlock(ctx context.Context) error {
	for _, step := range []func(context.Context) error{
		am.keeper.MarkExpired, am.keeper.PruneEnded, am.keeper.MarkRequestsExpired, am.keeper.PruneEndedRequests,
	} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// GetTxCmd is `tx consent`: the custom grant command, enhanced by autocli.
func (AppModule) GetTxCmd() *cobra.Command { return consentcli.TxCmd() }
