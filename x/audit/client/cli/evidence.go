package cli

import (
	"context"
	"fmt"
	"strconv"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/x/audit/types"
)

// EvidenceCmd is `medchaind audit evidence --patient P [--from T --to T]`.
func EvidenceCmd() *cobra.Command {
	cmd := clikit.EvidenceCmd(&cobra.Command{
		Use:   "evidence --patient ADDR [--from T --to T] [--trust-height H] [--out FILE]",
		Short: "Write an evidence bundle of a patient's access events, checkable offline",
		Long: `Prove every access event of the patient in the time range, at the node's
latest height but one, with the signed headers that tie them to --trust-height
(1 by default: the genesis validators). Anyone checks the bundle with no node:
medchaind evidence verify FILE --trust HEIGHT:HASH (or --genesis genesis.json),
and learns which item fails if any byte was changed. A bundle holds at most
10,000 events: narrow the range for more.`,
		Example: `  medchaind audit evidence --patient med1... --from 2026-01-01T00:00:00Z --to 2026-02-01T00:00:00Z > jan.json
  medchaind evidence verify jan.json --genesis ~/.medchaind/config/genesis.json`,
		Args: cobra.NoArgs,
	}, func(cmd *cobra.Command, _ []string) (map[string]string, clikit.Prover, error) {
		patient, _ := cmd.Flags().GetString(flagPatient)
		if _, err := sdk.AccAddressFromBech32(patient); err != nil {
			return nil, nil, fmt.Errorf("--%s: %w", flagPatient, err)
		}
		filter, err := timeFilter(cmd)
		if err != nil {
			return nil, nil, err
		}
		subject := map[string]string{"patient": patient}
		for _, f := range []string{flagFrom, flagTo} {
			if s, _ := cmd.Flags().GetString(f); s != "" {
				subject[f] = s
			}
		}
		return subject, func(ctx context.Context, b *lightproof.Builder) error {
			return proveEvents(ctx, cmd, b, patient, filter)
		}, nil
	})
	addPatientRangeFlags(cmd, "Patient whose access events to prove")
	return cmd
}

// proveEvents adds to b every access event of patient that filter selects,
// up to b's height (the next bundle has the later ones).
func proveEvents(ctx context.Context, cmd *cobra.Command, b *lightproof.Builder, patient string, filter *types.EventFilter) error {
	clientCtx, err := client.GetClientQueryContext(cmd)
	if err != nil {
		return err
	}
	events, err := fetch(cmd, types.NewQueryClient(clientCtx), patient, filter)
	if err != nil {
		return err
	}
	if len(events) > lightproof.MaxItems {
		return fmt.Errorf("%d events: a bundle holds at most %d, narrow --from/--to", len(events), lightproof.MaxItems)
	}
	for _, e := range events {
		if e.Height > b.Height() {
			continue // after the proof height: the next bundle has it
		}
		it, err := b.Add(ctx, types.EventEvidence, strconv.FormatUint(e.Id, 10))
		if err != nil {
			return err
		}
		if it.Absent {
			return fmt.Errorf("event %d: the node listed it, its store proves it absent at height %d", e.Id, b.Height())
		}
	}
	return nil
}
