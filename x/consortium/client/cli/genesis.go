// Package cli holds the consortium's commands that autocli cannot generate.
package cli

import (
	"bufio"
	"encoding/json"
	"fmt"

	"cosmossdk.io/core/address"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/consortium/types"
)

// AddMemberCmd adds an institution to the consortium in genesis.json.
func AddMemberCmd(defaultNodeHome string, ac address.Codec) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add-member NAME ADDRESS_OR_KEY",
		Short: "Add a consortium member to genesis.json",
		Long: `Add an institution to the consortium in genesis.json, active from the start.

A member with a consensus key (--pubkey-file, usually the member node's
config/priv_validator_key.json, or --pubkey) is a validator with the same
voting power as every other. --node-id lists the CometBFT node IDs
(` + "`medchaind comet show-node-id`" + `) its nodes peer with when filter_peers is on.`,
		Example: `  medchaind genesis add-member "St. Mary Hospital" stmary --roles hospital,emergency \
      --node-id $(medchaind comet show-node-id) --pubkey-file ~/.medchain/config/priv_validator_key.json
  medchaind genesis add-member "Health Authority" med1... --roles regulator --node-id 3f2a...`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			serverCtx := server.GetServerContextFromCmd(cmd)
			serverCtx.Config.SetRoot(clientCtx.HomeDir)

			addr, err := resolveAddress(cmd, clientCtx, ac, args[1])
			if err != nil {
				return err
			}
			operator, err := ac.BytesToString(addr)
			if err != nil {
				return err
			}
			member, err := memberFromFlags(cmd, args[0], operator)
			if err != nil {
				return err
			}
			if err := AddGenesisMember(clientCtx.Codec, ac, serverCtx.Config.GenesisFile(), member); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "added member %q (%s) to %s\n", member.Name, operator, serverCtx.Config.GenesisFile())
			return nil
		},
	}
	cmd.Flags().String(flags.FlagHome, defaultNodeHome, "The application home directory")
	cmd.Flags().String(flags.FlagKeyringBackend, flags.DefaultKeyringBackend, "Keyring backend to look ADDRESS_OR_KEY up in (os|file|kwallet|pass|test)")
	addMemberFlags(cmd)
	return cmd
}

// AddGenesisMember appends member to the consortium state of the genesis
// file at path, after validating it against the members already there.
func AddGenesisMember(cdc codec.Codec, ac address.Codec, path string, member types.Member) error {
	appGenesis, err := genutiltypes.AppGenesisFromFile(path)
	if err != nil {
		return fmt.Errorf("reading genesis %s: %w", path, err)
	}
	member.JoinedAt = appGenesis.GenesisTime
	var appState map[string]json.RawMessage
	if err := json.Unmarshal(appGenesis.AppState, &appState); err != nil {
		return fmt.Errorf("genesis app state: %w", err)
	}
	var gs types.GenesisState
	if raw, ok := appState[types.ModuleName]; ok {
		if err := cdc.UnmarshalJSON(raw, &gs); err != nil {
			return fmt.Errorf("%s genesis: %w", types.ModuleName, err)
		}
	} else {
		gs = *types.DefaultGenesis()
	}
	gs.Members = append(gs.Members, member)
	if err := gs.ValidateEntries(ac); err != nil {
		return err
	}
	if appState[types.ModuleName], err = cdc.MarshalJSON(&gs); err != nil {
		return err
	}
	if appGenesis.AppState, err = json.Marshal(appState); err != nil {
		return err
	}
	return genutil.ExportGenesisFile(appGenesis, path)
}

func resolveAddress(cmd *cobra.Command, clientCtx client.Context, ac address.Codec, arg string) (sdk.AccAddress, error) {
	if addr, err := ac.StringToBytes(arg); err == nil {
		return addr, nil
	}
	backend, _ := cmd.Flags().GetString(flags.FlagKeyringBackend)
	kr, err := keyring.New(sdk.KeyringServiceName(), backend, clientCtx.HomeDir, bufio.NewReader(cmd.InOrStdin()), clientCtx.Codec)
	if err != nil {
		return nil, err
	}
	rec, err := kr.Key(arg)
	if err != nil {
		return nil, fmt.Errorf("%q is neither an address nor a key in the %s keyring: %w", arg, backend, err)
	}
	return rec.GetAddress()
}
