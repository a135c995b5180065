package lightproof

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	cmttypes "github.com/cometbft/cometbft/types"
)

// Anchor is what the verifier trusts without proof: either the hash of one
// header (Height, Hash), read from a source it trusts, or the consortium's
// genesis validator set, whose signatures make the first header trusted.
type Anchor struct {
	Height int64
	Hash   []byte

	// Genesis, when set, replaces Hash: the header at Height (the chain's
	// initial height) must carry this validator set, on ChainID, and be
	// signed by more than 2/3 of its power.
	Genesis *cmttypes.ValidatorSet
	ChainID string
}

// ParseTrust reads HEIGHT:HASH (the hash in hex, as CometBFT's RPC prints it).
func ParseTrust(s string) (Anchor, error) {
	h, hash, ok := strings.Cut(s, ":")
	if !ok {
		return Anchor{}, fmt.Errorf("trust %q: want HEIGHT:HASH", s)
	}
	height, err := strconv.ParseInt(h, 10, 64)
	if err != nil || height < 1 {
		return Anchor{}, fmt.Errorf("trust %q: height must be a positive integer", s)
	}
	b, err := hex.DecodeString(hash)
	if err != nil || len(b) != 32 {
		return Anchor{}, fmt.Errorf("trust %q: hash must be 64 hex characters", s)
	}
	return Anchor{Height: height, Hash: b}, nil
}

// String names the anchor in reports.
func (a Anchor) String() string {
	if a.Genesis != nil {
		return fmt.Sprintf("genesis validators of %s (%X) at height %d", a.ChainID, a.Genesis.Hash(), a.Height)
	}
	return fmt.Sprintf("header %d with hash %X", a.Height, a.Hash)
}

// trust checks that lb is the anchored header.
func (a Anchor) trust(lb *cmttypes.LightBlock, chainID string) error {
	if lb.Height != a.Height {
		return fmt.Errorf("is at height %d, not the trusted height %d", lb.Height, a.Height)
	}
	if err := lb.ValidateBasic(chainID); err != nil {
		return err
	}
	if a.Genesis == nil {
		if !bytes.Equal(lb.Hash(), a.Hash) {
			return fmt.Errorf("has hash %X, not the trusted %X", lb.Hash(), a.Hash)
		}
		// Trusted by its hash; its commit must still be whole.
		return lb.ValidatorSet.VerifyCommit(chainID, lb.Commit.BlockID, lb.Height, lb.Commit)
	}
	if chainID != a.ChainID {
		return fmt.Errorf("is on chain %q, not the genesis chain %q", chainID, a.ChainID)
	}
	if !bytes.Equal(lb.ValidatorsHash, a.Genesis.Hash()) {
		return errors.New("was not made by the genesis validator set")
	}
	return a.Genesis.VerifyCommit(chainID, lb.Commit.BlockID, lb.Height, lb.Commit)
}
