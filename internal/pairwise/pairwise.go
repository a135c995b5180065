// Package pairwise derives a patient's separate address at each custodian
// from one BIP-39 mnemonic, so that nothing on chain links the records a
// patient has at two hospitals. See docs/privacy.md.
package pairwise

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/go-bip39"
)

// Domain separates medchain's pairwise account numbers from any other use
// of the mnemonic; a new version gets a new domain.
const Domain = "medchain/pairwise/v1/"

// CoinType is the SLIP-44 coin type of the derivation path (Cosmos).
const CoinType = 118

// Account is the hardened BIP-44 account number of custodian's pairwise
// key: the first 4 bytes of sha256(Domain + custodian), big-endian, with
// the top bit cleared (hardened indexes are below 2^31).
func Account(custodian string) uint32 {
	sum := sha256.Sum256([]byte(Domain + custodian))
	return binary.BigEndian.Uint32(sum[:4]) &^ (1 << 31)
}

// HDPath is the derivation path of custodian's pairwise key:
// m/44'/118'/<Account(custodian)>'/0/0.
func HDPath(custodian string) string {
	return hd.NewFundraiserParams(Account(custodian), CoinType, 0).String()
}

// Key derives the patient's private key at custodian from mnemonic (and an
// optional BIP-39 passphrase).
func Key(mnemonic, passphrase, custodian string) (cryptotypes.PrivKey, error) {
	mnemonic = strings.Join(strings.Fields(mnemonic), " ")
	if _, err := bip39.MnemonicToByteArray(mnemonic); err != nil || !bip39.IsMnemonicValid(mnemonic) {
		return nil, errors.New("not a valid BIP-39 mnemonic (unknown word, wrong length or checksum)")
	}
	if custodian == "" {
		return nil, errors.New("a custodian address is required")
	}
	bz, err := hd.Secp256k1.Derive()(mnemonic, passphrase, HDPath(custodian))
	if err != nil {
		return nil, fmt.Errorf("derive %s: %w", HDPath(custodian), err)
	}
	return hd.Secp256k1.Generate()(bz), nil
}
