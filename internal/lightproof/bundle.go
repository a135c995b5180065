// Package lightproof proves answers read from medchain's state without
// trusting the node that gave them: each value comes with the ICS23 proof
// of its store key against the app hash of a block header, and the headers
// come with commits checked by CometBFT's light client from a trusted
// height and hash (or from the genesis validator set), across validator-set
// changes. A Bundle holds all of it in one JSON file that anyone verifies
// offline, with no node, for as long as the file is kept.
package lightproof

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/medchain/medchain/internal/files"
)

// Format names the bundle layout; verify refuses any other.
const Format = "medchain-evidence/1"

// Bounds on what one bundle may hold (a verifier refuses more).
const (
	// MaxItems is the most values one bundle proves.
	MaxItems = 10_000
	// MaxLightBlocks is the most headers one bundle carries.
	MaxLightBlocks = 1_000
	// MaxBundleBytes is the largest bundle file verify reads.
	MaxBundleBytes = 256 << 20
)

// Bundle is an evidence bundle: values of the chain's state at Height, each
// with its proof, and the light blocks that tie the header of Height+1 (whose
// app hash the proofs reach) to a trusted header.
type Bundle struct {
	Format  string `json:"format"`
	ChainID string `json:"chain_id"`
	// Subject says what the bundle answers (e.g. a patient's audit events in a
	// time range); each item must match it.
	Subject map[string]string `json:"subject"`
	// Height is the state version every item is proven at.
	Height int64 `json:"height"`
	// LightBlocks are protobuf-encoded CometBFT light blocks (signed header
	// and validator set), in ascending height, from the trust height to Height+1.
	LightBlocks [][]byte `json:"light_blocks"`
	Items       []Item   `json:"items"`
}

// Item is one proven value: the bytes stored under Key in the module store
// Store, or their absence when Absent.
type Item struct {
	// Kind names the value's type (see Kind), ID its identity for people.
	Kind string `json:"kind"`
	ID   string `json:"id"`
	// Store is the module store, Key the raw store key.
	Store string   `json:"store"`
	Key   HexBytes `json:"key"`
	// Value is the stored bytes; Absent says the proof shows none is stored.
	Value  []byte `json:"value,omitempty"`
	Absent bool   `json:"absent,omitempty"`
	// Proof is the protobuf-encoded ProofOps from the ABCI query.
	Proof []byte `json:"proof"`
	// Decoded is Value as JSON, for people; verify checks it equals Value.
	Decoded json.RawMessage `json:"decoded,omitempty"`
}

// HexBytes are bytes written as lower-case hex in JSON.
type HexBytes []byte

// Encode writes the bundle as indented JSON.
func (b *Bundle) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// Save writes the bundle to the file at path.
func (b *Bundle) Save(path string) error { return files.Create(path, b.Encode) }

// rawBundle is a Bundle whose items stay as read, to check each one alone
// (its Items hide the Bundle's).
type rawBundle struct {
	Bundle
	Items []json.RawMessage `json:"items"`
}

// Decode reads a bundle and refuses any encoding but the one Encode writes
// (whitespace aside): a field renamed or re-cased, a number or a base64 or
// hex string written another way is named as an error, so every byte of a
// bundle either matters or fails.
func Decode(data []byte) (*Bundle, error) {
	if len(data) > MaxBundleBytes {
		return nil, fmt.Errorf("bundle is %d bytes, more than the %d a bundle may have", len(data), MaxBundleBytes)
	}
	var raw rawBundle
	if err := strictUnmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("bundle is not a %s file: %w", Format, err)
	}
	if raw.Format != Format {
		return nil, fmt.Errorf("bundle format is %q, not %q", raw.Format, Format)
	}
	if len(raw.Items) == 0 || len(raw.Items) > MaxItems {
		return nil, fmt.Errorf("bundle has %d items: it must have 1 to %d", len(raw.Items), MaxItems)
	}
	if len(raw.LightBlocks) == 0 || len(raw.LightBlocks) > MaxLightBlocks {
		return nil, fmt.Errorf("bundle has %d light blocks: it must have 1 to %d", len(raw.LightBlocks), MaxLightBlocks)
	}
	b := &raw.Bundle
	for i, r := range raw.Items {
		var it Item
		if err := strictUnmarshal(r, &it); err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		if err := sameJSON(r, it); err != nil {
			return nil, fmt.Errorf("item %d (%s %s): %w", i, it.Kind, it.ID, err)
		}
		b.Items = append(b.Items, it)
	}
	// Items are canonical: what remains is the bundle's own fields.
	if err := sameJSON(data, b); err != nil {
		return nil, fmt.Errorf("bundle header (format, chain_id, subject, height, light_blocks): %w", err)
	}
	return b, nil
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("unexpected data after the JSON value")
	}
	return nil
}

// sameJSON checks that data is v's own encoding, whitespace aside.
func sameJSON(data []byte, v any) error {
	want, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var got bytes.Buffer
	if err := json.Compact(&got, data); err != nil {
		return err
	}
	if !bytes.Equal(got.Bytes(), want) {
		return fmt.Errorf("not in canonical form at byte %d of the element (altered field name, number or encoding)", firstDiff(got.Bytes(), want))
	}
	return nil
}

func firstDiff(a, b []byte) int {
	for i := range a {
		if i >= len(b) || a[i] != b[i] {
			return i
		}
	}
	return len(a)
}

// MarshalJSON writes lower-case hex.
func (h HexBytes) MarshalJSON() ([]byte, error) { return json.Marshal(hex.EncodeToString(h)) }

// UnmarshalJSON reads hex.
func (h *HexBytes) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return fmt.Errorf("key: %w", err)
	}
	*h = b
	return nil
}
