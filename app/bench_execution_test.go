package app_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/baseapp/txnrunner"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/store/v2/rootmulti"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Tier A of `make bench`: execution in one process, one run, same block
// sizes. Bank MsgSend, AnchorRecord, GrantConsent and RequestAccess blocks
// run round-robin through FinalizeBlock + Commit; the floor is the same
// work done bare — one secp256k1 verification per transaction and exactly
// the store writes each AnchorRecord block made (captured from the app's
// multistore), replayed into a bare IAVL multistore holding the same state,
// and committed. A second chain with the same setup runs the same kinds of
// blocks, interleaved, under the SDK's block-STM runner.
//
//	go test -run '^$' -bench Execution -benchtime 1x ./app
//	MEDCHAIN_BENCH_OUT=build/bench make bench   # also writes tier-a.md and tier-a.csv
func BenchmarkExecution(b *testing.B) {
	const rounds = 10
	for b.Loop() {
		seq := newBenchChain(b)
		floor := newFloor(b, seq.c)
		stm := newBenchChain(b, withBaseApp(func(a *baseapp.BaseApp) { a.SetDisableBlockGasMeter(true) }))
		useBlockSTM(stm.c)
		var floorTime time.Duration
		for range rounds {
			for k := range seq.kinds {
				res, took := seq.run(k)
				writes := floor.capture()
				if seq.kinds[k].floor {
					floorTime += floor.replay(writes, len(res))
				} else {
					floor.apply(writes)
				}
				_, took = stm.run(k)
				stm.kinds[k].stm += took
			}
		}
		for k := range seq.kinds {
			seq.kinds[k].stm = stm.kinds[k].time
		}
		report(b, seq.kinds, floorTime, rounds*benchBlock)
	}
}

// benchBlock is the number of transactions of each tier A block.
const benchBlock = 100

// benchChain is a chain set up for tier A: a hospital member whose ten
// patients each have records, and the four kinds of blocks.
type benchChain struct {
	b     testing.TB
	c     *testChain
	kinds []benchKind
}

func newBenchChain(b testing.TB, opts ...chainOption) *benchChain {
	const patients = 10
	c := newTestChain(b, secp256k1.GenPrivKey(), opts...)
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address())
	memberTxs := func(msg func(i int) sdk.Msg) [][]byte {
		acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), member)
		out := make([][]byte, benchBlock)
		for i := range out {
			out[i] = c.buildTx(c.member, acc.GetAccountNumber(), acc.GetSequence()+uint64(i), nil, nil, msg(i))
		}
		return out
	}
	keys := make([]cryptotypes.PrivKey, patients)
	for i := range keys {
		keys[i] = secp256k1.GenPrivKey()
	}
	patient := func(i int) sdk.AccAddress { return sdk.AccAddress(keys[i%patients].PubKey().Address()) }
	anchors := 0
	anchor := func(int) sdk.Msg {
		anchors++
		digest := sha256.Sum256([]byte(fmt.Sprint("record ", anchors)))
		return &recordstypes.MsgAnchorRecord{
			Signer: member.String(), RecordId: testutil.RecordID(fmt.Sprint("r-", anchors)), Patient: patient(anchors).String(),
			Category:    recordstypes.Category_CATEGORY_LAB,
			ContentHash: &recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: digest[:]},
			Uri:         "https://fhir.example/r",
		}
	}
	mustOK(b, c.block(memberTxs(anchor)...)) // every patient known, with records r-1 … r-100
	return &benchChain{b: b, c: c, kinds: []benchKind{
		{name: "MsgSend", txs: func() [][]byte {
			return memberTxs(func(i int) sdk.Msg {
				return banktypes.NewMsgSend(member, patient(i), sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1))))
			})
		}},
		{name: "AnchorRecord", txs: func() [][]byte { return memberTxs(anchor) }, floor: true},
		{name: "GrantConsent", txs: func() [][]byte {
			out := make([][]byte, 0, benchBlock)
			for i := 0; i < benchBlock; i++ {
				acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), patient(i))
				out = append(out, c.buildTx(keys[i%patients], acc.GetAccountNumber(), acc.GetSequence()+uint64(i/patients), nil, nil, &consenttypes.MsgGrantConsent{
					Patient: patient(i).String(), Grantee: member.String(),
					Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
					Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: c.time.Add(30 * 24 * time.Hour),
				}))
			}
			return out
		}},
		{name: "RequestAccess", txs: func() [][]byte {
			return memberTxs(func(i int) sdk.Msg {
				return &audittypes.MsgRequestAccess{
					Accessor: member.String(), Patient: patient(i + 1).String(), Custodian: member.String(),
					RecordId: testutil.RecordID(fmt.Sprint("r-", i+1)), Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
				}
			})
		}},
	}}
}

