// Package module wires x/consent into the app's module manager.
package module

import (
	"context"

	"cosmossdk.io/core/appmodule"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/modulekit"
	consentcli "github.com/medchain/medchain/x/consent/client/cli"
	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
)

// ConsensusVersion is the module's state version, bumped on migrations.
const ConsensusVersion = 1

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
	})}
}

var _ appmodule.HasBeginBlocker = AppModule{}

// BeginBlock marks expired grants and deletes grants ended longer than the
// retention period ago, at most expiry_prune_limit of each per block.
func (am AppModule) BeginBlock(ctx context.Context) error {
	if err := am.keeper.MarkExpired(ctx); err != nil {
		return err
	}
	return am.keeper.PruneEnded(ctx)
}

// GetTxCmd is `tx consent`: the custom grant command, enhanced by autocli.
func (AppModule) GetTxCmd() *cobra.Command { return consentcli.TxCmd() }
