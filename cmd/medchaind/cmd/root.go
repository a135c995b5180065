// Package cmd builds medchaind's command tree.
package cmd

import (
	"os"
	"path/filepath"

	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log/v2"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/client/flags"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/app"
)

// DefaultNodeHome is where medchaind keeps config, keys and data: ~/.medchain.
var DefaultNodeHome = func() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ".medchain"
	}
	return filepath.Join(home, ".medchain")
}()

// NewRootCmd builds the medchaind command.
func NewRootCmd() *cobra.Command {
	// A throwaway app supplies the module list for the CLI.
	tempApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, emptyAppOptions{})
	enc := app.EncodingConfig{
		InterfaceRegistry: tempApp.InterfaceRegistry(),
		Codec:             tempApp.AppCodec(),
		TxConfig:          tempApp.TxConfig(),
	}

	initClientCtx := client.Context{}.
		WithCodec(enc.Codec).
		WithInterfaceRegistry(enc.InterfaceRegistry).
		WithTxConfig(enc.TxConfig).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(DefaultNodeHome).
		WithViper("MEDCHAIN")

	rootCmd := &cobra.Command{
		Use:           "medchaind",
		Short:         "medchain: patient-controlled medical record consent, anchors and audit",
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())
			offerDefaultGasPrice(cmd)
			clientCtx := initClientCtx.WithCmdContext(cmd.Context())
			clientCtx, err := client.ReadPersistentCommandFlags(clientCtx, cmd.Flags())
			if err != nil {
				return err
			}
			clientCtx, err = config.ReadFromClientConfig(clientCtx)
			if err != nil {
				return err
			}
			if err := client.SetCmdClientContextHandler(clientCtx, cmd); err != nil {
				return err
			}
			appTemplate, appConfig := initAppConfig()
			return server.InterceptConfigsPreRunHandler(cmd, appTemplate, appConfig, initCometBFTConfig())
		},
	}

	addCommands(rootCmd, tempApp)

	if err := autoCLIOptions(tempApp, initClientCtx).EnhanceRootCommand(rootCmd); err != nil {
		panic(err)
	}
	return rootCmd
}

func autoCLIOptions(a *app.App, clientCtx client.Context) autocli.AppOptions {
	modules := make(map[string]appmodule.AppModule, len(a.ModuleManager.Modules))
	for name, m := range a.ModuleManager.Modules {
		if am, ok := m.(appmodule.AppModule); ok {
			modules[name] = am
		}
	}
	return autocli.AppOptions{
		Modules:               modules,
		ModuleOptions:         runtimeservices.ExtractAutoCLIOptions(a.ModuleManager.Modules),
		AddressCodec:          addresscodec.NewBech32Codec(app.Bech32Prefix),
		ValidatorAddressCodec: addresscodec.NewBech32Codec(app.Bech32Prefix + "valoper"),
		ConsensusAddressCodec: addresscodec.NewBech32Codec(app.Bech32Prefix + "valcons"),
		ClientCtx:             clientCtx,
	}
}

// offerDefaultGasPrice makes a tx command pay the nodes' default minimum
// gas price when the user gives neither --fees nor --gas-prices.
func offerDefaultGasPrice(cmd *cobra.Command) {
	f := cmd.Flags().Lookup(flags.FlagGasPrices)
	if f == nil || f.Changed || cmd.Flags().Changed(flags.FlagFees) {
		return
	}
	_ = f.Value.Set(app.DefaultMinGasPrices)
}

// emptyAppOptions is the app options of the throwaway CLI app.
type emptyAppOptions struct{}

func (emptyAppOptions) Get(string) any { return nil }
