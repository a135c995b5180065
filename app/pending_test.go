package app_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// flood signs n sends of 1, 2, ... tokens from the member to addr, at the
// member's next n sequences, without submitting any.
func (c *testChain) flood(addr sdk.AccAddress, n int) [][]byte {
	member := sdk.AccAddress(c.member.PubKey().Address())
	return signed(c, 0, n, func(int) cryptotypes.PrivKey { return c.member }, func(i int) sdk.Msg { return send(member, addr, int64(i+1)) })
}

// One signer cannot fill a node's mempool: past the cap its new
// transactions wait for a block, while everyone else's still get in.
func TestPendingTransactionsPerSigner(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey(), withAppOption(app.FlagMaxPendingPerSigner, 3))
	c.block()
	memberAddr := sdk.AccAddress(c.member.PubKey().Address())
	agentKey := secp256k1.GenPrivKey()
	agentAddr := sdk.AccAddress(agentKey.PubKey().Address())
	mustOK(t, c.block(c.tx(c.member, nil, nil,
		&consortiumtypes.MsgAddAgent{Operator: memberAddr.String(), Agent: agentAddr.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY},
		banktypes.NewMsgSend(memberAddr, agentAddr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000))))))
	mustOK(t, c.block(c.tx(agentKey, nil, nil, &consortiumtypes.MsgAcceptAgent{Agent: agentAddr.String(), Member: memberAddr.String()})))

	flood := c.flood(agentAddr, 5)
	for i := range 3 {
		res := c.checkTx(flood[i])
		require.Zero(t, res.Code, "transaction %d: %s", i, res.Log)
	}
	res := c.checkTx(flood[3])
	requireCode(t, sdkerrors.ErrMempoolIsFull, res.Codespace, res.Code, res.Log)
	require.Contains(t, res.Log, "3 transactions waiting")

	// Another signer is not held back.
	other := c.tx(agentKey, nil, nil, banktypes.NewMsgSend(agentAddr, memberAddr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1))))
	res = c.checkTx(other)
	require.Zero(t, res.Code, res.Log)

	// Once a block takes the first three, the flooder may go on.
	mustOK(t, c.block(flood[0], flood[1], flood[2], other))
	res = c.checkTx(flood[3])
	require.Zero(t, res.Code, res.Log)
}

// After a block that takes only some of a signer's waiting transactions,
// the cap counts from the new committed sequence: the mempool rechecks
// what it still holds (which must not count twice), and then the signer
// has exactly the room the block freed.
func TestPendingCapCountsFromTheLastBlock(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey(), withAppOption(app.FlagMaxPendingPerSigner, 3))
	c.block()
	flood := c.flood(sdk.AccAddress(c.member.PubKey().Address()), 6)
	for i := range 3 {
		require.Zero(t, c.checkTx(flood[i]).Code)
	}
	requireCode(t, sdkerrors.ErrMempoolIsFull, c.checkTx(flood[3]).Codespace, c.checkTx(flood[3]).Code, "")

	// The block takes one; the mempool rechecks the two it still holds.
	mustOK(t, c.block(flood[0]))
	for _, tx := range flood[1:3] {
		res := c.recheckTx(tx)
		require.Zero(t, res.Code, res.Log)
	}
	res := c.checkTx(flood[3])
	require.Zero(t, res.Code, "one block freed one place: %s", res.Log)
	res = c.checkTx(flood[4])
	requireCode(t, sdkerrors.ErrMempoolIsFull, res.Codespace, res.Code, res.Log)
	require.Contains(t, res.Log, "3 transactions waiting")

	// A replayed transaction the block already took is refused by its
	// sequence, not counted as waiting.
	res = c.checkTx(flood[0])
	requireCode(t, sdkerrors.ErrWrongSequence, res.Codespace, res.Code, res.Log)
}
