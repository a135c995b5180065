package cmd

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"time"

	"cosmossdk.io/log/v2"
	confixcmd "cosmossdk.io/tools/confix/cmd"
	cmtcfg "github.com/cometbft/cometbft/config"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/debug"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/keys"
	"github.com/cosmos/cosmos-sdk/client/pruning"
	"github.com/cosmos/cosmos-sdk/client/rpc"
	"github.com/cosmos/cosmos-sdk/client/snapshot"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	authcli "github.com/cosmos/cosmos-sdk/x/auth/client/cli"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/internal/metrics"
	auditcli "github.com/medchain/medchain/x/audit/client/cli"
	consentcli "github.com/medchain/medchain/x/consent/client/cli"
	consortiumcli "github.com/medchain/medchain/x/consortium/client/cli"
	recordscli "github.com/medchain/medchain/x/records/client/cli"
)

func addCommands(rootCmd *cobra.Command, a *app.App) {
	server.AddCommandsWithStartCmdOptions(rootCmd, DefaultNodeHome, newApp, exportApp, server.StartCmdOptions{
		AddFlags: addStartFlags, PostSetup: postSetup,
	})
	rootCmd.AddCommand(
		initCmd(a),
		genesisCmd(a),
		server.StatusCommand(),
		keys.Commands(),
		queryCmd(),
		txCmd(),
		recordscli.Cmd(),
		consentcli.Cmd(),
		consentcli.PatientCmd(),
		// The operator's standard Cosmos tools.
		pruning.Cmd(newApp, DefaultNodeHome),
		snapshot.Cmd(newApp),
		confixcmd.ConfigCommand(),
		debug.Cmd(),
		signerCmd(),
		auditcli.Cmd(),
		watchCmd(),
		evidenceCmd(),
		loadCmd(),
	)
}

// initCmd is genutil's init, plus medchain's block bounds in the new genesis
// and its block timing in config.toml (the SDK's own default would replace it).
func initCmd(a *app.App) *cobra.Command {
	cmd := genutilcli.InitCmd(a.BasicManager, DefaultNodeHome)
	run := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := run(cmd, args); err != nil {
			return err
		}
		cfg := server.GetServerContextFromCmd(cmd).Config
		cfg.Consensus.TimeoutCommit = DefaultTimeoutCommit
		cmtcfg.WriteConfigFile(filepath.Join(cfg.RootDir, "config", "config.toml"), cfg)
		gen, err := genutiltypes.AppGenesisFromFile(cfg.GenesisFile())
		if err != nil {
			return err
		}
		if gen.Consensus == nil || gen.Consensus.Params == nil {
			return errors.New("genesis has no consensus params")
		}
		gen.Consensus.Params.Block.MaxGas = app.DefaultBlockMaxGas
		gen.Consensus.Params.Block.MaxBytes = app.DefaultBlockMaxBytes
		return gen.SaveAs(cfg.GenesisFile())
	}
	return cmd
}

func genesisCmd(a *app.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "genesis",
		Short:                      "Build and check the genesis file (consortium members, accounts)",
		DisableFlagParsing:         false,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	ac := a.InterfaceRegistry().SigningContext().AddressCodec()
	cmd.AddCommand(
		consortiumcli.AddMemberCmd(DefaultNodeHome, ac),
		genutilcli.AddGenesisAccountCmd(DefaultNodeHome, ac),
		genutilcli.ValidateGenesisCmd(a.BasicManager),
	)
	return cmd
}

func queryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "query",
		Aliases:                    []string{"q"},
		Short:                      "Query the chain (one subcommand per module)",
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		rpc.QueryEventForTxCmd(),
		rpc.ValidatorCommand(),
		server.QueryBlockCmd(),
		authcli.QueryTxsByEventsCmd(),
		server.QueryBlocksCmd(),
		authcli.QueryTxCmd(),
		server.QueryBlockResultsCmd(),
		queryVerifyCmd(),
	)
	return cmd
}

func txCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "tx",
		Short:                      "Sign and broadcast transactions (one subcommand per module)",
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		authcli.GetSignCommand(),
		authcli.GetSignBatchCommand(),
		authcli.GetMultiSignCommand(),
		authcli.GetValidateSignaturesCommand(),
		flags.LineBreak,
		authcli.GetBroadcastCommand(),
		authcli.GetEncodeCommand(),
		authcli.GetDecodeCommand(),
		authcli.GetSimulateCmd(),
	)
	return cmd
}

func newApp(logger log.Logger, db dbm.DB, appOpts servertypes.AppOptions) servertypes.Application {
	a := app.New(logger, db, true, appOpts, server.DefaultBaseappOptions(appOpts)...)
	started.Store(a)
	return a
}

// started is the app medchaind start runs, for the hooks that run beside it.
var started atomic.Pointer[app.App]

func exportApp(logger log.Logger, db dbm.DB, height int64, forZeroHeight bool,
	jailAllowedAddrs []string, appOpts servertypes.AppOptions, modulesToExport []string,
) (servertypes.ExportedApp, error) {
	a := app.New(logger, db, height == -1, appOpts)
	if height != -1 {
		if err := a.LoadHeight(height); err != nil {
			return servertypes.ExportedApp{}, err
		}
	}
	return a.ExportAppStateAndValidators(forZeroHeight, jailAllowedAddrs, modulesToExport)
}

// postSetup runs once the node and its telemetry are up: every medchain
// counter starts at zero and is declared again every hour (a series not
// updated within the telemetry retention would leave /metrics), the app
// learns its mempool's fill, and the peer guard starts.
func postSetup(svrCtx *server.Context, clientCtx client.Context, ctx context.Context, g *errgroup.Group) error {
	metrics.Declare()
	every(ctx, g, time.Hour, metrics.Declare)
	gaugeMempool(svrCtx, clientCtx, ctx, g)
	return guardPeers(svrCtx, clientCtx, ctx, g)
}