// run executes one block of kind k and adds its time and gas to the kind.
func (bc *benchChain) run(k int) ([]*abci.ExecTxResult, time.Duration) {
	txs := bc.kinds[k].txs()
	start := time.Now()
	res := bc.c.block(txs...)
	took := time.Since(start)
	bc.kinds[k].time += took
	bc.kinds[k].gas += mustOK(bc.b, res)
	return res, took
}

// useBlockSTM makes c's app execute blocks with the SDK's block-STM runner
// (two workers, one per core here), as app.toml could configure it.
func useBlockSTM(c *testChain) {
	var keys []storetypes.StoreKey
	for _, k := range c.app.CommitMultiStore().(*rootmulti.Store).StoreKeysByName() {
		keys = append(keys, k)
	}
	c.app.SetBlockSTMTxRunner(txnrunner.NewSTMRunner(c.app.TxConfig().TxDecoder(), keys, 2, true,
		func(storetypes.MultiStore) string { return app.BondDenom }))
}

// benchKind is one transaction type of tier A and what it cost.
type benchKind struct {
	name  string
	txs   func() [][]byte
	floor bool
	time  time.Duration
	gas   int64
	// stm is the same blocks' time under block-STM (another chain, same setup).
	stm time.Duration
}

// report prints tier A's table, reports its metrics and, with
// MEDCHAIN_BENCH_OUT, writes it as markdown and CSV.
func report(b *testing.B, kinds []benchKind, floor time.Duration, n int) {
	us := func(d time.Duration) float64 { return d.Seconds() * 1e6 / float64(n) }
	send := kinds[0]
	md := []string{"| tx | µs/tx | × MsgSend | × floor | gas/tx | block-STM µs/tx | × sequential |", "|---|---:|---:|---:|---:|---:|---:|"}
	csv := []string{"tier,tx,us_per_tx,ratio_send,ratio_floor,gas_per_tx,stm_us_per_tx,ratio_stm_seq"}
	row := func(name string, d time.Duration, gas int64, floorRatio string, stm time.Duration) {
		stmCol, stmRatio := "–", "–"
		if stm > 0 {
			stmCol, stmRatio = fmt.Sprintf("%.0f", us(stm)), fmt.Sprintf("%.2f", us(stm)/us(d))
		}
		md = append(md, fmt.Sprintf("| %s | %.0f | %.2f | %s | %d | %s | %s |", name, us(d), us(d)/us(send.time), floorRatio, gas/int64(n), stmCol, stmRatio))
		csv = append(csv, fmt.Sprintf("A,%s,%.1f,%.3f,%s,%d,%s,%s", name, us(d), us(d)/us(send.time), strings.Trim(floorRatio, "–"), gas/int64(n),
			strings.Trim(stmCol, "–"), strings.Trim(stmRatio, "–")))
	}
	for _, k := range kinds {
		ratio := "–"
		if k.floor {
			ratio = fmt.Sprintf("%.2f", us(k.time)/us(floor))
			b.ReportMetric(us(k.time)/us(floor), k.name+"/floor-time")
		}
		b.ReportMetric(us(k.time), k.name+"-us/tx")
		if k.name != send.name {
			b.ReportMetric(us(k.time)/us(send.time), k.name+"/send-time")
		}
		if k.stm > 0 {
			b.ReportMetric(us(k.stm)/us(k.time), k.name+"/stm-vs-seq")
		}
		row(k.name, k.time, k.gas, ratio, k.stm)
	}
	row("floor (sig + AnchorRecord's writes, bare)", floor, 0, "1.00", 0)
	out := "Tier A — execution, " + fmt.Sprint(n) + " txs of each, FinalizeBlock + Commit, in-memory IAVL\n\n" + strings.Join(md, "\n") + "\n"
	b.Log("\n" + out)
	if dir := os.Getenv("MEDCHAIN_BENCH_OUT"); dir != "" {
		require.NoError(b, os.MkdirAll(dir, 0o755))
		require.NoError(b, os.WriteFile(filepath.Join(dir, "tier-a.md"), []byte(out), 0o644))
		require.NoError(b, os.WriteFile(filepath.Join(dir, "tier-a.csv"), []byte(strings.Join(csv, "\n")+"\n"), 0o644))
	}
}

