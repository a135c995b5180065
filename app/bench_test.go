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
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// BenchmarkConsentAndAuditVsSend executes, in one app and one run, blocks of
// bank MsgSend, GrantConsent and RequestAccess transactions (one secp256k1
// signature each), round-robin, and reports each one's execution time per
// transaction (FinalizeBlock + Commit) and gas, and their ratios to MsgSend.
//
//	go test -run '^$' -bench ConsentAndAuditVsSend -benchtime 1x ./app
func BenchmarkConsentAndAuditVsSend(b *testing.B) {
	const rounds, perBlock, patients = 5, 100, 10
	for b.Loop() {
		c := newTestChain(b, secp256k1.GenPrivKey())
		c.block()
		member := sdk.AccAddress(c.member.PubKey().Address())
		memberTxs := func(msg func(i int) sdk.Msg) [][]byte {
			acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), member)
			out := make([][]byte, perBlock)
			for i := range out {
				out[i] = c.buildTx(c.member, acc.GetAccountNumber(), acc.GetSequence()+uint64(i), nil, nil, msg(i))
			}
			return out
		}

		// Patients with one lab record each, so they may sign.
		keys := make([]cryptotypes.PrivKey, patients)
		for i := range keys {
			keys[i] = secp256k1.GenPrivKey()
		}
		mustOK(b, c.block(memberTxs(func(i int) sdk.Msg {
			hash := recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
			hash.Digest[0], hash.Digest[1] = byte(i), byte(i>>8)
			return &recordstypes.MsgAnchorRecord{
				Signer: member.String(), RecordId: testutil.RecordID(fmt.Sprint("r-", i)), Patient: sdk.AccAddress(keys[i%patients].PubKey().Address()).String(),
				Category: recordstypes.Category_CATEGORY_LAB, ContentHash: &hash, Uri: "https://fhir.example/r",
			}
		})...))

		kinds := []struct {
			name string
			txs  func() [][]byte
			time time.Duration
			gas  int64
		}{
			{name: "MsgSend", txs: func() [][]byte {
				return memberTxs(func(i int) sdk.Msg {
					return banktypes.NewMsgSend(member, sdk.AccAddress(keys[i%patients].PubKey().Address()), sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1))))
				})
			}},
			{name: "GrantConsent", txs: func() [][]byte {
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
			}},
			{name: "RequestAccess", txs: func() [][]byte {
				return memberTxs(func(i int) sdk.Msg {
					return &audittypes.MsgRequestAccess{
						Accessor: member.String(), Patient: sdk.AccAddress(keys[i%patients].PubKey().Address()).String(),
						Custodian: member.String(), RecordId: testutil.RecordID(fmt.Sprint("r-", i%patients)), Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
					}
				})
			}},
		}
		for range rounds {
			for k := range kinds {
				txs := kinds[k].txs()
				start := time.Now()
				res := c.block(txs...)
				kinds[k].time += time.Since(start)
				kinds[k].gas += mustOK(b, res)
			}
		}
		n := float64(rounds * perBlock)
		us := func(d time.Duration) float64 { return d.Seconds() * 1e6 / n }
		send := kinds[0]
		for _, k := range kinds {
			b.ReportMetric(us(k.time), k.name+"-us/tx")
			if k.name != send.name {
				b.ReportMetric(us(k.time)/us(send.time), k.name+"/send-time")
				b.ReportMetric(float64(k.gas)/float64(send.gas), k.name+"/send-gas")
			}
			b.Logf("%-13s %d txs: %4.0f µs/tx (%.2fx MsgSend), %d gas/tx (%.2fx)", k.name, rounds*perBlock,
				us(k.time), us(k.time)/us(send.time), k.gas/int64(n), float64(k.gas)/float64(send.gas))
		}
	}
}

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
