// Package app wires medchain's keepers and modules, top to bottom.
package app

import (
	"encoding/json"
	"fmt"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	nodeservice "github.com/cosmos/cosmos-sdk/client/grpc/node"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	authzmodule "github.com/cosmos/cosmos-sdk/x/authz/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	feegrantkeeper "github.com/cosmos/cosmos-sdk/x/feegrant/keeper"
	feegrantmodule "github.com/cosmos/cosmos-sdk/x/feegrant/module"
	"github.com/cosmos/cosmos-sdk/x/upgrade"
	upgradekeeper "github.com/cosmos/cosmos-sdk/x/upgrade/keeper"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
	"github.com/spf13/cast"

	auditkeeper "github.com/medchain/medchain/x/audit/keeper"
	auditmodule "github.com/medchain/medchain/x/audit/module"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consentkeeper "github.com/medchain/medchain/x/consent/keeper"
	consentmodule "github.com/medchain/medchain/x/consent/module"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiummodule "github.com/medchain/medchain/x/consortium/module"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordskeeper "github.com/medchain/medchain/x/records/keeper"
	recordsmodule "github.com/medchain/medchain/x/records/module"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// maccPerms are the module accounts and their permissions. The fee collector
// receives fees when a chain configures them; nothing mints or burns.
var maccPerms = map[string][]string{
	authtypes.FeeCollectorName: nil,
	consortiumtypes.ModuleName: nil,
}

var _ servertypes.Application = (*App)(nil)

// App is the medchain application.
type App struct {
	*baseapp.BaseApp

	cdc               codec.Codec
	txConfig          client.TxConfig
	interfaceRegistry codectypes.InterfaceRegistry

	// Mempool is this node's mempool fill, which CheckTx keeps below
	// MempoolFullPercent (medchaind start reports it).
	Mempool *MempoolGauge

	AccountKeeper    authkeeper.AccountKeeper
	BankKeeper       bankkeeper.BaseKeeper
	ConsensusKeeper  consensuskeeper.Keeper
	UpgradeKeeper    *upgradekeeper.Keeper
	AuthzKeeper      authzkeeper.Keeper
	FeeGrantKeeper   feegrantkeeper.Keeper
	ConsortiumKeeper consortiumkeeper.Keeper
	RecordsKeeper    recordskeeper.Keeper
	ConsentKeeper    consentkeeper.Keeper
	AuditKeeper      auditkeeper.Keeper

	ModuleManager *module.Manager
	BasicManager  module.BasicManager

	// genesisPeers answers the peer filter before the first block commits.
	genesisPeers *genesisPeerSet
	// syncPeers answer it too, while a node joining by state sync has no
	// state: the node IDs its config.toml names (only with state sync on).
	syncPeers map[string]bool
}

// New builds the app over db. appOpts carries app.toml, config.toml and flags.
func New(logger log.Logger, db dbm.DB, loadLatest bool, appOpts servertypes.AppOptions, baseAppOptions ...func(*baseapp.BaseApp)) *App {
	enc := MakeEncodingConfig()

	bApp := baseapp.NewBaseApp(AppName, logger, db, enc.TxConfig.TxDecoder(), baseAppOptions...)
	bApp.SetVersion(version.Version)
	bApp.SetInterfaceRegistry(enc.InterfaceRegistry)
	bApp.SetTxEncoder(enc.TxConfig.TxEncoder())

	keys := storetypes.NewKVStoreKeys(
		authtypes.StoreKey, banktypes.StoreKey, consensustypes.StoreKey, upgradetypes.StoreKey,
		authzkeeper.StoreKey, feegrant.StoreKey, consortiumtypes.StoreKey, recordstypes.StoreKey,
		consenttypes.StoreKey, audittypes.StoreKey,
	)
	if err := bApp.RegisterStreamingServices(appOpts, keys); err != nil {
		panic(err)
	}

	app := &App{
		BaseApp:           bApp,
		cdc:               enc.Codec,
		txConfig:          enc.TxConfig,
		Mempool:           &MempoolGauge{},
		interfaceRegistry: enc.InterfaceRegistry,
		genesisPeers:      &genesisPeerSet{},
		syncPeers:         stateSyncPeers(appOpts),
	}
	// The consortium module account is the authority for params, upgrades
	// and consensus params; membership votes drive it.
	authority := authtypes.NewModuleAddress(consortiumtypes.ModuleName).String()
	addrCodec := enc.InterfaceRegistry.SigningContext().AddressCodec()

	app.ConsensusKeeper = consensuskeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[consensustypes.StoreKey]), authority, runtime.EventService{})
	bApp.SetParamStore(app.ConsensusKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(enc.Codec, runtime.NewKVStoreService(keys[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, maccPerms, addrCodec, Bech32Prefix, authority)
	app.BankKeeper = bankkeeper.NewBaseKeeper(enc.Codec, runtime.NewKVStoreService(keys[banktypes.StoreKey]),
		app.AccountKeeper, blockedAddresses(), authority, logger)
	app.AuthzKeeper = authzkeeper.NewKeeper(runtime.NewKVStoreService(keys[authzkeeper.StoreKey]), enc.Codec,
		app.MsgServiceRouter(), app.AccountKeeper)
	app.FeeGrantKeeper = feegrantkeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[feegrant.StoreKey]), app.AccountKeeper)

	skipUpgradeHeights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		skipUpgradeHeights[int64(h)] = true
	}
	homePath := cast.ToString(appOpts.Get("home"))
	app.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights, runtime.NewKVStoreService(keys[upgradetypes.StoreKey]),
		enc.Codec, homePath, app.BaseApp, authority)

	app.ConsortiumKeeper = consortiumkeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[consortiumtypes.StoreKey]),
		addrCodec, app.AccountKeeper, app.MsgServiceRouter(), authority)
	app.RecordsKeeper = recordskeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[recordstypes.StoreKey]),
		addrCodec, app.ConsortiumKeeper)
	app.ConsentKeeper = consentkeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[consenttypes.StoreKey]),
		addrCodec, app.ConsortiumKeeper, app.RecordsKeeper)
	app.AuditKeeper = auditkeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[audittypes.StoreKey]),
		addrCodec, app.ConsentKeeper, app.ConsortiumKeeper, app.RecordsKeeper)

	app.ModuleManager = module.NewManager(
		auth.NewAppModule(enc.Codec, app.AccountKeeper, nil),
		bank.NewAppModule(enc.Codec, app.BankKeeper, app.AccountKeeper),
		consensus.NewAppModule(enc.Codec, app.ConsensusKeeper),
		upgrade.NewAppModule(app.UpgradeKeeper, addrCodec),
		authzmodule.NewAppModule(enc.Codec, app.AuthzKeeper, app.AccountKeeper, app.BankKeeper, enc.InterfaceRegistry),
		feegrantmodule.NewAppModule(enc.Codec, app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, enc.InterfaceRegistry),
		consortiummodule.NewAppModule(app.ConsortiumKeeper),
		recordsmodule.NewAppModule(app.RecordsKeeper),
		consentmodule.NewAppModule(app.ConsentKeeper),
		auditmodule.NewAppModule(app.AuditKeeper),
	)
	app.ModuleManager.SetOrderPreBlockers(upgradetypes.ModuleName, authtypes.ModuleName)
	app.ModuleManager.SetOrderBeginBlockers(consortiumtypes.ModuleName, authz.ModuleName, consenttypes.ModuleName)
	app.ModuleManager.SetOrderEndBlockers(banktypes.ModuleName, feegrant.ModuleName, consortiumtypes.ModuleName)
	genesisOrder := []string{
		authtypes.ModuleName, banktypes.ModuleName, consensustypes.ModuleName, upgradetypes.ModuleName,
		authz.ModuleName, feegrant.ModuleName, consortiumtypes.ModuleName, recordstypes.ModuleName,
		consenttypes.ModuleName, audittypes.ModuleName,
	}
	app.ModuleManager.SetOrderInitGenesis(genesisOrder...)
	app.ModuleManager.SetOrderExportGenesis(genesisOrder...)

	app.BasicManager = module.NewBasicManagerFromManager(app.ModuleManager, nil)
	app.BasicManager.RegisterInterfaces(enc.InterfaceRegistry)
	configurator := module.NewConfigurator(enc.Codec, app.MsgServiceRouter(), queryGasGuard{app.GRPCQueryRouter()})
	if err := app.ModuleManager.RegisterServices(configurator); err != nil {
		panic(err)
	}
	if err := registerRuntimeServices(app); err != nil {
		panic(err)
	}
	if err := app.registerUpgrades(configurator, homePath); err != nil {
		panic(err)
	}

	app.MountKVStores(keys)
	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)
	app.SetAnteHandler(NewAnteHandler(app, enc.TxConfig, maxPendingPerSigner(appOpts)))
	app.SetIDPeerFilter(app.filterPeerByID)
	if qs := newQueryStore(app.CommitMultiStore()); qs != nil {
		app.SetQueryMultiStore(qs)
		streaming := app.StreamingManager()
		streaming.ABCIListeners = append(streaming.ABCIListeners, qs)
		app.SetStreamingManager(streaming)
	}

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			panic(fmt.Errorf("loading latest version: %w", err))
		}
		if len(app.syncPeers) > 0 && app.LastBlockHeight() == 0 {
			logger.Info("state sync: until a snapshot is restored, the peer filter admits the peers config.toml names", "peers", len(app.syncPeers))
		}
	}
	return app
}

