package cmd

import (
	"encoding/json"
	"fmt"

	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/client/load"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// loadSeedCmd is medchaind load seed: a benchmark genesis with many grants
// and access events.
func loadSeedCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "seed GENESIS_FILE",
		Short: "Add many grants and access events to a genesis, for queries measured against a large store",
		Long: fmt.Sprintf(`Adds --grants active grants (seeded patient i grants the i-th validating
member, round robin, lab records for treatment, for a year) and --events
allowed read events (%d per seeded patient) to GENESIS_FILE, for a
benchmark consortium: medchaind load run --probe-grpc asks about the same
seeded patients. At most %d of each.`, load.EventsPerPatient, load.MaxSeed),
		Example: "  medchaind load seed testnet/.localnet/hospital-a/config/genesis.json --grants 1000000 --events 1000000",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			grants, _ := cmd.Flags().GetUint64("grants")
			events, _ := cmd.Flags().GetUint64("events")
			return seedGenesis(args[0], grants, events)
		},
	}
	cmd.Flags().Uint64("grants", 0, "grants to add")
	cmd.Flags().Uint64("events", 0, "access events to add")
	return cmd
}

func seedGenesis(file string, grants, events uint64) error {
	gen, err := genutiltypes.AppGenesisFromFile(file)
	if err != nil {
		return err
	}
	var state map[string]json.RawMessage
	if err := json.Unmarshal(gen.AppState, &state); err != nil {
		return err
	}
	cdc := app.MakeEncodingConfig().Codec
	var members consortiumtypes.GenesisState
	if err := cdc.UnmarshalJSON(state[consortiumtypes.ModuleName], &members); err != nil {
		return fmt.Errorf("consortium genesis: %w", err)
	}
	validating := validatingMembers(members)
	var consent consenttypes.GenesisState
	if err := cdc.UnmarshalJSON(state[consenttypes.ModuleName], &consent); err != nil {
		return fmt.Errorf("consent genesis: %w", err)
	}
	var audit audittypes.GenesisState
	if err := cdc.UnmarshalJSON(state[audittypes.ModuleName], &audit); err != nil {
		return fmt.Errorf("audit genesis: %w", err)
	}
	if err := load.SeedGrants(&consent, grants, validating, gen.GenesisTime); err != nil {
		return err
	}
	if err := load.SeedEvents(&audit, events, validating, gen.GenesisTime); err != nil {
		return err
	}
	if state[consenttypes.ModuleName], err = cdc.MarshalJSON(&consent); err != nil {
		return err
	}
	if state[audittypes.ModuleName], err = cdc.MarshalJSON(&audit); err != nil {
		return err
	}
	if gen.AppState, err = json.Marshal(state); err != nil {
		return err
	}
	return gen.SaveAs(file)
}

// validatingMembers are the operators of the members with a consensus key,
// in genesis order: the grantees of seeded grants.
func validatingMembers(gs consortiumtypes.GenesisState) []string {
	var out []string
	for _, m := range gs.Members {
		if len(m.ConsensusPubkey) > 0 {
			out = append(out, m.Operator)
		}
	}
	return out
}

// seededMembers reads the grantees of seeded grants from a genesis file.
func seededMembers(file string) ([]string, error) {
	gen, err := genutiltypes.AppGenesisFromFile(file)
	if err != nil {
		return nil, err
	}
	var state map[string]json.RawMessage
	if err := json.Unmarshal(gen.AppState, &state); err != nil {
		return nil, err
	}
	var gs consortiumtypes.GenesisState
	if err := app.MakeEncodingConfig().Codec.UnmarshalJSON(state[consortiumtypes.ModuleName], &gs); err != nil {
		return nil, fmt.Errorf("consortium genesis: %w", err)
	}
	return validatingMembers(gs), nil
}
