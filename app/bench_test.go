package app_test

import (
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/app"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// mustOK fails unless every transaction succeeded, and returns their total gas.
func mustOK(b testing.TB, res []*abci.ExecTxResult) int64 {
	b.Helper()
	var gas int64
	for i, r := range res {
		if r.Code != 0 {
			b.Fatalf("tx %d: code %d: %s", i, r.Code, r.Log)
		}
		gas += r.GasUsed
	}
	return gas
}

// BenchmarkFullBlock fills blocks to the genesis gas limit with record
// anchors from one signer and reports the time to execute and commit each
// (FinalizeBlock + Commit, in-memory store), and the gas rate. The block gas
// limit must leave a full block well inside the 1 s block time.
//
//	go test -run '^$' -bench FullBlock -benchtime 3x ./app
func BenchmarkFullBlock(b *testing.B) {
	c := newTestChain(b, secp256k1.GenPrivKey())
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address())
	acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), member)
	const gasPerAnchor = 76_000 // measured: one anchor from a member's operator
	perBlock := app.DefaultBlockMaxGas / gasPerAnchor
	var seq uint64
	var total time.Duration
	var gas int64
	for b.Loop() {
		txs := make([][]byte, perBlock)
		for i := range txs {
			txs[i] = c.buildTx(c.member, acc.GetAccountNumber(), seq, nil, nil, &recordstypes.MsgAnchorRecord{
				Signer: member.String(), RecordId: fmt.Sprintf("%032x", seq), Category: recordstypes.Category_CATEGORY_LAB,
				Patient:     sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address()).String(),
				ContentHash: &recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)},
				Uri:         "https://fhir.example/r",
			})
			seq++
		}
		start := time.Now()
		gas += mustOK(b, c.block(txs...))
		total += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(float64(total.Milliseconds())/n, "ms/block")
	b.ReportMetric(float64(perBlock), "txs/block")
	b.ReportMetric(float64(gas)/total.Seconds()/1e6, "Mgas/s")
	b.Logf("full block (%d anchors, %d gas limit): %.0f ms to execute and commit, %.0f Mgas/s",
		perBlock, app.DefaultBlockMaxGas, float64(total.Milliseconds())/n, float64(gas)/total.Seconds()/1e6)
}