// maxPendingPerSigner reads app.toml's medchain.max-pending-txs-per-signer:
// the default when absent, 0 to turn the cap off.
func maxPendingPerSigner(appOpts servertypes.AppOptions) uint64 {
	v := appOpts.Get(FlagMaxPendingPerSigner)
	if v == nil {
		return DefaultMaxPendingPerSigner
	}
	return cast.ToUint64(v)
}

// blockedAddresses are module accounts that may not receive funds.
func blockedAddresses() map[string]bool {
	out := make(map[string]bool, len(maccPerms))
	for name := range maccPerms {
		out[authtypes.NewModuleAddress(name).String()] = true
	}
	return out
}

// InitChainer loads genesis into every module; x/consortium returns the validator set.
func (app *App) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var state map[string]json.RawMessage
	if err := json.Unmarshal(req.AppStateBytes, &state); err != nil {
		return nil, fmt.Errorf("genesis app state: %w", err)
	}
	if err := checkConsensusAuthority(req.ConsensusParams); err != nil {
		return nil, err
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	resp, err := app.ModuleManager.InitGenesis(ctx, app.cdc, state)
	if err != nil {
		return nil, err
	}
	if err := app.genesisPeers.load(ctx, app.ConsortiumKeeper); err != nil {
		return nil, err
	}
	return resp, nil
}

