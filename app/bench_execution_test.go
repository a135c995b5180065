package app_test

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/store/v2/rootmulti"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
)

// Tier A of `make bench`: execution in one process, one run, same block
// sizes. Bank MsgSend, AnchorRecord, GrantConsent and RequestAccess blocks
// run round-robin through FinalizeBlock + Commit; the floor is the same
// work done bare — one secp256k1 verification per transaction and exactly
// the store writes each AnchorRecord block made (captured from the app's
// multistore), replayed into a bare IAVL multistore holding the same state,
// and committed. Each kind runs twice: from one signer (the member; for
// GrantConsent ten patients) and with every transaction of a block signed
// by another account. A second chain with the same setup runs the same
// blocks, interleaved, under the SDK's block-STM runner; a third, traced,
// tells which keys order a block's transactions (traceConflicts).
//
//	go test -run '^$' -bench Execution -benchtime 1x ./app
//	MEDCHAIN_BENCH_OUT=build/bench make bench   # also writes tier-a.md and tier-a.csv
func BenchmarkExecution(b *testing.B) {
	const rounds = 10
	for b.Loop() {
		seq := newBenchChain(b)
		floor := newFloor(b, seq.c)
		stm := newBenchChain(b, withBaseApp(func(a *baseapp.BaseApp) { a.SetDisableBlockGasMeter(true) }))
		stm.useBlockSTM()
		var floorTime time.Duration
		for r := range rounds {
			for k := range seq.kinds {
				if r%2 == 1 { // each goes first in half the pairs
					stm.run(k)
				}
				res, _ := seq.run(k)
				writes := floor.capture()
				if seq.kinds[k].floor {
					floorTime += floor.replay(writes, len(res))
				} else {
					floor.apply(writes)
				}
				if r%2 == 0 {
					stm.run(k)
				}
			}
		}
		traced := newBenchChain(b)
		traced.traceConflicts()
		for k := range seq.kinds {
			require.Equal(b, seq.kinds[k].gas, stm.kinds[k].gas, "%s: block-STM's transactions used other gas", seq.kinds[k].name)
			seq.kinds[k].stm, seq.kinds[k].conflicts = &stm.kinds[k], traced.kinds[k].conflicts
		}
		report(b, seq.kinds, floorTime, rounds*benchBlock)
	}
}

// benchBlock is the number of transactions of each tier A block.
const benchBlock = 100

// benchChain is a chain set up for tier A: a hospital member whose ten
// patients each have records, the four kinds of blocks from one signer
// each, and the same kinds with a signer per transaction (addSignerKinds).
type benchChain struct {
	b     testing.TB
	c     *testChain
	kinds []benchKind
	// runner counts block-STM's executions when the chain runs it.
	runner *countingRunner
}

func newBenchChain(b testing.TB, opts ...chainOption) *benchChain {
	const patients = 10
	c := newTestChain(b, secp256k1.GenPrivKey(), opts...)
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address())
	byMember := func(int) cryptotypes.PrivKey { return c.member }
	memberTxs := func(msg func(i int) sdk.Msg) [][]byte { return signed(c, 0, benchBlock, byMember, msg) }
	keys := make([]cryptotypes.PrivKey, patients)
	for i := range keys {
		keys[i] = secp256k1.GenPrivKey()
	}
	patient := func(i int) sdk.AccAddress { return sdk.AccAddress(keys[i%patients].PubKey().Address()) }
	anchors := 0
	anchor := func(int) sdk.Msg {
		anchors++
		return anchorMsg(member, patient(anchors), fmt.Sprint("r-", anchors))
	}
	mustOK(b, c.block(memberTxs(anchor)...)) // every patient known, with records r-1 … r-100
	return &benchChain{b: b, c: c, kinds: append([]benchKind{
		{name: "MsgSend", txs: func() [][]byte { return memberTxs(func(i int) sdk.Msg { return send(member, patient(i), 1) }) }},
		{name: "AnchorRecord", txs: func() [][]byte { return memberTxs(anchor) }, floor: true},
		{name: "GrantConsent", txs: func() [][]byte { // ten patients, ten transactions each
			return signed(c, 0, benchBlock, func(i int) cryptotypes.PrivKey { return keys[i%patients] },
				func(i int) sdk.Msg { return grantMsg(c, patient(i), member) })
		}},
		{name: "RequestAccess", txs: func() [][]byte {
			return memberTxs(func(i int) sdk.Msg { return accessMsg(member, patient(i+1), member, fmt.Sprint("r-", i+1)) })
		}},
	}, addSignerKinds(b, c)...)}
}

// run executes one block of kind k, requires every transaction of it to
// succeed, and adds its time, CPU time, gas and executions to the kind.
func (bc *benchChain) run(k int) ([]*abci.ExecTxResult, time.Duration) {
	kind, txs := &bc.kinds[k], bc.kinds[k].txs()
	require.Len(bc.b, txs, benchBlock)
	execs := bc.runner.count()
	cpu, start := cpuTime(), time.Now()
	res := bc.c.block(txs...)
	took := time.Since(start)
	kind.cpu += cpuTime() - cpu
	require.Len(bc.b, res, benchBlock)
	kind.time, kind.blocks = kind.time+took, append(kind.blocks, took)
	kind.gas += mustOK(bc.b, res)
	kind.execs += bc.runner.count() - execs
	return res, took
}

