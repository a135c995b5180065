package app_test

import (
	"fmt"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/medchain/medchain/app"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// BenchmarkGrantConsentVsSend executes, in one app and one run, blocks of
// bank MsgSend transactions and blocks of GrantConsent transactions (both
// signed with secp256k1, one signature each), alternating, and reports the
// execution time per transaction (FinalizeBlock + Commit) and gas of each,
// and their ratios.
//
//	go test -run '^$' -bench GrantConsentVsSend -benchtime 1x ./app
func BenchmarkGrantConsentVsSend(b *testing.B) {
	const rounds, perBlock, patients = 5, 100, 10
	for b.Loop() {
		c := newTestChain(b, secp256k1.GenPrivKey())
		c.block()
		member := sdk.AccAddress(c.member.PubKey().Address())

		// Patients with one record each, so they may sign.
		keys := make([]cryptotypes.PrivKey, patients)
		var anchors [][]byte
		for i := range keys {
			keys[i] = secp256k1.GenPrivKey()
			hash := recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
			hash.Digest[0] = byte(i)
			acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), member)
			anchors = append(anchors, c.buildTx(c.member, acc.GetAccountNumber(), acc.GetSequence()+uint64(i), nil, nil, &recordstypes.MsgAnchorRecord{
				Signer: member.String(), RecordId: fmt.Sprintf("r-%d", i), Patient: sdk.AccAddress(keys[i].PubKey().Address()).String(),
				Category: recordstypes.Category_CATEGORY_LAB, ContentHash: &hash, Uri: "https://fhir.example/r",
			}))
		}
		mustOK(b, c.block(anchors...))

		sendTxs := func() [][]byte {
			acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), member)
			out := make([][]byte, perBlock)
			for i := range out {
				out[i] = c.buildTx(c.member, acc.GetAccountNumber(), acc.GetSequence()+uint64(i), nil, nil,
					banktypes.NewMsgSend(member, sdk.AccAddress(keys[i%patients].PubKey().Address()), sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1)))))
			}
			return out
		}
		grantTxs := func() [][]byte {
			out := make([][]byte, 0, perBlock)
			for i := 0; i < perBlock; i++ {
				k := keys[i%patients]
				acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), sdk.AccAddress(k.PubKey().Address()))
				out = append(out, c.buildTx(k, acc.GetAccountNumber(), acc.GetSequence()+uint64(i/patients), nil, nil, &consenttypes.MsgGrantConsent{
					Patient: sdk.AccAddress(k.PubKey().Address()).String(), Grantee: member.String(),
					Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
					Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: c.time.Add(30 * 24 * time.Hour),
				}))
			}
			return out
		}
		var sendTime, grantTime time.Duration
		var sendGas, grantGas int64
		for range rounds {
			txs := sendTxs()
			start := time.Now()
			res := c.block(txs...)
			sendTime += time.Since(start)
			sendGas += mustOK(b, res)

			txs = grantTxs()
			start = time.Now()
			res = c.block(txs...)
			grantTime += time.Since(start)
			grantGas += mustOK(b, res)
		}
		n := float64(rounds * perBlock)
		sendUs, grantUs := sendTime.Seconds()*1e6/n, grantTime.Seconds()*1e6/n
		b.ReportMetric(sendUs, "send-us/tx")
		b.ReportMetric(grantUs, "grant-us/tx")
		b.ReportMetric(grantUs/sendUs, "grant/send-time")
		b.ReportMetric(float64(grantGas)/float64(sendGas), "grant/send-gas")
		b.Logf("%d txs each: MsgSend %.0f µs/tx, %d gas/tx; GrantConsent %.0f µs/tx (%.2fx), %d gas/tx (%.2fx)",
			rounds*perBlock, sendUs, sendGas/int64(n), grantUs, grantUs/sendUs, grantGas/int64(n), float64(grantGas)/float64(sendGas))
	}
}

// mustOK fails unless every transaction succeeded, and returns their total gas.
func mustOK(b *testing.B, res []*abci.ExecTxResult) int64 {
	var gas int64
	for i, r := range res {
		if r.Code != 0 {
			b.Fatalf("tx %d: code %d: %s", i, r.Code, r.Log)
		}
		gas += r.GasUsed
	}
	return gas
}
