// Package module wires x/audit into the app's module manager.
package module

import (
	"context"

	"github.com/cosmos/cosmos-sdk/client"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"google.golang.org/grpc"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/keeper"
	"github.com/medchain/medchain/x/audit/types"
)

// ConsensusVersion is the module's state version, bumped on migrations.
const ConsensusVersion = 1

// AppModule is the audit module.
type AppModule struct {
	modulekit.Module[*types.GenesisState]
	keeper keeper.Keeper
}

// NewAppModule returns the module over k.
func NewAppModule(k keeper.Keeper) AppModule {
	return AppModule{keeper: k, Module: modulekit.New(modulekit.Spec[*types.GenesisState]{
		Name:               types.ModuleName,
		Version:            ConsensusVersion,
		Codec:              k.AddressCodec(),
		RegisterInterfaces: types.RegisterInterfaces,
		RegisterGateway: func(ctx context.Context, mux *gwruntime.ServeMux, c client.Context) error {
			return types.RegisterQueryHandlerClient(ctx, mux, types.NewQueryClient(c))
		},
		RegisterServices: func(r grpc.ServiceRegistrar) {
			types.RegisterMsgServer(r, keeper.NewMsgServer(k))
			types.RegisterQueryServer(r, keeper.NewQueryServer(k))
		},
		NewGenesis:     func() *types.GenesisState { return &types.GenesisState{} },
		DefaultGenesis: types.DefaultGenesis,
		InitGenesis:    func(ctx context.Context, gs *types.GenesisState) error { return k.InitGenesis(ctx, *gs) },
		ExportGenesis:  k.ExportGenesis,
	})}
}
