package load

import (
	"context"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
)

// checkKV requires tx to be a kvstore transaction of size bytes: hex key,
// one '=' neither first nor last, hex value.
func checkKV(t *testing.T, tx []byte, size int) {
	t.Helper()
	require.Len(t, tx, size)
	s := string(tx)
	require.Equal(t, 1, strings.Count(s, "="), "%q: one '='", s)
	eq := strings.IndexByte(s, '=')
	require.Positive(t, eq, "%q: a key before the '='", s)
	require.Less(t, eq, size-1, "%q: a value after the '='", s)
	require.Equal(t, "", strings.Trim(s[:eq]+s[eq+1:], "0123456789abcdef"), "%q: hex digits besides the '='", s)
}

func TestKVStreamMakesKVStoreTransactions(t *testing.T) {
	ctx := context.Background()
	for _, size := range []int{MinKVSize, 18, 64, 250, 1024} {
		tx, err := KVStream{Size: size}.Next(ctx)
		require.NoError(t, err, "size %d", size)
		checkKV(t, tx, size)
	}
}

// Any size from the minimum up is a size a kvstore run may ask for
// (--tx-size), odd ones included.
func TestKVStreamMakesOddSizes(t *testing.T) {
	ctx := context.Background()
	for _, size := range []int{17, 33, 101} {
		var tx []byte
		var err error
		require.NotPanics(t, func() { tx, err = KVStream{Size: size}.Next(ctx) }, "size %d", size)
		require.NoError(t, err, "size %d", size)
		checkKV(t, tx, size)
	}
}

func TestKVStreamNeverRepeats(t *testing.T) {
	ctx := context.Background()
	s := KVStream{Size: MinKVSize}
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		tx, err := s.Next(ctx)
		require.NoError(t, err)
		require.False(t, seen[string(tx)], "transaction %d repeats %q", i, tx)
		seen[string(tx)] = true
	}
	// Every digit shows up at an even and at an odd position: both halves
	// of the random bytes are used.
	first, last := map[byte]bool{}, map[byte]bool{}
	for tx := range seen {
		first[tx[0]] = true
		last[tx[MinKVSize-1]] = true
	}
	require.Len(t, first, 16)
	require.Len(t, last, 16)
}

func TestKVStreamRefusesTooSmall(t *testing.T) {
	for _, size := range []int{-1, 0, 1, 3, MinKVSize - 1} {
		tx, err := KVStream{Size: size}.Next(context.Background())
		require.ErrorContains(t, err, "at least 16", "size %d", size)
		require.Nil(t, tx)
	}
}

func TestKVStreamRefusedChangesNothing(t *testing.T) {
	s := KVStream{Size: 40}
	s.Refused("")
	require.Equal(t, KVStream{Size: 40}, s)
	tx, err := s.Next(context.Background())
	require.NoError(t, err)
	checkKV(t, tx, 40)
}

const testChainID = "medchain-test"

// signer is a client that signs offline (Sign makes no call: its gRPC
// connection may be nil) and an account of an in-memory keyring.
func signer(t *testing.T) (*medclient.Client, medclient.Account, cryptotypes.PubKey) {
	t.Helper()
	c := medclient.New(nil, testChainID)
	kr := keyring.NewInMemory(app.MakeEncodingConfig().Codec)
	rec, _, err := kr.NewMnemonic("load", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	acc, err := medclient.NewAccount(kr, "load")
	require.NoError(t, err)
	pub, err := rec.GetPubKey()
	require.NoError(t, err)
	return c, acc, pub
}

// sends builds the i-th transaction as a send of i+1 to a fixed address, and
// notes which i it was asked for.
func sends(from sdk.AccAddress, asked *[]uint64) func(uint64) []sdk.Msg {
	to := sdk.AccAddress(make([]byte, 20))
	return func(i uint64) []sdk.Msg {
		*asked = append(*asked, i)
		return []sdk.Msg{banktypes.NewMsgSend(from, to, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, int64(i+1))))}
	}
}

// signed is what a signed transaction says: its sequence and its send's amount.
type signed struct {
	seq    uint64
	amount int64
}

// decode reads tx's signature and message, and checks the signature is
// pub's over the transaction at accNum on the test chain.
func decode(t *testing.T, bz []byte, pub cryptotypes.PubKey, accNum uint64) signed {
	t.Helper()
	enc := app.MakeEncodingConfig()
	banktypes.RegisterInterfaces(enc.InterfaceRegistry)
	tx, err := enc.TxConfig.TxDecoder()(bz)
	require.NoError(t, err)
	sigs, err := tx.(authsigning.SigVerifiableTx).GetSignaturesV2()
	require.NoError(t, err)
	require.Len(t, sigs, 1)
	require.True(t, pub.Equals(sigs[0].PubKey))
	msgs := tx.GetMsgs()
	require.Len(t, msgs, 1)

	var raw txtypes.TxRaw
	require.NoError(t, raw.Unmarshal(bz))
	doc := txtypes.SignDoc{BodyBytes: raw.BodyBytes, AuthInfoBytes: raw.AuthInfoBytes, ChainId: testChainID, AccountNumber: accNum}
	signBytes, err := doc.Marshal()
	require.NoError(t, err)
	require.True(t, pub.VerifySignature(signBytes, raw.Signatures[0]), "signed at account %d on %s", accNum, testChainID)
	doc.AccountNumber++
	other, err := doc.Marshal()
	require.NoError(t, err)
	require.False(t, pub.VerifySignature(other, raw.Signatures[0]), "the account number is signed")

	return signed{seq: sigs[0].Sequence, amount: msgs[0].(*banktypes.MsgSend).Amount.AmountOf(app.BondDenom).Int64()}
}

