package app_test

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/baseapp/txnrunner"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/store/v2/cachekv"
	"github.com/cosmos/cosmos-sdk/store/v2/cachemulti"
	"github.com/cosmos/cosmos-sdk/store/v2/rootmulti"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// manySigners is the pool the many-signer blocks draw their signers from,
// in turn: each of a block's benchBlock transactions has its own signer.
const manySigners = 256

// addSignerKinds enrols manySigners funded agents of the member and makes as
// many patients known, in setup blocks, and returns the four kinds with each
// transaction of a block signed by another account: agents for MsgSend (each
// to its own patient), AnchorRecord and RequestAccess; patients for GrantConsent.
func addSignerKinds(b testing.TB, c *testChain) []benchKind {
	require.LessOrEqual(b, benchBlock, manySigners, "a block's signers must differ")
	member := sdk.AccAddress(c.member.PubKey().Address())
	addr := func(k cryptotypes.PrivKey) sdk.AccAddress { return sdk.AccAddress(k.PubKey().Address()) }
	agents, patients := make([]cryptotypes.PrivKey, manySigners), make([]cryptotypes.PrivKey, manySigners)
	for i := range agents {
		agents[i], patients[i] = secp256k1.GenPrivKey(), secp256k1.GenPrivKey()
	}
	agent := func(i int) cryptotypes.PrivKey { return agents[i%manySigners] }
	patient := func(i int) cryptotypes.PrivKey { return patients[i%manySigners] }
	byMember := func(int) cryptotypes.PrivKey { return c.member }
	mustOK(b, c.block(signed(c, 0, manySigners, byMember, func(i int) sdk.Msg {
		return anchorMsg(member, addr(patient(i)), fmt.Sprint("s-", i))
	})...))
	for lo := 0; lo < manySigners; lo += 100 { // at most 100 open invitations a member
		hi := min(lo+100, manySigners)
		mustOK(b, c.block(signed(c, lo, hi, byMember, func(i int) sdk.Msg {
			return &consortiumtypes.MsgAddAgent{Operator: member.String(), Agent: addr(agent(i)).String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN}
		})...))
		mustOK(b, c.block(signed(c, lo, hi, agent, func(i int) sdk.Msg {
			return &consortiumtypes.MsgAcceptAgent{Agent: addr(agent(i)).String(), Member: member.String()}
		})...))
	}
	mustOK(b, c.block(signed(c, 0, manySigners, byMember, func(i int) sdk.Msg { return send(member, addr(agent(i)), 1000) })...))

	label, sends, anchors, grants, requests := fmt.Sprintf(", %d signers", benchBlock), 0, 0, 0, 0
	block := func(n *int, key func(int) cryptotypes.PrivKey, msg func(i int) sdk.Msg) [][]byte { // a kind's next
		*n += benchBlock
		return signed(c, *n-benchBlock, *n, key, msg)
	}
	return []benchKind{
		{name: "MsgSend" + label, txs: func() [][]byte {
			return block(&sends, agent, func(i int) sdk.Msg { return send(addr(agent(i)), addr(patient(i)), 1) })
		}},
		{name: "AnchorRecord" + label, txs: func() [][]byte {
			return block(&anchors, agent, func(i int) sdk.Msg { return anchorMsg(addr(agent(i)), addr(patient(i)), fmt.Sprint("m-", i)) })
		}},
		{name: "GrantConsent" + label, txs: func() [][]byte {
			return block(&grants, patient, func(i int) sdk.Msg { return grantMsg(c, addr(patient(i)), member) })
		}},
		{name: "RequestAccess" + label, txs: func() [][]byte {
			return block(&requests, agent, func(i int) sdk.Msg {
				return accessMsg(addr(agent(i)), addr(patient(i)), member, fmt.Sprint("s-", i%manySigners))
			})
		}},
	}
}

// signed returns msg(i) signed by key(i) for i in [lo, hi); a key signing
// several takes the sequences after its account's, in turn.
func signed(c *testChain, lo, hi int, key func(i int) cryptotypes.PrivKey, msg func(i int) sdk.Msg) [][]byte {
	ctx, next := c.app.NewContext(true), map[string]uint64{}
	out := make([][]byte, 0, hi-lo)
	for i := lo; i < hi; i++ {
		k, a := key(i), key(i).PubKey().Address().String()
		acc := c.app.AccountKeeper.GetAccount(ctx, sdk.AccAddress(k.PubKey().Address()))
		require.NotNil(c.t, acc, "signer has no account")
		out, next[a] = append(out, c.buildTx(k, acc.GetAccountNumber(), acc.GetSequence()+next[a], nil, nil, msg(i))), next[a]+1
	}
	return out
}

