package cli

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/records/types"
)

// hashOutput is what `records hash` prints.
type hashOutput struct {
	File      string `json:"file"`
	Algorithm string `json:"algorithm"`
	Salt      string `json:"salt"`
	Digest    string `json:"digest"`
	// ContentHash is ready for `tx records anchor --content-hash`.
	ContentHash json.RawMessage `json:"content_hash"`
}

// HashCmd is `medchaind records hash FILE`.
func HashCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hash FILE",
		Short: "Compute a file's salted commitment H(salt || content)",
		Long: `Compute the salted commitment H(salt || content) that anchors a record.
Keep the salt next to the record, off-chain: without it nobody can guess a short
record from its hash, and destroying it unlinks the anchor (crypto-shredding).`,
		Example: `  medchaind records hash lab-result.json --new-salt
  medchaind records hash lab-result.json --salt 5f1c...e2`,
		SilenceUsage: true,
		Args:         cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			saltHex, _ := cmd.Flags().GetString(flagSalt)
			fresh, _ := cmd.Flags().GetBool(flagNewSalt)
			algoName, _ := cmd.Flags().GetString(flagAlgorithm)
			algo, err := types.ParseHashAlgorithm(algoName)
			if err != nil {
				return err
			}
			var salt []byte
			switch {
			case saltHex != "" && fresh:
				return errors.New("give --salt or --new-salt, not both")
			case fresh:
				salt, err = newSalt()
			case saltHex != "":
				salt, err = parseSalt(saltHex)
			default:
				return errors.New("a salt is required: --new-salt for a new record, --salt HEX to recompute")
			}
			if err != nil {
				return err
			}
			h, err := commitFile(algo, salt, args[0])
			if err != nil {
				return err
			}
			ch, err := json.Marshal(map[string]string{
				"algorithm": h.Algorithm.String(), "digest": base64.StdEncoding.EncodeToString(h.Digest),
			})
			if err != nil {
				return err
			}
			out, err := json.MarshalIndent(hashOutput{
				File: args[0], Algorithm: algo.Code(), Salt: hex.EncodeToString(salt),
				Digest: hex.EncodeToString(h.Digest), ContentHash: ch,
			}, "", "  ")
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), string(out))
			return nil
		},
	}
	cmd.Flags().String(flagSalt, "", "Salt as hex (recompute an existing commitment)")
	cmd.Flags().Bool(flagNewSalt, false, "Draw a new random 32-byte salt")
	cmd.Flags().String(flagAlgorithm, "sha2-256", "sha2-256, sha2-512 or sha3-256")
	return cmd
}
