package cli

import (
	"bufio"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/records/types"
)

// listFiles returns the regular files under a directory (sorted), or the
// paths listed one per line in a file.
func listFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var files []string
	if info.IsDir() {
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, p)
			}
			return err
		})
		slices.Sort(files)
		return files, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			files = append(files, line)
		}
	}
	return files, sc.Err()
}

// BatchBuildCmd is `medchaind records batch build DIR|LIST`.
func BatchBuildCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "build DIR|LIST --salts SALTS [--output MANIFEST]",
		Short: "Commit many files with fresh salts; write a manifest (root and proofs) and a separate salts file",
		Long: `Give each file (every regular file under DIR, or each path listed in LIST) a
fresh 32-byte salt, compute H(salt || content), and build the RFC 6962 Merkle
tree. The manifest holds the root, each file's commitment and its proof, and no
salt; the salts go to their own file (--salts), kept next to the records and
destroyed to erase one. Anchor only the root with
'medchaind tx records anchor-batch ROOT_BASE64 LEAF_COUNT MANIFEST_URI --algorithm sha2-256'.`,
		SilenceUsage: true,
		Args:         cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := listFiles(args[0])
			if err != nil {
				return err
			}
			saltsPath, _ := cmd.Flags().GetString(flagSalts)
			m, salts, err := BuildManifest(files)
			if err != nil {
				return err
			}
			if err := writeJSON(saltsPath, salts); err != nil {
				return err
			}
			out, _ := cmd.Flags().GetString(flagOutput)
			if out == "" {
				return clikit.PrintJSON(cmd.OutOrStdout(), m)
			}
			if err := writeJSON(out, m); err != nil {
				return err
			}
			rootBz, _ := hex.DecodeString(m.Root) // the hex of the root just built
			cmd.PrintErrf("wrote %s: %d files, root %s (base64 %s)\n", out, m.LeafCount, m.Root, base64.StdEncoding.EncodeToString(rootBz))
			return nil
		},
	}
	cmd.Flags().String(flagOutput, "", "Write the manifest to this file instead of standard output")
	cmd.Flags().String(flagSalts, "", "Write the files' salts to this file (required: without them nothing verifies)")
	_ = cmd.MarkFlagRequired(flagSalts)
	return cmd
}

// BatchVerifyCmd is `medchaind records batch verify MANIFEST FILE`.
func BatchVerifyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:          "verify MANIFEST FILE --salts SALTS [--batch-id N]",
		Short:        "Check a file against a batch manifest and its salt, offline, and with --batch-id against the chain",
		SilenceUsage: true,
		Args:         cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var m Manifest
			if err := readJSON(args[0], &m); err != nil {
				return err
			}
			saltsPath, _ := cmd.Flags().GetString(flagSalts)
			var salts Salts
			if err := readJSON(saltsPath, &salts); err != nil {
				return err
			}
			e, err := m.VerifyEntry(args[1], salts)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "INCLUDED: %s is leaf %d of %d under root %s\n", args[1], e.Index, m.LeafCount, m.Root)
			id, _ := cmd.Flags().GetUint64(flagBatchID)
			if id == 0 {
				return nil
			}
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			// VerifyEntry decoded both: the digest is the file's own, the
			// proof led to the manifest's root.
			digest, _ := hex.DecodeString(e.Digest)
			proof, _ := e.proofBytes()
			res, err := types.NewQueryClient(clientCtx).VerifyInclusion(cmd.Context(), &types.QueryVerifyInclusionRequest{
				BatchId: id, Leaf: digest, LeafIndex: e.Index, Proof: proof,
			})
			if err != nil {
				return err
			}
			if !res.Included {
				return fmt.Errorf("the chain's batch %d does not include %s: %s", id, args[1], res.Reason)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "ANCHORED: batch %d on chain includes it\n", id)
			return nil
		},
	}
	cmd.Flags().Uint64(flagBatchID, 0, "Also check against this batch on chain")
	cmd.Flags().String(flagSalts, "", "The batch's salts file")
	_ = cmd.MarkFlagRequired(flagSalts)
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}