// floor mirrors the app's state in a bare IAVL multistore and replays the
// app's own writes into it.
type floor struct {
	b    testing.TB
	app  storetypes.CommitMultiStore
	bare *rootmulti.Store
	keys map[string]storetypes.StoreKey
	sigs []sigCase
}

type sigCase struct {
	pub cryptotypes.PubKey
	msg []byte
	sig []byte
}

func newFloor(b testing.TB, c *testChain) *floor {
	cms := c.app.CommitMultiStore().(*rootmulti.Store)
	f := &floor{b: b, app: cms, bare: rootmulti.NewStore(dbm.NewMemDB(), log.NewNopLogger()), keys: map[string]storetypes.StoreKey{}}
	appKeys := cms.StoreKeysByName()
	var listen []storetypes.StoreKey
	for name, key := range appKeys {
		if _, ok := key.(*storetypes.KVStoreKey); !ok {
			continue
		}
		k := storetypes.NewKVStoreKey(name)
		f.keys[name] = k
		f.bare.MountStoreWithDB(k, storetypes.StoreTypeIAVL, nil)
		listen = append(listen, key)
	}
	require.NoError(b, f.bare.LoadLatestVersion())
	// The same state: every committed key of every module store.
	for name, key := range appKeys {
		if f.keys[name] == nil {
			continue
		}
		it := cms.GetKVStore(key).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			f.bare.GetKVStore(f.keys[name]).Set(it.Key(), it.Value())
		}
		require.NoError(b, it.Close())
	}
	f.bare.Commit()
	cms.AddListeners(listen)
	// Signatures of transaction-sized sign bytes, verified as the ante
	// handler verifies each transaction's.
	for i := 0; i < 100; i++ {
		k := secp256k1.GenPrivKey()
		msg := make([]byte, 300)
		msg[0], msg[1] = byte(i), byte(i>>8)
		sig, err := k.Sign(msg)
		require.NoError(b, err)
		f.sigs = append(f.sigs, sigCase{pub: k.PubKey(), msg: msg, sig: sig})
	}
	return f
}

// capture returns the writes of the block the app just committed.
func (f *floor) capture() []*storetypes.StoreKVPair { return f.app.PopStateCache() }

// apply writes them to the bare store untimed, to keep the same state.
func (f *floor) apply(writes []*storetypes.StoreKVPair) {
	f.write(writes)
	f.bare.Commit()
}

// replay times n signature verifications, the writes and the commit.
func (f *floor) replay(writes []*storetypes.StoreKVPair, n int) time.Duration {
	start := time.Now()
	for i := 0; i < n; i++ {
		s := f.sigs[i%len(f.sigs)]
		if !s.pub.VerifySignature(s.msg, s.sig) {
			f.b.Fatal("signature does not verify")
		}
	}
	f.write(writes)
	f.bare.Commit()
	return time.Since(start)
}

func (f *floor) write(writes []*storetypes.StoreKVPair) {
	for _, w := range writes {
		store := f.bare.GetKVStore(f.keys[w.StoreKey])
		if w.Delete {
			store.Delete(w.Key)
		} else {
			store.Set(w.Key, w.Value)
		}
	}
}