// benchKind is one transaction type of tier A and what it cost.
type benchKind struct {
	name  string
	txs   func() [][]byte
	floor bool
	// time, blocks and cpu are the blocks' time, each block's, and the
	// process's CPU time meanwhile; execs counts block-STM's executions.
	time, cpu time.Duration
	blocks    []time.Duration
	gas       int64
	execs     int64
	// stm is the same blocks under block-STM (another chain, same setup);
	// conflicts what a transaction read that an earlier one of its block
	// wrote (traceConflicts, a third chain).
	stm       *benchKind
	conflicts string
}

// report prints tier A's table, reports its metrics and, with
// MEDCHAIN_BENCH_OUT, writes it as markdown and CSV.
func report(b *testing.B, kinds []benchKind, floor time.Duration, n int) {
	us := func(d time.Duration) float64 { return d.Seconds() * 1e6 / float64(n) }
	send := kinds[0]
	md := []string{"| tx | µs/tx | × MsgSend | × floor | gas/tx | block-STM µs/tx | × sequential | × sequential, median block | CPU × sequential | block-STM executions/tx | read what an earlier tx of the block wrote: collection (keys) ×txs |",
		"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"}
	csv := []string{"tier,tx,us_per_tx,ratio_send,ratio_floor,gas_per_tx,stm_us_per_tx,ratio_stm_seq,ratio_stm_seq_median_block,ratio_stm_seq_cpu,stm_execs_per_tx,conflicts"}
	digits := []int{0, 2, 2, -1, 0, 2, 2, 2, 2, -1} // in the table: µs to units, ratios to hundredths
	row := func(k benchKind, floorRatio float64) {
		cells := []string{fmt.Sprintf("%.1f", us(k.time)), fmt.Sprintf("%.3f", us(k.time)/us(send.time)), "", fmt.Sprint(k.gas / int64(n)), "", "", "", "", "", k.conflicts}
		if floorRatio > 0 {
			cells[2] = fmt.Sprintf("%.3f", floorRatio)
		}
		if k.stm != nil {
			cells[4], cells[5] = fmt.Sprintf("%.1f", us(k.stm.time)), fmt.Sprintf("%.3f", us(k.stm.time)/us(k.time))
			cells[6], cells[7] = fmt.Sprintf("%.3f", medianRatio(k.stm.blocks, k.blocks)), fmt.Sprintf("%.3f", k.stm.cpu.Seconds()/k.cpu.Seconds())
			cells[8] = fmt.Sprintf("%.3f", float64(k.stm.execs)/float64(n))
		}
		csv = append(csv, fmt.Sprintf("A,%q,%s,%q", k.name, strings.Join(cells[:9], ","), cells[9]))
		mdRow := []string{k.name}
		for i, c := range cells {
			if f, err := strconv.ParseFloat(c, 64); err == nil && digits[i] >= 0 {
				c = strconv.FormatFloat(f, 'f', digits[i], 64)
			}
			mdRow = append(mdRow, cmp.Or(c, "–"))
		}
		md = append(md, "| "+strings.Join(mdRow, " | ")+" |")
	}
	for _, k := range kinds {
		metric, ratio := strings.NewReplacer(", ", "-", " ", "-").Replace(k.name), 0.0
		if k.floor {
			ratio = us(k.time) / us(floor)
			b.ReportMetric(ratio, metric+"/floor-time")
		}
		b.ReportMetric(us(k.time), metric+"-us/tx")
		if k.name != send.name {
			b.ReportMetric(us(k.time)/us(send.time), metric+"/send-time")
		}
		b.ReportMetric(us(k.stm.time)/us(k.time), metric+"/stm-vs-seq")
		row(k, ratio)
	}
	row(benchKind{name: "floor (sig + AnchorRecord's writes, bare)", time: floor}, 1)
	out := "Tier A — execution, " + fmt.Sprint(n) + " txs of each, FinalizeBlock + Commit, in-memory IAVL\n\n" + strings.Join(md, "\n") + "\n\n" +
		strings.Join([]string{
			fmt.Sprintf("- Blocks of %d txs. A kind alone: one signer, the member (GrantConsent: ten patients, ten txs each). \"%d signers\": "+
				"each tx of a block signed by another account, in turn from %d agents of the member (MsgSend to a patient of one's own, "+
				"AnchorRecord, RequestAccess) or %d patients (GrantConsent), enrolled and funded in setup blocks; no fees.", benchBlock, benchBlock, manySigners, manySigners),
			fmt.Sprintf("- Block-STM: the SDK's runner (txnrunner.NewSTMRunner, pre-estimation on, block gas meter off) with its default workers, "+
				"min(GOMAXPROCS, NumCPU) = %d, on a %d-core machine (load average at the end: %s); each of its blocks paired with the sequential "+
				"one of the same round, run just before or after it in turn. CPU: the process's user + system time over the same blocks; "+
				"with %[1]d workers block-STM can beat sequential at best by %[1]d ÷ that. Executions/tx counts its re-executions too (1.00: none).",
				min(runtime.GOMAXPROCS(0), runtime.NumCPU()), runtime.NumCPU(), loadAverage()),
			"- Last column: one more block of each kind, run in order on a third chain with every store access traced; each such read " +
				"makes block-STM run the reader after the writer.",
		}, "\n") + "\n"
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
