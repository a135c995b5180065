package e2e

import (
	"context"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/app"
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
func fee(gas uint64) sdk.Coins {
	prices, err := sdk.ParseDecCoins(app.DefaultMinGasPrices)
	if err != nil {
		panic(err)
	}
	out := sdk.NewCoins()
	for _, p := range prices {
		out = out.Add(sdk.NewCoin(p.Denom, p.Amount.MulInt(sdkmath.NewIntFromUint64(gas)).Ceil().TruncateInt()))
	}
	return out
}

// account returns s's account number and sequence as node conn sees them
// (0, 0 for an account the chain does not know).
func (n *localnet) account(ctx context.Context, t testing.TB, conn *grpc.ClientConn, addr sdk.AccAddress) (uint64, uint64) {
	info, err := authtypes.NewQueryClient(conn).AccountInfo(ctx, &authtypes.QueryAccountInfoRequest{Address: addr.String()})
	if status.Code(err) == codes.NotFound {
		return 0, 0
	}
	require.NoError(t, err)
	return info.Info.AccountNumber, info.Info.Sequence
}

// sign builds and signs msgs (SIGN_MODE_DIRECT) with a fee for txGas.
func (n *localnet) sign(ctx context.Context, t testing.TB, s signer, accNum, seq uint64, msgs ...sdk.Msg) []byte {
	return n.signWith(ctx, t, s, accNum, seq, fee(txGas), msgs...)
}

// signWith builds and signs msgs with the given fee (nil: none).
func (n *localnet) signWith(ctx context.Context, t testing.TB, s signer, accNum, seq uint64, fees sdk.Coins, msgs ...sdk.Msg) []byte {
	txf := tx.Factory{}.
		WithChainID(n.cfg.chainID).
		WithKeybase(s.kr).
		WithTxConfig(n.enc.TxConfig).
		WithAccountNumber(accNum).
		WithSequence(seq).
		WithGas(txGas).
		WithFees(fees.String()).
		WithFeeGranter(s.feeGranter).
		WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	builder, err := txf.BuildUnsignedTx(msgs...)
	require.NoError(t, err)
	require.NoError(t, tx.Sign(ctx, txf, s.name, builder, true))
	bz, err := n.enc.TxConfig.TxEncoder()(builder.GetTx())
	require.NoError(t, err)
	return bz
}

// broadcast signs msgs with s's current sequence and submits them with
// BroadcastTx (sync mode): the answer is CheckTx's.
func (n *localnet) broadcast(ctx context.Context, t testing.TB, conn *grpc.ClientConn, s signer, msgs ...sdk.Msg) *sdk.TxResponse {
	t.Helper()
	accNum, seq := n.account(ctx, t, conn, s.addr)
	res, err := submit(ctx, conn, n.sign(ctx, t, s, accNum, seq, msgs...))
	require.NoError(t, err)
	return res
}

// submit sends signed transaction bytes with BroadcastTx (sync mode).
func submit(ctx context.Context, conn *grpc.ClientConn, bz []byte) (*sdk.TxResponse, error) {
	res, err := txtypes.NewServiceClient(conn).BroadcastTx(ctx, &txtypes.BroadcastTxRequest{
		TxBytes: bz, Mode: txtypes.BroadcastMode_BROADCAST_MODE_SYNC,
	})
	if err != nil {
		return nil, err
	}
	return res.TxResponse, nil
}

// waitTx waits until the transaction is in a block and returns its result.
func (n *localnet) waitTx(ctx context.Context, t testing.TB, conn *grpc.ClientConn, hash string) *sdk.TxResponse {
	t.Helper()
	svc := txtypes.NewServiceClient(conn)
	var out *sdk.TxResponse
	waitFor(t, 30*time.Second, "tx "+hash+" in a block", func() bool {
		res, err := svc.GetTx(ctx, &txtypes.GetTxRequest{Hash: hash})
		if err != nil {
			if status.Code(err) != codes.NotFound && !errors.Is(err, context.DeadlineExceeded) {
				t.Logf("GetTx: %v", err)
			}
			return false
		}
		out = res.TxResponse
		return true
	})
	return out
}

// unpackResponse decodes the first message response of a committed transaction.
func unpackResponse(res *sdk.TxResponse, out gogoproto.Message) error {
	bz, err := hex.DecodeString(res.Data)
	if err != nil {
		return err
	}
	var data sdk.TxMsgData
	if err := data.Unmarshal(bz); err != nil {
		return err
	}
	if len(data.MsgResponses) == 0 {
		return errors.New("no message response")
	}
	return gogoproto.Unmarshal(data.MsgResponses[0].Value, out)
}

// deliver broadcasts msgs signed by s and waits until they succeed in a block.
func (n *localnet) deliver(ctx context.Context, t testing.TB, conn *grpc.ClientConn, s signer, msgs ...sdk.Msg) *sdk.TxResponse {
	t.Helper()
	res := n.broadcast(ctx, t, conn, s, msgs...)
	require.Zero(t, res.Code, res.RawLog)
	included := n.waitTx(ctx, t, conn, res.TxHash)
	require.Zero(t, included.Code, included.RawLog)
	return included
}
