package cli

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

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

// writeJSON writes v to the file at path (mode 0600) as indented JSON.
func writeJSON(path string, v any) error {
	bz, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(bz, '\n'), 0o600)
}

// readJSON decodes the JSON file at path into v; a decoding error names the
// file.
func readJSON(path string, v any) error {
	bz, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(bz, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
