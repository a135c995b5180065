// Package module wires x/audit into the app's module manager.
package module

import (
	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/keeper"
	"github.com/medchain/medchain/x/audit/types"
)

// ConsensusVersion is the module's state version, bumped on migrations.
const ConsensusVersion = 1

// AppModule is the audit module.
type AppModule struct {
	modulekit.Module[*types.GenesisState]
}

// NewAppModule returns the module over k.
func NewAppModule(k keeper.Keeper) AppModule {
	return AppModule{Module: modulekit.New(modulekit.Spec[*types.GenesisState]{
		Name: types.ModuleName, Version: ConsensusVersion, Codec: k.AddressCodec(), RegisterInterfaces: types.RegisterInterfaces,
		RegisterGateway:  modulekit.Gateway(types.RegisterQueryHandlerClient, types.NewQueryClient),
		RegisterServices: modulekit.Services(types.RegisterMsgServer, keeper.NewMsgServer(k), types.RegisterQueryServer, keeper.NewQueryServer(k)),
		DefaultGenesis:   types.DefaultGenesis, InitGenesis: modulekit.ByValue(k.InitGenesis), ExportGenesis: k.ExportGenesis,
	})}
}
