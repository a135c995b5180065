// Package client is medchain's Go client for integrators — EHR vendors, data
// gateways, patient apps — over gRPC: it builds a transaction, signs it with
// SIGN_MODE_DIRECT, broadcasts it with BroadcastTx, waits until a block
// includes it and decodes the typed result and events. Every refusal comes
// back as a *TxError carrying medchain's error code, so callers act on it
// with errors.Is (errors.Is(err, consenttypes.ErrGrantNotFound)).
package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"google.golang.org/grpc"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/internal/modulekit"
)

// Defaults of a new Client.
const (
	// DefaultGas is the gas limit of a transaction: enough for any one
	// medchain message and a few more.
	DefaultGas = 300_000
	// DefaultPoll is how often WaitTx asks whether a block includes the transaction.
	DefaultPoll = 250 * time.Millisecond
	// DefaultWait is how long Submit waits for inclusion.
	DefaultWait = 30 * time.Second
	// DefaultRetries is how many times Submit tries again after a refusal
	// worth a retry (a full mempool, a sequence taken) or a wait that saw
	// no block include the transaction; DefaultBackoff the first pause
	// before it does (about a block), doubled at each retry.
	DefaultRetries = 3
	DefaultBackoff = time.Second
)

// Client submits transactions to, and queries, one medchain node over gRPC.
type Client struct {
	conn    *grpc.ClientConn
	enc     app.EncodingConfig
	chainID string

	// Gas is each transaction's gas limit; GasPrice what it pays per gas.
	Gas      uint64
	GasPrice sdk.DecCoins
	// Poll and Wait pace and bound Submit's wait for inclusion.
	Poll, Wait time.Duration
	// Retries and Backoff: see DefaultRetries. Retries 0 returns the
	// first refusal.
	Retries int
	Backoff time.Duration
}

// DefaultGasPrice is the minimum gas price a node asks by default.
var DefaultGasPrice = func() sdk.DecCoins {
	price, err := sdk.ParseDecCoins(app.DefaultMinGasPrices)
	if err != nil {
		panic(err) // a constant of the app
	}
	return price
}()

// New is a client on conn for the chain chainID. It sets the SDK's address
// prefixes to medchain's (med1…), as every medchain program must.
func New(conn *grpc.ClientConn, chainID string) *Client {
	modulekit.SetAddressPrefixes()
	return &Client{conn: conn, enc: app.MakeEncodingConfig(), chainID: chainID, Gas: DefaultGas, GasPrice: DefaultGasPrice, Poll: DefaultPoll, Wait: DefaultWait,
		Retries: DefaultRetries, Backoff: DefaultBackoff}
}

// Dial is a client on the node at target (host:port of its gRPC server),
// for the chain the node reports.
func Dial(ctx context.Context, target string, opts ...grpc.DialOption) (*Client, error) {
	conn, err := grpc.NewClient(target, opts...)
	if err != nil {
		return nil, err
	}
	info, err := cmtservice.NewServiceClient(conn).GetNodeInfo(ctx, &cmtservice.GetNodeInfoRequest{})
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("node info from %s: %w", target, err)
	}
	if info.DefaultNodeInfo == nil || info.DefaultNodeInfo.Network == "" {
		_ = conn.Close()
		return nil, errors.New("the node did not report its chain ID")
	}
	return New(conn, info.DefaultNodeInfo.Network), nil
}

// Conn is the gRPC connection, for the modules' query clients
// (recordstypes.NewQueryClient(c.Conn()), …).
func (c *Client) Conn() *grpc.ClientConn { return c.conn }

// ChainID is the chain the client signs for.
func (c *Client) ChainID() string { return c.chainID }

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Fee is what a transaction of c.Gas pays at c.GasPrice.
func (c *Client) Fee() sdk.Coins { return FeeFor(c.Gas, c.GasPrice) }

// FeeFor is what gas costs at price, rounded up.
func FeeFor(gas uint64, price sdk.DecCoins) sdk.Coins {
	out := sdk.NewCoins()
	for _, p := range price {
		out = out.Add(sdk.NewCoin(p.Denom, p.Amount.MulInt(sdkmath.NewIntFromUint64(gas)).Ceil().TruncateInt()))
	}
	return out
}
