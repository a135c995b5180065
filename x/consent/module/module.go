// Package module wires x/consent into the app's module manager.
package module

import (
	"context"

	"cosmossdk.io/core/appmodule"
	"github.com/cosmos/cosmos-sdk/client"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"

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
