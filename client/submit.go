package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Account is a key that signs: a keyring entry (an HSM- or file-backed
// keyring in production, an in-memory one in tests) and, optionally, the
// member that pays its fees through a fee allowance.
type Account struct {
	Keyring    keyring.Keyring
	Name       string
	Address    sdk.AccAddress
	FeeGranter sdk.AccAddress
}

// NewAccount is the keyring entry name as an Account.
func NewAccount(kr keyring.Keyring, name string) (Account, error) {
	rec, err := kr.Key(name)
	if err != nil {
		return Account{}, err
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return Account{}, err
	}
	return Account{Keyring: kr, Name: name, Address: addr}, nil
}

// Sequence is an account's number and next sequence, as the node knows them
// (0, 0 for an account the chain does not know yet).
func (c *Client) Sequence(ctx context.Context, addr sdk.AccAddress) (accountNumber, sequence uint64, err error) {
	info, err := authtypes.NewQueryClient(c.conn).AccountInfo(ctx, &authtypes.QueryAccountInfoRequest{Address: addr.String()})
	if status.Code(err) == codes.NotFound {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	return info.Info.AccountNumber, info.Info.Sequence, nil
}

// Sign builds msgs into a transaction of c.Gas paying fees (c.Fee() pays
// the nodes' default price), signed by acc with SIGN_MODE_DIRECT at the
// given account number and sequence, and returns its bytes.
func (c *Client) Sign(ctx context.Context, acc Account, accountNumber, sequence uint64, fees sdk.Coins, msgs ...sdk.Msg) ([]byte, error) {
	txf := tx.Factory{}.
		WithChainID(c.chainID).
		WithKeybase(acc.Keyring).
		WithTxConfig(c.enc.TxConfig).
		WithAccountNumber(accountNumber).
		WithSequence(sequence).
		WithGas(c.Gas).
		WithFees(fees.String()).
		WithFeeGranter(acc.FeeGranter).
		WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	builder, err := txf.BuildUnsignedTx(msgs...)
	if err != nil {
		return nil, err
	}
	if err := tx.Sign(ctx, txf, acc.Name, builder, true); err != nil {
		return nil, err
	}
	return c.enc.TxConfig.TxEncoder()(builder.GetTx())
}

// Broadcast submits signed transaction bytes (BroadcastTx, sync mode) and
// returns CheckTx's answer: a code other than 0 means the transaction was
// refused before the mempool and is not on its way to any block.
func (c *Client) Broadcast(ctx context.Context, txBytes []byte) (*sdk.TxResponse, error) {
	res, err := txtypes.NewServiceClient(c.conn).BroadcastTx(ctx, &txtypes.BroadcastTxRequest{
		TxBytes: txBytes, Mode: txtypes.BroadcastMode_BROADCAST_MODE_SYNC,
	})
	if err != nil {
		return nil, err
	}
	return res.TxResponse, nil
}

// WaitTx waits until a block includes the transaction and returns its
// result (whatever its code), or fails when ctx ends or c.Wait passes.
func (c *Client) WaitTx(ctx context.Context, hash string) (*sdk.TxResponse, error) {
	ctx, cancel := context.WithTimeout(ctx, c.Wait)
	defer cancel()
	svc := txtypes.NewServiceClient(c.conn)
	tick := time.NewTicker(c.Poll)
	defer tick.Stop()
	for {
		res, err := svc.GetTx(ctx, &txtypes.GetTxRequest{Hash: hash})
		if err == nil {
			return res.TxResponse, nil
		}
		if ctx.Err() != nil || status.Code(err) == codes.DeadlineExceeded {
			return nil, fmt.Errorf("tx %s not in a block after %s: %w", hash, c.Wait, ErrNotIncluded)
		}
		if code := status.Code(err); code != codes.NotFound && code != codes.Unavailable {
			return nil, fmt.Errorf("tx %s: %w", hash, err)
		}
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
}

// Submit signs msgs with acc at its current sequence, broadcasts them and
// waits until a block includes them. It returns the result of a
// transaction that succeeded, or a *TxError for one refused by CheckTx or
// failed in its block (nothing of it applies then).
//
// A refusal worth a retry (TxError.Retry: the node's mempool is full, or
// the sequence was taken) is tried again after c.Backoff, doubling, up to
// c.Retries times, signed afresh at the sequence the node then reports.
// A transaction no block included within c.Wait is broadcast again as the
// same bytes (one copy at most can be included: the second is refused as
// a used sequence, which then means the first was), within the same
// retries; after them Submit returns ErrNotIncluded. Nothing is dropped
// without the caller being told.
func (c *Client) Submit(ctx context.Context, acc Account, msgs ...sdk.Msg) (*Result, error) {
	var (
		bz      []byte
		lastErr error
	)
	backoff := c.Backoff
	for attempt := 0; attempt <= c.Retries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(backoff):
			}
			backoff *= 2
		}
		if bz == nil {
			num, seq, err := c.Sequence(ctx, acc.Address)
			if err != nil {
				return nil, err
			}
			if bz, err = c.Sign(ctx, acc, num, seq, c.Fee(), msgs...); err != nil {
				return nil, err
			}
		}
		res, err := c.submitOnce(ctx, bz)
		var txErr *TxError
		switch {
		case err == nil:
			return res, nil
		case errors.As(err, &txErr) && txErr.Stage == StageCheck && txErr.Retry():
			if errors.Is(err, sdkerrors.ErrWrongSequence) && lastErr != nil && errors.Is(lastErr, ErrNotIncluded) {
				// The copy broadcast before is taken: it was included after all.
				return c.included(ctx, bz)
			}
			bz = nil // sign again, at the sequence the node reports then
		case errors.Is(err, ErrNotIncluded):
			// broadcast the same bytes again
		default:
			return nil, err
		}
		lastErr = err
	}
	return nil, lastErr
}

// submitOnce broadcasts bz and waits for its block.
func (c *Client) submitOnce(ctx context.Context, bz []byte) (*Result, error) {
	checked, err := c.Broadcast(ctx, bz)
	if err != nil {
		return nil, err
	}
	if checked.Code != 0 {
		return nil, txError(StageCheck, checked)
	}
	return c.included(ctx, bz)
}

// included waits for the block that includes bz and returns its result.
func (c *Client) included(ctx context.Context, bz []byte) (*Result, error) {
	included, err := c.WaitTx(ctx, TxHash(bz))
	if err != nil {
		return nil, err
	}
	if included.Code != 0 {
		return nil, txError(StageBlock, included)
	}
	return &Result{TxResponse: included}, nil
}

// TxHash is a transaction's hash as nodes name it (upper-case hex).
func TxHash(bz []byte) string { return fmt.Sprintf("%X", cmttypes.Tx(bz).Hash()) }

// Simulate runs signed transaction bytes against the node's latest state
// without committing them and returns the gas they use.
func (c *Client) Simulate(ctx context.Context, txBytes []byte) (uint64, error) {
	res, err := txtypes.NewServiceClient(c.conn).Simulate(ctx, &txtypes.SimulateRequest{TxBytes: txBytes})
	if err != nil {
		return 0, err
	}
	return res.GasInfo.GasUsed, nil
}
