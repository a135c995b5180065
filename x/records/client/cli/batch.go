package cli

import (
	"bufio"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/records/merkle"
	"github.com/medchain/medchain/x/records/types"
)

// Manifest lists a batch's files with their commitments and proofs. It holds
// no salt: salts live in a separate Salts file the custodian can destroy
// (record by record) to erase, while the manifest stays shareable. The
// chain holds only the root.
type Manifest struct {
	Algorithm string          `json:"algorithm"`
	Root      string          `json:"root"`
	LeafCount uint64          `json:"leaf_count"`
	Leaves    []ManifestEntry `json:"leaves"`
}

// ManifestEntry is one file of a batch.
type ManifestEntry struct {
	Index  uint64   `json:"index"`
	File   string   `json:"file"`
	Digest string   `json:"digest"`
	Proof  []string `json:"proof"`
}

// Salts are a batch's salts, by file, kept apart from the manifest.
type Salts map[string]string

// BuildManifest commits every file with a fresh salt and builds the tree;
// it returns the manifest and the salts separately.
func BuildManifest(files []string) (*Manifest, Salts, error) {
	if len(files) == 0 {
		return nil, nil, errors.New("no files to batch")
	}
	if len(files) > types.MaxBatchLeaves {
		return nil, nil, fmt.Errorf("at most %d files per batch", types.MaxBatchLeaves)
	}
	m := &Manifest{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256.Code(), LeafCount: uint64(len(files))}
	salts := Salts{}
	leaves := make([][]byte, len(files))
	for i, f := range files {
		if _, dup := salts[f]; dup {
			return nil, nil, fmt.Errorf("%s is listed twice", f)
		}
		salt, err := newSalt()
		if err != nil {
			return nil, nil, err
		}
		h, err := commitFile(types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, salt, f)
		if err != nil {
			return nil, nil, err
		}
		leaves[i] = h.Digest
		salts[f] = hex.EncodeToString(salt)
		m.Leaves = append(m.Leaves, ManifestEntry{Index: uint64(i), File: f, Digest: hex.EncodeToString(h.Digest)})
	}
	tree, err := merkle.Build(leaves)
	if err != nil {
		return nil, nil, err
	}
	root := tree.Root()
	m.Root = hex.EncodeToString(root[:])
	for i := range m.Leaves {
		proof, err := tree.Proof(uint64(i))
		if err != nil {
			return nil, nil, err
		}
		for _, p := range proof {
			m.Leaves[i].Proof = append(m.Leaves[i].Proof, hex.EncodeToString(p))
		}
	}
	return m, salts, nil
}

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
			bz, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				return err
			}
			out, _ := cmd.Flags().GetString(flagOutput)
			if out == "" {
				fmt.Fprintln(cmd.OutOrStdout(), string(bz))
				return nil
			}
			if err := os.WriteFile(out, append(bz, '\n'), 0o600); err != nil {
				return err
			}
			rootBz, _ := hex.DecodeString(m.Root)
			cmd.PrintErrf("wrote %s: %d files, root %s (base64 %s)\n", out, m.LeafCount, m.Root, base64.StdEncoding.EncodeToString(rootBz))
			return nil
		},
	}
	cmd.Flags().String(flagOutput, "", "Write the manifest to this file instead of standard output")
	cmd.Flags().String(flagSalts, "", "Write the files' salts to this file (required: without them nothing verifies)")
	_ = cmd.MarkFlagRequired(flagSalts)
	return cmd
}

func writeJSON(path string, v any) error {
	bz, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(bz, '\n'), 0o600)
}

// VerifyEntry checks file against its manifest entry with its salt: the
// salted commitment matches and the proof leads to the manifest's root. A
// file whose salt was destroyed cannot be checked.
func (m *Manifest) VerifyEntry(file string, salts Salts) (*ManifestEntry, error) {
	e := m.find(file)
	if e == nil {
		return nil, fmt.Errorf("%s is not in the manifest", file)
	}
	saltHex, ok := salts[e.File]
	if !ok {
		return e, fmt.Errorf("no salt for %s: it was destroyed, or the salts file is another batch's", e.File)
	}
	salt, err := parseSalt(saltHex)
	if err != nil {
		return nil, fmt.Errorf("salt of %s: %w", e.File, err)
	}
	h, err := commitFile(types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, salt, file)
	if err != nil {
		return nil, err
	}
	if hex.EncodeToString(h.Digest) != e.Digest {
		return e, fmt.Errorf("%w: %s hashes to %x, the manifest lists %s", ErrMismatch, file, h.Digest, e.Digest)
	}
	root, err := hex.DecodeString(m.Root)
	if err != nil {
		return nil, fmt.Errorf("manifest root: %w", err)
	}
	proof, err := e.proofBytes()
	if err != nil {
		return nil, err
	}
	if err := merkle.Verify(root, m.LeafCount, e.Index, h.Digest, proof); err != nil {
		return e, fmt.Errorf("%s: proof does not verify: %w", file, err)
	}
	return e, nil
}

func (m *Manifest) find(file string) *ManifestEntry {
	for i := range m.Leaves {
		if m.Leaves[i].File == file {
			return &m.Leaves[i]
		}
	}
	for i := range m.Leaves {
		if filepath.Base(m.Leaves[i].File) == filepath.Base(file) {
			return &m.Leaves[i]
		}
	}
	return nil
}

func (e *ManifestEntry) proofBytes() ([][]byte, error) {
	if len(e.Proof) > merkle.MaxProofLength {
		return nil, errors.New("manifest proof is too long")
	}
	out := make([][]byte, len(e.Proof))
	for i, p := range e.Proof {
		b, err := hex.DecodeString(p)
		if err != nil {
			return nil, fmt.Errorf("manifest proof: %w", err)
		}
		out[i] = b
	}
	return out, nil
}

// BatchVerifyCmd is `medchaind records batch verify MANIFEST FILE`.
func BatchVerifyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:          "verify MANIFEST FILE --salts SALTS [--batch-id N]",
		Short:        "Check a file against a batch manifest and its salt, offline, and with --batch-id against the chain",
		SilenceUsage: true,
		Args:         cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			bz, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			var m Manifest
			if err := json.Unmarshal(bz, &m); err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			saltsPath, _ := cmd.Flags().GetString(flagSalts)
			var salts Salts
			if bz, err = os.ReadFile(saltsPath); err != nil {
				return err
			}
			if err := json.Unmarshal(bz, &salts); err != nil {
				return fmt.Errorf("%s: %w", saltsPath, err)
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
