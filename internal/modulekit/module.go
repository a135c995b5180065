// Package modulekit is the part every medchain module shares with the module
// manager: naming, codec and service registration, and genesis plumbing. A
// module embeds Module and adds its own blockers and CLI options (and, for
// the consortium, genesis that returns the validator set).
package modulekit

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"cosmossdk.io/core/address"
	"cosmossdk.io/core/appmodule"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	gogogrpc "github.com/cosmos/gogoproto/grpc"
	"github.com/cosmos/gogoproto/proto"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"google.golang.org/grpc"
)

// Genesis is a module's genesis state message.
type Genesis interface {
	proto.Message
	Validate(address.Codec) error
}

// Spec is what differs between modules.
type Spec[G Genesis] struct {
	Name    string
	Version uint64
	Codec   address.Codec
	// RegisterInterfaces registers the module's messages.
	RegisterInterfaces func(codectypes.InterfaceRegistry)
	// RegisterGateway serves the Query service over REST.
	RegisterGateway func(context.Context, *gwruntime.ServeMux, client.Context) error
	// RegisterServices registers the Msg and Query servers.
	RegisterServices func(grpc.ServiceRegistrar)
	// DefaultGenesis returns the default genesis message.
	DefaultGenesis func() G
	InitGenesis    func(context.Context, G) error
	ExportGenesis  func(context.Context) (G, error)
	// Migrations[v] moves the module's state from version v to v+1.
	Migrations map[uint64]func(sdk.Context) error
}

// Gateway serves a module's Query service over REST from its generated
// handler registration and client constructor.
func Gateway[C any](register func(context.Context, *gwruntime.ServeMux, C) error, newClient func(gogogrpc.ClientConn) C,
) func(context.Context, *gwruntime.ServeMux, client.Context) error {
	return func(ctx context.Context, mux *gwruntime.ServeMux, c client.Context) error {
		return register(ctx, mux, newClient(c))
	}
}

// Services registers a module's Msg and Query servers with their generated
// registration functions.
func Services[M, Q any](registerMsg func(gogogrpc.Server, M), msg M, registerQuery func(gogogrpc.Server, Q), query Q) func(grpc.ServiceRegistrar) {
	return func(r grpc.ServiceRegistrar) {
		registerMsg(r, msg)
		registerQuery(r, query)
	}
}

// ByValue adapts a keeper's InitGenesis, which takes the state by value.
func ByValue[T any](init func(context.Context, T) error) func(context.Context, *T) error {
	return func(ctx context.Context, gs *T) error { return init(ctx, *gs) }
}

// NewGenesis is an empty genesis message of the module.
func (m Module[G]) NewGenesis() G {
	var zero G
	return reflect.New(reflect.TypeOf(zero).Elem()).Interface().(G)
}

// Module implements the module manager's interfaces from a Spec.
type Module[G Genesis] struct{ spec Spec[G] }

// New returns the module of spec.
func New[G Genesis](spec Spec[G]) Module[G] { return Module[G]{spec: spec} }

var (
	_ module.AppModuleBasic      = Module[Genesis]{}
	_ module.HasGenesis          = Module[Genesis]{}
	_ appmodule.AppModule        = Module[Genesis]{}
	_ appmodule.HasServices      = Module[Genesis]{}
	_ module.HasConsensusVersion = Module[Genesis]{}
)

func (Module[G]) IsOnePerModuleType() {}
func (Module[G]) IsAppModule()        {}

// Name is the module name.
func (m Module[G]) Name() string { return m.spec.Name }

// ConsensusVersion is the module's state version, bumped on migrations.
func (m Module[G]) ConsensusVersion() uint64 { return m.spec.Version }

// RegisterLegacyAminoCodec is a no-op: medchain signs with SIGN_MODE_DIRECT.
func (Module[G]) RegisterLegacyAminoCodec(*codec.LegacyAmino) {}

// RegisterInterfaces registers the module's messages.
func (m Module[G]) RegisterInterfaces(r codectypes.InterfaceRegistry) { m.spec.RegisterInterfaces(r) }

// RegisterGRPCGatewayRoutes serves the Query service over REST.
func (m Module[G]) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := m.spec.RegisterGateway(context.Background(), mux, clientCtx); err != nil {
		panic(err)
	}
}

// RegisterServices registers the Msg and Query services and, when the
// registrar is the module manager's configurator, the state migrations.
func (m Module[G]) RegisterServices(registrar grpc.ServiceRegistrar) error {
	m.spec.RegisterServices(registrar)
	cfg, ok := registrar.(module.Configurator)
	if !ok {
		return nil
	}
	for from := uint64(1); from < m.spec.Version; from++ {
		migrate, ok := m.spec.Migrations[from]
		if !ok {
			return fmt.Errorf("module %s: no migration from version %d", m.spec.Name, from)
		}
		if err := cfg.RegisterMigration(m.spec.Name, from, migrate); err != nil {
			return err
		}
	}
	return nil
}

// DefaultGenesis returns the default genesis state.
func (m Module[G]) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(m.spec.DefaultGenesis())
}

// ValidateGenesis checks the genesis state.
func (m Module[G]) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	gs := m.NewGenesis()
	if err := cdc.UnmarshalJSON(bz, gs); err != nil {
		return fmt.Errorf("%s genesis: %w", m.spec.Name, err)
	}
	return gs.Validate(m.spec.Codec)
}

// InitGenesis loads genesis.
func (m Module[G]) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	gs := m.NewGenesis()
	cdc.MustUnmarshalJSON(bz, gs)
	if err := m.spec.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Errorf("%s genesis: %w", m.spec.Name, err))
	}
}

// ExportGenesis exports the module state.
func (m Module[G]) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := m.spec.ExportGenesis(ctx)
	if err != nil {
		panic(err)
	}
	return cdc.MustMarshalJSON(gs)
}