func send(from, to sdk.AccAddress, amount int64) sdk.Msg {
	return banktypes.NewMsgSend(from, to, sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(amount))))
}

func anchorMsg(signer, patient sdk.AccAddress, record string) sdk.Msg {
	digest := sha256.Sum256([]byte(record))
	return &recordstypes.MsgAnchorRecord{
		Signer: signer.String(), RecordId: testutil.RecordID(record), Patient: patient.String(), Category: recordstypes.Category_CATEGORY_LAB,
		ContentHash: &recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: digest[:]},
		Uri:         "https://fhir.example/r",
	}
}

func grantMsg(c *testChain, patient, grantee sdk.AccAddress) sdk.Msg {
	return &consenttypes.MsgGrantConsent{Patient: patient.String(), Grantee: grantee.String(), Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: c.time.Add(30 * 24 * time.Hour)}
}

func accessMsg(accessor, patient, custodian sdk.AccAddress, record string) sdk.Msg {
	return &audittypes.MsgRequestAccess{Accessor: accessor.String(), Patient: patient.String(), Custodian: custodian.String(),
		RecordId: testutil.RecordID(record), Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT}
}

// useBlockSTM makes bc's app execute blocks with the SDK's block-STM runner
// and its default workers (one per usable core), counting its executions.
func (bc *benchChain) useBlockSTM() {
	keys := slices.Collect(maps.Values(bc.c.app.CommitMultiStore().(*rootmulti.Store).StoreKeysByName()))
	bc.runner = &countingRunner{TxRunner: txnrunner.NewSTMRunner(bc.c.app.TxConfig().TxDecoder(), keys, 0, true,
		func(storetypes.MultiStore) string { return app.BondDenom })}
	bc.c.app.SetBlockSTMTxRunner(bc.runner)
}

// countingRunner counts executions: block-STM executes a transaction again
// when one before it wrote what it read (or, estimated, waits for that one).
type countingRunner struct {
	sdk.TxRunner
	execs atomic.Int64
}

func (r *countingRunner) Unwrap() sdk.TxRunner { return r.TxRunner }

// count is the executions so far; none without a runner.
func (r *countingRunner) count() int64 {
	if r == nil {
		return 0
	}
	return r.execs.Load()
}

func (r *countingRunner) Run(ctx context.Context, ms storetypes.MultiStore, txs [][]byte, deliver sdk.DeliverTxFunc) ([]*abci.ExecTxResult, error) {
	return r.TxRunner.Run(ctx, ms, txs, func(tx []byte, memTx sdk.Tx, ms storetypes.MultiStore, i int, cache map[string]any) *abci.ExecTxResult {
		r.execs.Add(1)
		return deliver(tx, memTx, ms, i, cache)
	})
}

// traceConflicts runs one more block of each kind, in order, tracing every
// store access, and notes which keys a transaction read after an earlier one
// of its block wrote them: the dependencies block-STM must order.
func (bc *benchChain) traceConflicts() {
	a := bc.c.app
	t := &tracer{schemas: map[string]collections.Schema{
		authtypes.StoreKey: a.AccountKeeper.Schema, banktypes.StoreKey: a.BankKeeper.Schema,
		consortiumtypes.StoreKey: a.ConsortiumKeeper.Schema, recordstypes.StoreKey: a.RecordsKeeper.Schema,
		consenttypes.StoreKey: a.ConsentKeeper.Schema, audittypes.StoreKey: a.AuditKeeper.Schema,
	}}
	a.SetBlockSTMTxRunner(t)
	for k := range bc.kinds {
		bc.run(k)
		bc.kinds[k].conflicts = t.summary()
	}
}

// tracer runs a block's transactions in order through traced stores.
type tracer struct {
	schemas map[string]collections.Schema // by store name
	tx      int
	writer  map[string]int // key → the last transaction that wrote it
	// By collection: the transactions that read a key an earlier one wrote, and those keys.
	txs, keys map[string]map[any]bool
}

func (t *tracer) Run(_ context.Context, ms storetypes.MultiStore, txs [][]byte, deliver sdk.DeliverTxFunc) ([]*abci.ExecTxResult, error) {
	t.writer, t.txs, t.keys = map[string]int{}, map[string]map[any]bool{}, map[string]map[any]bool{}
	out := make([]*abci.ExecTxResult, len(txs))
	for i, raw := range txs {
		t.tx = i
		out[i] = deliver(raw, nil, tracedMS{ms, t}, i, nil) // the app decodes it
	}
	return out, nil
}

