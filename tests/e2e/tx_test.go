package e2e

import (
	"context"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	medclient "github.com/medchain/medchain/client"
)

// txGas is the gas every test transaction asks for.
const txGas = 300_000

// signer signs transactions with one key of a keyring, as an integrator's
// service does, and submits them over gRPC. feeGranter, if set, pays.
type signer struct {
	kr         keyring.Keyring
	name       string
	addr       sdk.AccAddress
	feeGranter sdk.AccAddress
}

func newSigner(t testing.TB, kr keyring.Keyring, name string) signer {
	rec, err := kr.Key(name)
	require.NoError(t, err)
	addr, err := rec.GetAddress()
	require.NoError(t, err)
	return signer{kr: kr, name: name, addr: addr}
}

// newKey makes a new key in an in-memory keyring, as a patient's app or a
// hospital's key service does.
func (n *localnet) newKey(t testing.TB, name string) signer {
	kr := keyring.NewInMemory(n.enc.Codec)
	_, _, err := kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	return newSigner(t, kr, name)
}

// fee pays for gas at the nodes' default minimum gas price.
func fee(gas uint64) sdk.Coins { return medclient.FeeFor(gas, medclient.DefaultGasPrice) }

// account returns the integrator client's Account of s.
func (s signer) account() medclient.Account {
	return medclient.Account{Keyring: s.kr, Name: s.name, Address: s.addr, FeeGranter: s.feeGranter}
}

// client is the integrator client (package client) on conn.
func (n *localnet) client(conn *grpc.ClientConn) *medclient.Client {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.clients == nil {
		n.clients = map[*grpc.ClientConn]*medclient.Client{}
	}
	c, ok := n.clients[conn]
	if !ok {
		c = medclient.New(conn, n.cfg.chainID)
		c.Gas = txGas
		n.clients[conn] = c
	}
	return c
}

// account returns s's account number and sequence as node conn sees them
// (0, 0 for an account the chain does not know).
func (n *localnet) account(ctx context.Context, t testing.TB, conn *grpc.ClientConn, addr sdk.AccAddress) (uint64, uint64) {
	num, seq, err := n.client(conn).Sequence(ctx, addr)
	require.NoError(t, err)
	return num, seq
}

// sign builds and signs msgs (SIGN_MODE_DIRECT) with a fee for txGas.
func (n *localnet) sign(ctx context.Context, t testing.TB, s signer, accNum, seq uint64, msgs ...sdk.Msg) []byte {
	return n.signWith(ctx, t, s, accNum, seq, fee(txGas), msgs...)
}

// signWith builds and signs msgs with the given fee (nil: none).
func (n *localnet) signWith(ctx context.Context, t testing.TB, s signer, accNum, seq uint64, fees sdk.Coins, msgs ...sdk.Msg) []byte {
	bz, err := n.client(n.conn(0)).Sign(ctx, s.account(), accNum, seq, fees, msgs...)
	require.NoError(t, err)
	return bz
}

// broadcast signs msgs with s's current sequence and submits them with
// BroadcastTx (sync mode): the answer is CheckTx's.
func (n *localnet) broadcast(ctx context.Context, t testing.TB, conn *grpc.ClientConn, s signer, msgs ...sdk.Msg) *sdk.TxResponse {
	t.Helper()
	accNum, seq := n.account(ctx, t, conn, s.addr)
	res, err := n.client(conn).Broadcast(ctx, n.sign(ctx, t, s, accNum, seq, msgs...))
	require.NoError(t, err)
	return res
}

// waitTx waits until the transaction is in a block and returns its result.
func (n *localnet) waitTx(ctx context.Context, t testing.TB, conn *grpc.ClientConn, hash string) *sdk.TxResponse {
	t.Helper()
	res, err := n.client(conn).WaitTx(ctx, hash)
	require.NoError(t, err)
	return res
}

// unpackResponse decodes the first message response of a committed transaction.
func unpackResponse(res *sdk.TxResponse, out gogoproto.Message) error {
	return (&medclient.Result{TxResponse: res}).MsgResponse(0, out)
}

// deliver broadcasts msgs signed by s and waits until they succeed in a
// block, as an integrator does with the client's Submit.
func (n *localnet) deliver(ctx context.Context, t testing.TB, conn *grpc.ClientConn, s signer, msgs ...sdk.Msg) *sdk.TxResponse {
	t.Helper()
	res, err := n.client(conn).Submit(ctx, s.account(), msgs...)
	require.NoError(t, err)
	return res.TxResponse
}
