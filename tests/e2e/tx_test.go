package e2e

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// signer signs transactions with one key of a keyring, as an integrator's
// service does, and submits them over gRPC.
type signer struct {
	kr   keyring.Keyring
	name string
	addr sdk.AccAddress
}

func newSigner(t *testing.T, kr keyring.Keyring, name string) signer {
	rec, err := kr.Key(name)
	require.NoError(t, err)
	addr, err := rec.GetAddress()
	require.NoError(t, err)
	return signer{kr: kr, name: name, addr: addr}
}

// broadcast signs msgs and submits them with BroadcastTx (sync mode). An
// account the chain does not know signs with account number 0, sequence 0.
func (n *localnet) broadcast(ctx context.Context, conn *grpc.ClientConn, s signer, msgs ...sdk.Msg) *sdk.TxResponse {
	t := n.t
	var accNum, seq uint64
	info, err := authtypes.NewQueryClient(conn).AccountInfo(ctx, &authtypes.QueryAccountInfoRequest{Address: s.addr.String()})
	switch {
	case err == nil:
		accNum, seq = info.Info.AccountNumber, info.Info.Sequence
	case status.Code(err) != codes.NotFound:
		require.NoError(t, err)
	}
	txf := tx.Factory{}.
		WithChainID(chainID).
		WithKeybase(s.kr).
		WithTxConfig(n.enc.TxConfig).
		WithAccountNumber(accNum).
		WithSequence(seq).
		WithGas(300_000).
		WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	builder, err := txf.BuildUnsignedTx(msgs...)
	require.NoError(t, err)
	require.NoError(t, tx.Sign(ctx, txf, s.name, builder, true))
	bz, err := n.enc.TxConfig.TxEncoder()(builder.GetTx())
	require.NoError(t, err)
	res, err := txtypes.NewServiceClient(conn).BroadcastTx(ctx, &txtypes.BroadcastTxRequest{
		TxBytes: bz, Mode: txtypes.BroadcastMode_BROADCAST_MODE_SYNC,
	})
	require.NoError(t, err)
	return res.TxResponse
}

// waitTx waits until the transaction is in a block and returns its result.
func (n *localnet) waitTx(ctx context.Context, conn *grpc.ClientConn, hash string) *sdk.TxResponse {
	svc := txtypes.NewServiceClient(conn)
	var out *sdk.TxResponse
	waitFor(n.t, 30*time.Second, "tx "+hash+" in a block", func() bool {
		res, err := svc.GetTx(ctx, &txtypes.GetTxRequest{Hash: hash})
		if err != nil {
			if status.Code(err) != codes.NotFound && !errors.Is(err, context.DeadlineExceeded) {
				n.t.Logf("GetTx: %v", err)
			}
			return false
		}
		out = res.TxResponse
		return true
	})
	return out
}
