package cli

import (
	"bytes"
	"encoding/hex"
	"fmt"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/records/types"
)

// ErrMismatch is returned (and the command exits non-zero) when a file does
// not match what the chain anchored.
var ErrMismatch = fmt.Errorf("file does not match the anchored hash")

// VerifyCmd is `medchaind records verify FILE --custodian C --record ID`.
func VerifyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify FILE --custodian OPERATOR --record ID [--record-version N] --salt HEX",
		Short: "Check a local file against a record anchored on chain",
		Long: `Hash FILE locally with the record's algorithm and salt, fetch the record from
the node, and say whether the file is exactly what was anchored. Exits non-zero
on a mismatch. Without the salt nothing can be checked: destroying a record's
salt unlinks its anchor for good.`,
		Example:      `  medchaind records verify lab-result.json --custodian med1... --record 3f2a...9c --salt 5f1c...e2 --node tcp://127.0.0.1:27057`,
		SilenceUsage: true,
		Args:         cobra.ExactArgs(1),
		RunE: clikit.Query(func(cmd *cobra.Command, clientCtx client.Context, args []string) error {
			custodian, _ := cmd.Flags().GetString(flagCustodian)
			id, _ := cmd.Flags().GetString(flagRecord)
			version, _ := cmd.Flags().GetUint32(flagVersion)
			saltHex, _ := cmd.Flags().GetString(flagSalt)
			if err := types.ValidateRecordID(id); err != nil {
				return err
			}
			salt, err := parseSalt(saltHex)
			if err != nil {
				return err
			}
			res, err := types.NewQueryClient(clientCtx).Record(cmd.Context(), &types.QueryRecordRequest{Custodian: custodian, RecordId: id, Version: version})
			if err != nil {
				return err
			}
			rec := res.Record
			local, err := commitFile(rec.ContentHash.Algorithm, salt, args[0])
			if err != nil {
				return err
			}
			if !bytes.Equal(local.Digest, rec.ContentHash.Digest) {
				fmt.Fprintf(cmd.OutOrStdout(), "MISMATCH: %s does not match record %s version %d\n  local %s %x\n  chain %s %x\n",
					args[0], rec.RecordId, rec.Version, local.Algorithm.Code(), local.Digest,
					rec.ContentHash.Algorithm.Code(), rec.ContentHash.Digest)
				return ErrMismatch
			}
			fmt.Fprintf(cmd.OutOrStdout(), "MATCH: %s is record %s version %d (of %d), %s %s, anchored at height %d on %s by %s for custodian %s\n",
				args[0], rec.RecordId, rec.Version, res.LatestVersion, rec.ContentHash.Algorithm.Code(),
				hex.EncodeToString(rec.ContentHash.Digest), rec.Height, rec.AnchoredAt.UTC().Format("2006-01-02T15:04:05Z"),
				rec.AnchoredBy, rec.Custodian)
			return nil
		}),
	}
	cmd.Flags().String(flagCustodian, "", "Operator address of the member holding the record")
	cmd.Flags().String(flagRecord, "", "Record id")
	cmd.Flags().Uint32(flagVersion, 0, "Record version (default: the latest)")
	cmd.Flags().String(flagSalt, "", "The record's salt, as hex")
	_ = cmd.MarkFlagRequired(flagCustodian)
	_ = cmd.MarkFlagRequired(flagRecord)
	_ = cmd.MarkFlagRequired(flagSalt)
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}
