package client_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
	consenttypes "github.com/medchain/medchain/x/consent/types"
)

// sameCodeOtherSpace has the code of ErrWrongSequence in another codespace.
var sameCodeOtherSpace = errorsmod.Register("medchain-client-test", sdkerrors.ErrWrongSequence.ABCICode(), "another module's code 32")

// TxError matches registered errors by codespace and code only.
func TestTxErrorMatching(t *testing.T) {
	e := &medclient.TxError{Stage: medclient.StageCheck, Codespace: "sdk", Code: sdkerrors.ErrWrongSequence.ABCICode(), Log: "account sequence mismatch"}
	require.ErrorIs(t, e, sdkerrors.ErrWrongSequence)
	require.True(t, e.Retry(), "a taken sequence: sign again")
	require.NotErrorIs(t, e, sdkerrors.ErrInsufficientFee)
	require.False(t, e.Is(errors.New("account sequence mismatch")), "plain errors never match")
	require.NotErrorIs(t, e, sameCodeOtherSpace)

	granted := &medclient.Result{TxResponse: &sdk.TxResponse{Data: "zz"}}
	var out consenttypes.MsgGrantConsentResponse
	require.Error(t, granted.MsgResponse(0, &out), "not hex")
	require.Empty(t, (&medclient.Result{TxResponse: &sdk.TxResponse{}}).Events())
}

// failing answers every call with a gRPC error of code.
type failing struct {
	txtypes.UnimplementedServiceServer
	authtypes.UnimplementedQueryServer
	code codes.Code
}

func (f *failing) AccountInfo(context.Context, *authtypes.QueryAccountInfoRequest) (*authtypes.QueryAccountInfoResponse, error) {
	return nil, status.Error(f.code, "store failure")
}

func (f *failing) GetTx(context.Context, *txtypes.GetTxRequest) (*txtypes.GetTxResponse, error) {
	return nil, status.Error(f.code, "store failure")
}

type noChain struct {
	cmtservice.UnimplementedServiceServer
}

func (*noChain) GetNodeInfo(context.Context, *cmtservice.GetNodeInfoRequest) (*cmtservice.GetNodeInfoResponse, error) {
	return &cmtservice.GetNodeInfoResponse{}, nil
}

// serve starts an in-memory gRPC server and returns the options that dial it.
func serve(t *testing.T, register func(*grpc.Server)) []grpc.DialOption {
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	register(srv)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return []grpc.DialOption{
		grpc.WithContextDialer(func(context.Context, string) (net.Conn, error) { return lis.Dial() }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	}
}

// Errors that are not "not there yet" come back at once, with their code.
func TestNodeErrorsComeBack(t *testing.T) {
	conn, err := grpc.NewClient("passthrough:///bufnet", serve(t, func(s *grpc.Server) {
		f := &failing{code: codes.Internal}
		txtypes.RegisterServiceServer(s, f)
		authtypes.RegisterQueryServer(s, f)
	})...)
	require.NoError(t, err)
	c := medclient.New(conn, "medchain-test")
	defer c.Close()
	acc := newAccount(t)
	_, _, err = c.Sequence(t.Context(), acc.Address)
	require.Equal(t, codes.Internal, status.Code(err))
	_, err = c.Submit(t.Context(), acc, grantMsg(acc.Address))
	require.Equal(t, codes.Internal, status.Code(err), "no transaction is signed on a failed account read")
	_, err = c.WaitTx(t.Context(), "AB12")
	require.Equal(t, codes.Internal, status.Code(errors.Unwrap(err)))
	require.ErrorContains(t, err, "tx AB12")

	_, err = medclient.Dial(t.Context(), "passthrough:///bufnet", serve(t, func(s *grpc.Server) { cmtservice.RegisterServiceServer(s, &noChain{}) })...)
	require.ErrorContains(t, err, "the node did not report its chain ID")
	_, err = medclient.Dial(t.Context(), "passthrough:///bufnet", serve(t, func(*grpc.Server) {})...)
	require.ErrorContains(t, err, "node info from passthrough:///bufnet")
}

// Sign pays exactly the fee it is given (none at all, if so) and refuses a
// key its keyring does not hold.
func TestSignFeesAndKeys(t *testing.T) {
	c := medclient.New(nil, "medchain-test")
	acc := newAccount(t)
	enc := app.MakeEncodingConfig()
	consenttypes.RegisterInterfaces(enc.InterfaceRegistry)
	for _, fees := range []sdk.Coins{sdk.NewCoins(), c.Fee(), sdk.NewCoins(sdk.NewInt64Coin("umed", 7))} {
		bz, err := c.Sign(t.Context(), acc, 3, 9, fees, grantMsg(acc.Address))
		require.NoError(t, err)
		tx, err := enc.TxConfig.TxDecoder()(bz)
		require.NoError(t, err)
		require.True(t, fees.Equal(tx.(sdk.FeeTx).GetFee()), "%s", fees)
	}
	acc.Name = "nobody"
	_, err := c.Sign(t.Context(), acc, 3, 9, c.Fee(), grantMsg(acc.Address))
	require.Error(t, err)
	_, err = medclient.NewAccount(acc.Keyring, "nobody")
	require.Error(t, err)
}

// A client speaks medchain's addresses (med1…) from the start, and reports
// what it was built with.
func TestNewClient(t *testing.T) {
	c := medclient.New(nil, "medchain-test")
	require.Equal(t, "medchain-test", c.ChainID())
	require.Nil(t, c.Conn())
	require.True(t, strings.HasPrefix(sdk.AccAddress(make([]byte, 20)).String(), "med1"))
	require.EqualValues(t, medclient.DefaultGas, c.Gas)
	require.Equal(t, medclient.DefaultPoll, c.Poll)
	require.Equal(t, medclient.DefaultWait, c.Wait)
	require.Equal(t, medclient.FeeFor(medclient.DefaultGas, medclient.DefaultGasPrice), c.Fee())
}
