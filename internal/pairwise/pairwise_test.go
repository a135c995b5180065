package pairwise_test

import (
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/pairwise"
)

const (
	mnemonic   = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
	hospitalA  = "med1q6saqhwam6dhrmuqjxpphvh90h0jaaahp9yuqs"
	hospitalB  = "med1upjjzemwedr7mee3mt77yk9ynkyusqsd7csywy"
	otherWords = "legal winner thank year wave sausage worth useful legal winner thank yellow"
)

// One seed gives one stable key per custodian, and different custodians
// get keys that share nothing visible.
func TestOneKeyPerCustodian(t *testing.T) {
	a1, err := pairwise.Key(mnemonic, "", hospitalA)
	require.NoError(t, err)
	a2, err := pairwise.Key("  "+strings.ReplaceAll(mnemonic, " ", "\n ")+"\n", "", hospitalA)
	require.NoError(t, err)
	require.True(t, a1.Equals(a2), "whitespace in the mnemonic does not change the key")
	b, err := pairwise.Key(mnemonic, "", hospitalB)
	require.NoError(t, err)
	require.NotEqual(t, a1.PubKey().Address(), b.PubKey().Address())
	require.NotEqual(t, pairwise.Account(hospitalA), pairwise.Account(hospitalB))

	// Another seed, or a BIP-39 passphrase, gives other keys at the same custodian.
	other, err := pairwise.Key(otherWords, "", hospitalA)
	require.NoError(t, err)
	require.NotEqual(t, a1.PubKey().Address(), other.PubKey().Address())
	withPass, err := pairwise.Key(mnemonic, "passphrase", hospitalA)
	require.NoError(t, err)
	require.NotEqual(t, a1.PubKey().Address(), withPass.PubKey().Address())
}

// The path is hardened BIP-44 on coin type 118 with the documented account
// number, so any BIP-44 wallet (here the SDK keyring, as `medchaind keys add
// --recover --hd-path` uses it) derives the same key.
func TestPathMatchesTheKeyring(t *testing.T) {
	for _, c := range []string{hospitalA, hospitalB} {
		acct := pairwise.Account(c)
		require.Less(t, acct, uint32(1<<31), "a hardened index must be below 2^31")
		path := pairwise.HDPath(c)
		require.Regexp(t, `^m/44'/118'/\d+'/0/0$`, path)
		params, err := hd.NewParamsFromPath(path)
		require.NoError(t, err)
		require.Equal(t, acct, params.Account)

		reg := codectypes.NewInterfaceRegistry()
		cryptocodec.RegisterInterfaces(reg)
		kr := keyring.NewInMemory(codec.NewProtoCodec(reg))
		rec, err := kr.NewAccount("patient", mnemonic, "", path, hd.Secp256k1)
		require.NoError(t, err)
		fromKeyring, err := rec.GetAddress()
		require.NoError(t, err)
		key, err := pairwise.Key(mnemonic, "", c)
		require.NoError(t, err)
		require.Equal(t, fromKeyring.Bytes(), key.PubKey().Address().Bytes())
	}
}

// The account number is not the custodian's position or anything a
// custodian can choose to collide with another: it is a hash, and the
// domain keeps it apart from other uses of the seed.
func TestAccountIsADomainSeparatedHash(t *testing.T) {
	seen := map[uint32]string{}
	for i := range 2000 {
		c := strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
		a := pairwise.Account(c)
		if prev, ok := seen[a]; ok {
			t.Fatalf("%q and %q share account %d", prev, c, a)
		}
		seen[a] = c
	}
	require.NotEqual(t, uint32(0), pairwise.Account(hospitalA), "never the default account 0")
}

func TestRefusals(t *testing.T) {
	_, err := pairwise.Key("abandon abandon abandon", "", hospitalA)
	require.ErrorContains(t, err, "not a valid BIP-39 mnemonic")
	bad := strings.Replace(mnemonic, "about", "abandon", 1) // wrong checksum
	_, err = pairwise.Key(bad, "", hospitalA)
	require.ErrorContains(t, err, "not a valid BIP-39 mnemonic")
	_, err = pairwise.Key(mnemonic, "", "")
	require.ErrorContains(t, err, "custodian")
}
