package app_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
)

// A node whose mempool is nearly full refuses new transactions in CheckTx,
// where the sender sees it, instead of accepting them for CometBFT to drop
// silently; what it already holds is still rechecked and executed.
func TestMempoolKeepsRoom(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address())
	acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), member)
	send := func(seq uint64) []byte {
		return c.buildTx(c.member, acc.GetAccountNumber(), acc.GetSequence()+seq, nil, nil,
			banktypes.NewMsgSend(member, member, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, int64(seq+1)))))
	}
	first, second := send(0), send(1)

	// Never reported: everything is admitted.
	res := c.checkTx(first)
	require.Zero(t, res.Code, res.Log)

	// One below the limit (90 of 100): admitted.
	c.app.Mempool.Set(app.MempoolFullPercent-1, 100)
	res = c.checkTx(second)
	require.Zero(t, res.Code, res.Log)

	// At the limit: refused with "mempool is full", saying how full.
	c.app.Mempool.Set(app.MempoolFullPercent, 100)
	res = c.checkTx(send(2))
	requireCode(t, sdkerrors.ErrMempoolIsFull, res.Codespace, res.Code, res.Log)
	require.Contains(t, res.Log, "holds 90 transactions, its limit for new ones is 90")

	// What the mempool holds is executed and, after a block, rechecked
	// regardless.
	mustOK(t, c.block(first))
	res = c.recheckTx(second)
	require.Zero(t, res.Code, res.Log)
	mustOK(t, c.block(second))

	// Room again: admitted.
	c.app.Mempool.Set(0, 100)
	res = c.checkTx(send(2))
	require.Zero(t, res.Code, res.Log)
}