func (t *tracer) write(store string, key []byte) { t.writer[store+"/"+string(key)] = t.tx }

func (t *tracer) read(store string, key []byte) {
	if w, ok := t.writer[store+"/"+string(key)]; ok && w != t.tx {
		name := t.collection(store, key)
		if t.txs[name] == nil {
			t.txs[name], t.keys[name] = map[any]bool{}, map[any]bool{}
		}
		t.txs[name][t.tx], t.keys[name][string(key)] = true, true
	}
}

// collection names the collection key belongs to, "store/collection".
func (t *tracer) collection(store string, key []byte) string {
	name, prefix := fmt.Sprintf("%s/%x", store, key[:min(len(key), 1)]), 0
	for _, c := range t.schemas[store].ListCollections() {
		if p := c.GetPrefix(); bytes.HasPrefix(key, p) && len(p) > prefix {
			name, prefix = store+"/"+c.GetName(), len(p)
		}
	}
	return name
}

// summary is "collection (keys) ×txs; …", most transactions first.
func (t *tracer) summary() string {
	names := slices.SortedFunc(maps.Keys(t.txs), func(a, b string) int {
		return cmp.Or(len(t.txs[b])-len(t.txs[a]), strings.Compare(a, b))
	})
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%s (%d key%s) ×%d", n, len(t.keys[n]), map[bool]string{true: "s"}[len(t.keys[n]) > 1], len(t.txs[n]))
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, "; ")
}

// tracedMS hands out its stores traced.
type tracedMS struct {
	storetypes.MultiStore
	t *tracer
}

func (m tracedMS) store(key storetypes.StoreKey) storetypes.Store {
	s := m.MultiStore.GetStore(key)
	if kv, ok := s.(storetypes.KVStore); ok {
		return tracedKV{KVStore: kv, t: m.t, name: key.Name()}
	}
	return s
}

func (m tracedMS) GetStore(key storetypes.StoreKey) storetypes.Store { return m.store(key) }
func (m tracedMS) GetKVStore(key storetypes.StoreKey) storetypes.KVStore {
	return m.store(key).(storetypes.KVStore)
}

func (m tracedMS) CacheMultiStore() storetypes.CacheMultiStore {
	return cachemulti.NewFromParent(func(k storetypes.StoreKey) storetypes.CacheWrapper { return m.store(k) })
}
func (m tracedMS) CacheWrap() storetypes.CacheWrap { return m.CacheMultiStore().(storetypes.CacheWrap) }

type tracedKV struct {
	storetypes.KVStore
	t    *tracer
	name string
}

func (s tracedKV) Get(k []byte) []byte { s.t.read(s.name, k); return s.KVStore.Get(k) }
func (s tracedKV) Has(k []byte) bool   { s.t.read(s.name, k); return s.KVStore.Has(k) }
func (s tracedKV) Set(k, v []byte)     { s.t.write(s.name, k); s.KVStore.Set(k, v) }
func (s tracedKV) Delete(k []byte)     { s.t.write(s.name, k); s.KVStore.Delete(k) }
func (s tracedKV) Iterator(lo, hi []byte) storetypes.Iterator {
	return tracedIter{s.KVStore.Iterator(lo, hi), s}
}
func (s tracedKV) ReverseIterator(lo, hi []byte) storetypes.Iterator {
	return tracedIter{s.KVStore.ReverseIterator(lo, hi), s}
}
func (s tracedKV) CacheWrap() storetypes.CacheWrap { return cachekv.NewStore(s) }

type tracedIter struct {
	storetypes.Iterator
	s tracedKV
}

func (it tracedIter) Key() []byte {
	defer it.s.t.read(it.s.name, it.Iterator.Key())
	return it.Iterator.Key()
}

// loadAverage is the machine's: block-STM has the cores the rest leave it.
func loadAverage() string {
	bz, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(bz)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

// cpuTime is the process's user + system CPU time so far (Linux; 0 elsewhere).
func cpuTime() time.Duration {
	bz, err := os.ReadFile("/proc/self/stat")
	f := strings.Fields(string(bz[bytes.LastIndexByte(bz, ')')+1:]))
	if err != nil || len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}

// medianRatio is the median over paired blocks of a's time over b's.
func medianRatio(a, b []time.Duration) float64 {
	r := make([]float64, len(a))
	for i := range a {
		r[i] = a[i].Seconds() / b[i].Seconds()
	}
	slices.Sort(r)
	return (r[(len(r)-1)/2] + r[len(r)/2]) / 2
}
