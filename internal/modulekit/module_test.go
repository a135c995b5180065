package modulekit_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"cosmossdk.io/log/v2"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	gogogrpc "github.com/cosmos/gogoproto/grpc"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/medchain/medchain/internal/modulekit"
	consenttypes "github.com/medchain/medchain/x/consent/types"
)

// fakeKeeper keeps a consent genesis in memory.
type fakeKeeper struct {
	loaded *consenttypes.GenesisState
	fail   error
}

func (k *fakeKeeper) InitGenesis(_ context.Context, gs consenttypes.GenesisState) error {
	if k.fail != nil {
		return k.fail
	}
	k.loaded = &gs
	return nil
}

func (k *fakeKeeper) ExportGenesis(context.Context) (*consenttypes.GenesisState, error) {
	if k.fail != nil {
		return nil, k.fail
	}
	return k.loaded, nil
}

func newModule(k *fakeKeeper, registered *[]string, migrations ...map[uint64]func(sdk.Context) error) modulekit.Module[*consenttypes.GenesisState] {
	var m map[uint64]func(sdk.Context) error
	if len(migrations) > 0 {
		m = migrations[0]
	}
	return modulekit.New(modulekit.Spec[*consenttypes.GenesisState]{
		Name: consenttypes.ModuleName, Version: 3, Codec: ac, RegisterInterfaces: consenttypes.RegisterInterfaces,
		RegisterServices: func(grpc.ServiceRegistrar) { *registered = append(*registered, "services") },
		RegisterGateway: func(context.Context, *gwruntime.ServeMux, client.Context) error {
			*registered = append(*registered, "gateway")
			return nil
		},
		DefaultGenesis: consenttypes.DefaultGenesis,
		InitGenesis:    modulekit.ByValue(k.InitGenesis), ExportGenesis: k.ExportGenesis,
		Migrations: m,
	})
}

// The module manager's view of a module built from a Spec: its name and
// version, default genesis, validation naming the module, and genesis in and
// out through the keeper.
func TestModuleFromSpec(t *testing.T) {
	k := &fakeKeeper{}
	var registered []string
	m := newModule(k, &registered)
	require.Equal(t, consenttypes.ModuleName, m.Name())
	require.EqualValues(t, 3, m.ConsensusVersion())
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())

	def := m.DefaultGenesis(cdc)
	require.NoError(t, m.ValidateGenesis(cdc, nil, def))
	err := m.ValidateGenesis(cdc, nil, json.RawMessage(`{"grants": 7}`))
	require.ErrorContains(t, err, "consent genesis", "a decoding error names the module")
	bad := consenttypes.DefaultGenesis()
	bad.Params.MaxActiveGrantsPerPatient = 0
	require.Error(t, m.ValidateGenesis(cdc, nil, cdc.MustMarshalJSON(bad)), "validation runs the genesis' own Validate")

	ctx := sdk.NewContext(nil, cmtproto.Header{}, false, log.NewNopLogger())
	m.InitGenesis(ctx, cdc, def)
	require.Equal(t, consenttypes.DefaultParams(), k.loaded.Params)
	require.JSONEq(t, string(def), string(m.ExportGenesis(ctx, cdc)))

	k.fail = errors.New("store failure")
	require.PanicsWithError(t, "consent genesis: store failure", func() { m.InitGenesis(ctx, cdc, def) },
		"a chain never starts on a genesis it could not load")
	require.Panics(t, func() { m.ExportGenesis(ctx, cdc) })

	require.NoError(t, m.RegisterServices(nil))
	m.RegisterGRPCGatewayRoutes(clientCtx, gwruntime.NewServeMux())
	require.Equal(t, []string{"services", "gateway"}, registered)
	reg := codectypes.NewInterfaceRegistry()
	m.RegisterInterfaces(reg)
	_, err = reg.Resolve("/medchain.consent.v1.MsgGrantConsent")
	require.NoError(t, err, "the module's messages are registered")
	require.Equal(t, &consenttypes.GenesisState{}, m.NewGenesis())
}

// Gateway and Services adapt a module's generated registration functions.
func TestGatewayAndServicesAdapters(t *testing.T) {
	var calls []string
	gw := modulekit.Gateway(func(_ context.Context, _ *gwruntime.ServeMux, c string) error {
		calls = append(calls, "gateway:"+c)
		return nil
	}, func(gogogrpc.ClientConn) string { return "client" })
	require.NoError(t, gw(context.Background(), gwruntime.NewServeMux(), clientCtx))

	svc := modulekit.Services(func(_ gogogrpc.Server, m int) { calls = append(calls, "msg") }, 1,
		func(_ gogogrpc.Server, q int) { calls = append(calls, "query") }, 2)
	svc(grpc.NewServer())
	require.Equal(t, []string{"gateway:client", "msg", "query"}, calls)
}

var clientCtx = client.Context{}