// PreBlocker runs the upgrade module before each block.
func (app *App) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

// BeginBlocker runs the modules' begin-block logic.
func (app *App) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

// EndBlocker runs the modules' end-block logic and returns validator updates.
func (app *App) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

// DefaultGenesis returns every module's default genesis state.
func (app *App) DefaultGenesis() map[string]json.RawMessage {
	return app.BasicManager.DefaultGenesis(app.cdc)
}

// AppCodec returns the app's codec.
func (app *App) AppCodec() codec.Codec { return app.cdc }

// InterfaceRegistry returns the app's interface registry.
func (app *App) InterfaceRegistry() codectypes.InterfaceRegistry { return app.interfaceRegistry }

// TxConfig returns the app's transaction config.
func (app *App) TxConfig() client.TxConfig { return app.txConfig }

// LoadHeight loads the state at height.
func (app *App) LoadHeight(height int64) error { return app.LoadVersion(height) }

// RegisterAPIRoutes registers the REST gateway routes of every service.
func (app *App) RegisterAPIRoutes(apiSvr *api.Server, _ config.APIConfig) {
	clientCtx := apiSvr.ClientCtx
	authtx.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	cmtservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	nodeservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	app.BasicManager.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
}

// RegisterTxService registers the tx service (broadcast, simulate, get).
func (app *App) RegisterTxService(clientCtx client.Context) {
	authtx.RegisterTxService(app.GRPCQueryRouter(), clientCtx, app.Simulate, app.interfaceRegistry)
}

// RegisterTendermintService registers the CometBFT query service.
func (app *App) RegisterTendermintService(clientCtx client.Context) {
	cmtApp := server.NewCometABCIWrapper(app)
	cmtservice.RegisterTendermintService(clientCtx, app.GRPCQueryRouter(), app.interfaceRegistry, cmtApp.Query)
}

// RegisterNodeService registers the node status service.
func (app *App) RegisterNodeService(clientCtx client.Context, cfg config.Config) {
	nodeservice.RegisterNodeService(clientCtx, app.GRPCQueryRouter(), cfg, func() int64 {
		return app.CommitMultiStore().EarliestVersion()
	})
}

// checkConsensusAuthority refuses a genesis whose consensus params name an
// authority other than the consortium's module account: such an address
// would upgrade the chain and change its params without a vote.
func checkConsensusAuthority(p *cmtproto.ConsensusParams) error {
	if p == nil || p.Authority == nil || p.Authority.Authority == "" {
		return nil
	}
	if want := authtypes.NewModuleAddress(consortiumtypes.ModuleName).String(); p.Authority.Authority != want {
		return fmt.Errorf("genesis consensus params name %s as authority; only the consortium (%s, by proposal) may be", p.Authority.Authority, want)
	}
	return nil
}
