// Package module wires x/consent into the app's module manager.
package module

import (
	"context"
	"encoding/json"
	"fmt"

	"cosmossdk.io/core/appmodule"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"

	consentcli "github.com/medchain/medchain/x/consent/client/cli"
	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
)

// ConsensusVersion is the module's state version, bumped on migrations.
const ConsensusVersion = 1

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ appmodule.AppModule        = AppModule{}
	_ appmodule.HasServices      = AppModule{}
	_ module.HasConsensusVersion = AppModule{}
)

// AppModule is the consent module.
type AppModule struct {
	keeper keeper.Keeper
}

// NewAppModule returns the module over k.
func NewAppModule(k keeper.Keeper) AppModule { return AppModule{keeper: k} }

func (AppModule) IsOnePerModuleType() {}
func (AppModule) IsAppModule()        {}

// Name is the module name.
func (AppModule) Name() string { return types.ModuleName }

// ConsensusVersion implements module.HasConsensusVersion.
func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }

// RegisterLegacyAminoCodec is a no-op: the module signs with SIGN_MODE_DIRECT.
func (AppModule) RegisterLegacyAminoCodec(*codec.LegacyAmino) {}

// RegisterInterfaces registers the module's messages.
func (AppModule) RegisterInterfaces(r codectypes.InterfaceRegistry) { types.RegisterInterfaces(r) }

// RegisterGRPCGatewayRoutes serves the Query service over REST.
func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// RegisterServices registers the Msg and Query services.
func (am AppModule) RegisterServices(registrar grpc.ServiceRegistrar) error {
	types.RegisterMsgServer(registrar, keeper.NewMsgServer(am.keeper))
	types.RegisterQueryServer(registrar, keeper.NewQueryServer(am.keeper))
	return nil
}

// DefaultGenesis returns the default genesis state.
func (AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

// ValidateGenesis checks the genesis state.
func (am AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("%s genesis: %w", types.ModuleName, err)
	}
	return gs.Validate(am.keeper.AddressCodec())
}

// InitGenesis loads genesis.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Errorf("%s genesis: %w", types.ModuleName, err))
	}
}

// ExportGenesis exports the module state.
func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(err)
	}
	return cdc.MustMarshalJSON(gs)
}

var _ appmodule.HasBeginBlocker = AppModule{}

// BeginBlock marks expired grants, at most expiry_prune_limit per block.
func (am AppModule) BeginBlock(ctx context.Context) error {
	return am.keeper.MarkExpired(ctx)
}

// GetTxCmd is `tx consent`: the custom grant command, enhanced by autocli.
func (AppModule) GetTxCmd() *cobra.Command { return consentcli.TxCmd() }
