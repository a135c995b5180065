package app_test

import (
	"context"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

func TestSignerAllowlistRejectsNonMembers(t *testing.T) {
	stranger := secp256k1.GenPrivKey()
	c := newTestChain(t, stranger)
	c.block() // commit genesis so CheckTx sees it

	memberAddr := sdk.AccAddress(c.member.PubKey().Address())
	strangerAddr := sdk.AccAddress(stranger.PubKey().Address())
	strangerTx := c.signedTx(stranger, memberAddr, c.accountNumber(strangerAddr), 0)
	memberTx := c.signedTx(c.member, strangerAddr, c.accountNumber(memberAddr), 0)

	// CheckTx: the stranger's transaction never reaches the mempool; the
	// member's does. The stranger holds funds and signs correctly, so only the
	// allowlist turns it away.
	check, err := c.app.CheckTx(&abci.RequestCheckTx{Tx: strangerTx, Type: abci.CheckTxType_New})
	require.NoError(t, err)
	require.Equal(t, consortiumtypes.ModuleName, check.Codespace)
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), check.Code, check.Log)
	check, err = c.app.CheckTx(&abci.RequestCheckTx{Tx: memberTx, Type: abci.CheckTxType_New})
	require.NoError(t, err)
	require.Zero(t, check.Code, check.Log)

	// Block execution: a proposer that includes the stranger's transaction
	// anyway gets it rejected in FinalizeBlock too.
	results := c.block(strangerTx, memberTx)
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), results[0].Code, results[0].Log)
	require.Equal(t, consortiumtypes.ModuleName, results[0].Codespace)
	require.Zero(t, results[1].Code, results[1].Log)

	// Only the member's 1umed moved.
	ctx := c.app.NewContext(true)
	require.Equal(t, c.balance.AmountOf(app.BondDenom).AddRaw(1), c.app.BankKeeper.GetBalance(ctx, strangerAddr, app.BondDenom).Amount)
	require.Equal(t, c.balance.AmountOf(app.BondDenom).SubRaw(1), c.app.BankKeeper.GetBalance(ctx, memberAddr, app.BondDenom).Amount)
}

func TestPeerFilter(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	unknown := "00112233445566778899aabbccddeeff00112233"

	// Before the first block commits, genesis members answer.
	require.Zero(t, c.app.FilterPeerByID(c.nodeID).Code)
	require.Equal(t, consortiumtypes.ErrPeerNotAllowed.ABCICode(), c.app.FilterPeerByID(unknown).Code)

	// After it, committed state answers.
	c.block()
	require.Zero(t, c.app.FilterPeerByID(c.nodeID).Code)
	res := c.app.FilterPeerByID(unknown)
	require.Equal(t, consortiumtypes.ErrPeerNotAllowed.ABCICode(), res.Code)
	require.Contains(t, res.Log, unknown)
}

// A node that stopped and started again answers from the state it committed
// last, before it has committed anything new: it needs its peers to catch up.
func TestPeerFilterAfterRestart(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	c.block()
	c.block()
	unknown := "00112233445566778899aabbccddeeff00112233"

	c.restart()
	res := c.app.FilterPeerByID(c.nodeID)
	require.Zero(t, res.Code, "a registered peer refused after a restart: %s", res.Log)
	res = c.app.FilterPeerByID(unknown)
	require.Equal(t, consortiumtypes.ErrPeerNotAllowed.ABCICode(), res.Code, res.Log)

	// Through the ABCI query path CometBFT uses.
	q, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: "/p2p/filter/id/" + c.nodeID})
	require.NoError(t, err)
	require.Zero(t, q.Code, q.Log)

	// The restarted node goes on committing and answering.
	c.block()
	require.Zero(t, c.app.FilterPeerByID(c.nodeID).Code)
}
