package cli

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
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
	// Category is what to anchor the record as: the category itself, or
	// restricted for a sensitive one.
	Category string `json:"category,omitempty"`
	// CategoryCommitment (hex) goes with a restricted record: `tx records anchor --category-commitment`.
	CategoryCommitment string `json:"category_commitment,omitempty"`
}

// HashCmd is `medchaind records hash FILE`.
func HashCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hash FILE",
		Short: "Compute a file's salted commitment H(salt || content)",
		Long: `Compute the salted commitment H(salt || content) that anchors a record, with a
salt of at least 32 random bytes. Keep the salt next to the record, off-chain:
without it nobody can guess a short record from its hash, and destroying it
unlinks the anchor (crypto-shredding). With --category, say what to anchor the
record as: a sensitive category (mental-health, substance-use, reproductive,
sexual-health, genomic) is anchored as restricted, with a commitment to the real
category under the same salt.`,
		Example: `  medchaind records hash lab-result.json --new-salt --category lab
  medchaind records hash note.pdf --new-salt --category mental-health
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
			res := hashOutput{
				File: args[0], Algorithm: algo.Code(), Salt: hex.EncodeToString(salt),
				Digest: hex.EncodeToString(h.Digest), ContentHash: ch,
			}
			if name, _ := cmd.Flags().GetString(flagCategory); name != "" {
				c, err := types.ParseCategory(name)
				if err != nil {
					return err
				}
				if c == types.Category_CATEGORY_RESTRICTED {
					return errors.New("--category takes the record's real category (e.g. mental-health): the command works out the restricted anchor and its commitment")
				}
				res.Category = c.Code()
				if c.IsSensitive() {
					res.Category = types.Category_CATEGORY_RESTRICTED.Code()
					res.CategoryCommitment = hex.EncodeToString(types.CategoryCommitment(salt, c))
				}
			}
			return clikit.PrintJSON(cmd.OutOrStdout(), res)
		},
	}
	cmd.Flags().String(flagSalt, "", "Salt as hex (recompute an existing commitment)")
	cmd.Flags().Bool(flagNewSalt, false, "Draw a new random 32-byte salt")
	cmd.Flags().String(flagCategory, "", "The record's real category: prints what to anchor it as, and a commitment for a sensitive one")
	cmd.Flags().String(flagAlgorithm, "sha2-256", "sha2-256, sha2-512 or sha3-256")
	return cmd
}
