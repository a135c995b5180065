package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cometbft/cometbft/crypto/ed25519"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/x/consortium/types"
)

// Flags naming what a verifier trusts.
const (
	FlagTrust   = "trust"
	FlagGenesis = "genesis"
)

// AddTrustFlags adds --trust and --genesis to a command that verifies.
func AddTrustFlags(cmd *cobra.Command, genesisDefault string) {
	cmd.Flags().String(FlagTrust, "", "Trust the header at HEIGHT with HASH (HEIGHT:HASH, from a source you trust, e.g. a hospital's RPC /commit)")
	cmd.Flags().String(FlagGenesis, genesisDefault, "Trust the genesis validators of this genesis.json (when --trust is not given)")
}

// TrustAnchor reads the anchor from --trust, or else from --genesis (or,
// when that is empty, the node home's config/genesis.json).
func TrustAnchor(cmd *cobra.Command) (lightproof.Anchor, error) {
	if s, _ := cmd.Flags().GetString(FlagTrust); s != "" {
		return lightproof.ParseTrust(s)
	}
	path, _ := cmd.Flags().GetString(FlagGenesis)
	if path == "" {
		clientCtx := client.GetClientContextFromCmd(cmd)
		path = filepath.Join(clientCtx.HomeDir, "config", "genesis.json")
	}
	cdc := client.GetClientContextFromCmd(cmd).Codec
	if cdc == nil {
		return lightproof.Anchor{}, errors.New("no codec to read the genesis file")
	}
	return GenesisAnchor(cdc, path)
}

// GenesisAnchor trusts the validators genesis.json gives the consortium at
// the chain's initial height.
func GenesisAnchor(cdc codec.Codec, path string) (lightproof.Anchor, error) {
	gen, err := genutiltypes.AppGenesisFromFile(path)
	if err != nil {
		return lightproof.Anchor{}, fmt.Errorf("trust anchor: %w (give --%s HEIGHT:HASH or --%s FILE)", err, FlagTrust, FlagGenesis)
	}
	var state map[string]json.RawMessage
	if err := json.Unmarshal(gen.AppState, &state); err != nil {
		return lightproof.Anchor{}, fmt.Errorf("%s: app_state: %w", path, err)
	}
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(state[types.ModuleName], &gs); err != nil {
		return lightproof.Anchor{}, fmt.Errorf("%s: consortium state: %w", path, err)
	}
	var vals []*cmttypes.Validator
	for _, v := range gs.InitialValidators() {
		vals = append(vals, cmttypes.NewValidator(ed25519.PubKey(v.ConsensusPubkey), v.Power))
	}
	if len(vals) == 0 {
		return lightproof.Anchor{}, fmt.Errorf("%s names no validator", path)
	}
	set := cmttypes.NewValidatorSet(vals)
	if err := set.ValidateBasic(); err != nil {
		return lightproof.Anchor{}, fmt.Errorf("%s: validators: %w", path, err)
	}
	height := gen.InitialHeight
	if height < 1 {
		height = 1
	}
	return lightproof.Anchor{Height: height, Genesis: set, ChainID: gen.ChainID}, nil
}
