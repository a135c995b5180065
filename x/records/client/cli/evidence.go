package cli

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/x/records/types"
)

// EvidenceCmd is `medchaind records evidence CUSTODIAN RECORD_ID`.
func EvidenceCmd() *cobra.Command {
	return clikit.EvidenceCmd(&cobra.Command{
		Use:   "evidence CUSTODIAN RECORD_ID [--trust-height H] [--out FILE]",
		Short: "Write an evidence bundle of a record's whole version history, checkable offline",
		Long: `Prove, at the node's latest height but one, the record's newest version number
and every version from 1 to it (hash, custodian, anchoring agent, time and height
of each), with the signed headers that tie them to --trust-height. Anyone checks
the bundle with no node: medchaind evidence verify FILE --trust HEIGHT:HASH.`,
		Example: `  medchaind records evidence med1... 3f2a...9c --node tcp://127.0.0.1:26657 > record-evidence.json`,
		Args:    cobra.ExactArgs(2),
	}, func(_ *cobra.Command, args []string) (map[string]string, clikit.Prover, error) {
		if _, err := sdk.AccAddressFromBech32(args[0]); err != nil {
			return nil, nil, fmt.Errorf("custodian: %w", err)
		}
		if err := types.ValidateRecordID(args[1]); err != nil {
			return nil, nil, err
		}
		return map[string]string{"custodian": args[0], "record_id": args[1]}, func(ctx context.Context, b *lightproof.Builder) error {
			return proveRecord(ctx, b, args[0], args[1], 1, 0)
		}, nil
	})
}

// ProveLatestOr adds to b the record's newest version number and that
// version, or version when it is not 0.
func ProveLatestOr(ctx context.Context, b *lightproof.Builder, custodian, recordID string, version uint32) error {
	return proveRecord(ctx, b, custodian, recordID, version, version)
}

// proveRecord adds to b the record's newest version number, then versions
// from..to, where 0 stands for the newest. Which versions exist comes from
// the proven number, not from what the node says.
func proveRecord(ctx context.Context, b *lightproof.Builder, custodian, recordID string, from, to uint32) error {
	latest, err := b.Add(ctx, types.LatestEvidence, custodian+"/"+recordID)
	if err != nil {
		return err
	}
	if latest.Absent {
		return fmt.Errorf("record %s of %s: %w (proven absent at height %d)", recordID, custodian, types.ErrRecordNotFound, b.Height())
	}
	n, err := collections.Uint32Value.Decode(latest.Value)
	if err != nil {
		return err
	}
	if from == 0 {
		from = n
	}
	if to == 0 {
		to = n
	}
	if to > n {
		return fmt.Errorf("record %s has %d versions, not %d: %w", recordID, n, to, types.ErrVersionNotFound)
	}
	if to-from+1 > lightproof.MaxItems-1 {
		return fmt.Errorf("record %s has %d versions: more than a bundle holds", recordID, n)
	}
	for v := from; v <= to; v++ {
		if _, err := b.Add(ctx, types.VersionEvidence, types.VersionName(custodian, recordID, v)); err != nil {
			return err
		}
	}
	return nil
}