func TestSignedStreamPresignsInOrder(t *testing.T) {
	c, acc, pub := signer(t)
	var asked []uint64
	s := NewSignedStream(c, acc, 42, 7, sends(acc.Address, &asked))
	ctx := context.Background()
	require.Zero(t, s.Waiting())

	require.NoError(t, s.Presign(ctx, 3))
	require.Equal(t, 3, s.Waiting())
	require.NoError(t, s.Presign(ctx, 2), "already enough")
	require.Equal(t, 3, s.Waiting())
	require.NoError(t, s.Presign(ctx, 5))
	require.Equal(t, 5, s.Waiting())
	require.Equal(t, []uint64{0, 1, 2, 3, 4}, asked, "each message built once, in order")

	for i := 0; i < 5; i++ {
		bz, err := s.Next(ctx)
		require.NoError(t, err)
		require.Equal(t, signed{seq: 7 + uint64(i), amount: int64(i + 1)}, decode(t, bz, pub, 42))
		require.Equal(t, 4-i, s.Waiting())
	}
	// Nothing waits: Next signs the next one itself.
	bz, err := s.Next(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(12), decode(t, bz, pub, 42).seq)
	require.Zero(t, s.Waiting())
}

func TestSignedStreamResignsFromTheRefusedSequence(t *testing.T) {
	c, acc, pub := signer(t)
	var asked []uint64
	s := NewSignedStream(c, acc, 3, 100, sends(acc.Address, &asked))
	ctx := context.Background()
	require.NoError(t, s.Presign(ctx, 6))

	next := func() signed {
		t.Helper()
		bz, err := s.Next(ctx)
		require.NoError(t, err)
		return decode(t, bz, pub, 3)
	}
	require.Equal(t, uint64(100), next().seq)
	require.Equal(t, uint64(101), next().seq)
	refused := next()
	require.Equal(t, uint64(102), refused.seq)

	s.Refused("")
	require.Zero(t, s.Waiting(), "what was signed after the refused one carries a sequence the chain will not take")
	again := next()
	require.Equal(t, uint64(102), again.seq, "the refused one's sequence is taken again")
	require.NotEqual(t, refused.amount, again.amount, "by the next message, not the refused one")
	require.Equal(t, uint64(103), next().seq)

	// Refused twice in a row: the same sequence a third time.
	require.NoError(t, s.Presign(ctx, 4))
	last := next()
	require.Equal(t, uint64(104), last.seq)
	s.Refused("")
	require.Equal(t, uint64(104), next().seq)
	s.Refused("")
	require.NoError(t, s.Presign(ctx, 2))
	require.Equal(t, 2, s.Waiting())
	require.Equal(t, uint64(104), next().seq)
	require.Equal(t, uint64(105), next().seq)

	for i := 1; i < len(asked); i++ {
		require.Equal(t, asked[i-1]+1, asked[i], "messages are built once each, in order")
	}
}

func TestSignedStreamFailsWithoutItsKey(t *testing.T) {
	c, acc, _ := signer(t)
	acc.Name = "not in the keyring"
	var asked []uint64
	s := NewSignedStream(c, acc, 1, 0, sends(acc.Address, &asked))
	require.Error(t, s.Presign(context.Background(), 2))
	require.Zero(t, s.Waiting())
	bz, err := s.Next(context.Background())
	require.Error(t, err)
	require.Nil(t, bz)
}

func TestSignedStreamPaysTheClientsFee(t *testing.T) {
	c, acc, _ := signer(t)
	c.Gas = 123_456
	var asked []uint64
	s := NewSignedStream(c, acc, 1, 0, sends(acc.Address, &asked))
	bz, err := s.Next(context.Background())
	require.NoError(t, err)
	enc := app.MakeEncodingConfig()
	banktypes.RegisterInterfaces(enc.InterfaceRegistry)
	tx, err := enc.TxConfig.TxDecoder()(bz)
	require.NoError(t, err)
	fee := tx.(sdk.FeeTx)
	require.Equal(t, uint64(123_456), fee.GetGas())
	require.Equal(t, medclient.FeeFor(123_456, c.GasPrice), fee.GetFee())
	require.True(t, fee.GetFee().IsAllPositive())
}
