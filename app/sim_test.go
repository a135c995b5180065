package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/ed25519"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// simBlocks is how many random blocks a simulation runs: a short run in
// `make test`, MEDCHAIN_SIM_BLOCKS in `make test-sim`.
func simBlocks() int {
	if v, err := strconv.Atoi(os.Getenv("MEDCHAIN_SIM_BLOCKS")); err == nil && v > 0 {
		return v
	}
	return 60
}

// simSeeds are the seeds a simulation runs with (MEDCHAIN_SIM_SEEDS=N runs 1..N).
func simSeeds() []uint64 {
	n, err := strconv.Atoi(os.Getenv("MEDCHAIN_SIM_SEEDS"))
	if err != nil || n <= 0 {
		return []uint64{7}
	}
	out := make([]uint64, n)
	for i := range out {
		out[i] = uint64(i + 1)
	}
	return out
}

// simActor is a key the simulation signs with.
type simActor struct {
	key  cryptotypes.PrivKey
	addr sdk.AccAddress
}

func simKey(seed uint64, name string) simActor {
	k := secp256k1.GenPrivKeyFromSecret(fmt.Appendf(nil, "medchain-sim/%d/%s", seed, name))
	return simActor{key: k, addr: sdk.AccAddress(k.PubKey().Address())}
}

type simRecord struct {
	id        string
	patient   int
	custodian int // member index
}

// simWorld is the simulation's model of the chain, built only from what the
// chain answered, so two runs from one seed make the same choices.
type simWorld struct {
	seed     uint64
	rng      *rand.Rand
	members  []simActor
	agents   []simActor // agents[i] acts for members[i/2]
	patients []simActor
	records  []simRecord
	grants   map[int][]uint64 // patient → grant ids it may revoke
	nextID   int
}

func newSimWorld(seed uint64) *simWorld {
	w := &simWorld{seed: seed, rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), grants: map[int][]uint64{}}
	for i := range 2 {
		w.members = append(w.members, simKey(seed, fmt.Sprintf("member-%d", i)))
	}
	for i := range 4 {
		w.agents = append(w.agents, simKey(seed, fmt.Sprintf("agent-%d", i)))
	}
	for i := range 12 {
		w.patients = append(w.patients, simKey(seed, fmt.Sprintf("patient-%d", i)))
	}
	return w
}

// genesis is the world's genesis: two hospitals (A with the emergency
// role) with two clinicians each.
func (w *simWorld) genesis(t testing.TB) []byte {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.AppOptionsMap{})
	cdc := a.AppCodec()
	state := a.DefaultGenesis()
	gen := consortiumtypes.DefaultGenesis()
	for i, m := range w.members {
		roles := []consortiumtypes.Role{consortiumtypes.Role_ROLE_HOSPITAL}
		if i == 0 {
			roles = append(roles, consortiumtypes.Role_ROLE_EMERGENCY)
		}
		gen.Members = append(gen.Members, consortiumtypes.Member{
			Operator: m.addr.String(), Name: fmt.Sprintf("Hospital %c", 'A'+i), Roles: roles,
			ConsensusPubkey: ed25519.GenPrivKeyFromSecret(m.addr).PubKey().Bytes(),
			Status:          consortiumtypes.MemberStatus_MEMBER_STATUS_ACTIVE,
		})
	}
	for i, ag := range w.agents {
		gen.Agents = append(gen.Agents, consortiumtypes.Agent{
			Address: ag.addr.String(), Member: w.members[i/2].addr.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN,
		})
	}
	state[consortiumtypes.ModuleName] = cdc.MustMarshalJSON(gen)
	bz, err := json.Marshal(state)
	require.NoError(t, err)
	return bz
}

// simChain is one app the world's blocks run on.
type simChain struct {
	t      testing.TB
	app    *app.App
	height int64
	time   time.Time
}

func newSimChain(t testing.TB, genesis []byte, initialHeight int64, start time.Time) *simChain {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.AppOptionsMap{}, baseapp.SetChainID(chainID))
	_, err := a.InitChain(&abci.RequestInitChain{
		ChainId: chainID, Time: start, AppStateBytes: genesis,
		ConsensusParams: consensusParams(), InitialHeight: initialHeight,
	})
	require.NoError(t, err)
	return &simChain{t: t, app: a, height: initialHeight - 1, time: start}
}

// run executes txs in the next block at time and commits.
func (c *simChain) run(at time.Time, txs [][]byte) (*abci.ResponseFinalizeBlock, []byte) {
	c.height++
	c.time = at
	res, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{Height: c.height, Time: at, Txs: txs})
	require.NoError(c.t, err)
	_, err = c.app.Commit()
	require.NoError(c.t, err)
	return res, res.AppHash
}

// export returns the chain's genesis export (app state JSON).
func (c *simChain) export() []byte {
	exp, err := c.app.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(c.t, err)
	return exp.AppState
}

// sign signs msgs by actor with its account number and sequence on c.
func (c *simChain) sign(actor simActor, msgs ...sdk.Msg) []byte {
	tc := &testChain{t: c.t, app: c.app, gasLimit: 2_000_000}
	acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), actor.addr)
	require.NotNil(c.t, acc, "%s has no account", actor.addr)
	return tc.buildTx(actor.key, acc.GetAccountNumber(), acc.GetSequence(), nil, nil, msgs...)
}

// simOp is one message the world chose, and what to learn from its success.
type simOp struct {
	signer simActor
	msg    sdk.Msg
	learn  func(res *abci.ExecTxResult)
}

// nextBlock chooses up to 8 operations for a block at time at, at most one
// per signer, on the world as it stands; their transactions are signed
// against c.
func (w *simWorld) nextBlock(c *simChain, at time.Time) ([][]byte, []simOp) {
	used := map[string]bool{}
	var ops []simOp
	for range 1 + w.rng.IntN(8) {
		op, ok := w.choose(at)
		if !ok || used[op.signer.addr.String()] {
			continue
		}
		used[op.signer.addr.String()] = true
		ops = append(ops, op)
	}
	txs := make([][]byte, len(ops))
	for i, op := range ops {
		txs[i] = c.sign(op.signer, op.msg)
	}
	return txs, ops
}

// simCategories are the categories records are anchored under: restricted
// ones carry a commitment and are granted only by record.
var simCategories = []recordstypes.Category{
	recordstypes.Category_CATEGORY_LAB, recordstypes.Category_CATEGORY_IMAGING, recordstypes.Category_CATEGORY_MEDICATION,
	recordstypes.Category_CATEGORY_RESTRICTED,
}

// ref is the on-chain reference of a simulated record.
func (w *simWorld) ref(rec simRecord) recordstypes.RecordRef {
	return recordstypes.RecordRef{Custodian: w.members[rec.custodian].addr.String(), RecordId: rec.id}
}

func (w *simWorld) hash() *recordstypes.ContentHash {
	h := &recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
	for i := range h.Digest {
		h.Digest[i] = byte(w.rng.UintN(256))
	}
	return h
}

// choose picks one operation: anchor, amend, batch, grant, revoke, request
// or break-glass, each only where the world makes it possible.
func (w *simWorld) choose(at time.Time) (simOp, bool) {
	agentIdx := w.rng.IntN(len(w.agents))
	agent := w.agents[agentIdx]
	switch k := w.rng.IntN(10); {
	case k < 3 || len(w.records) == 0: // anchor
		w.nextID++
		rec := simRecord{id: fmt.Sprintf("%032x", w.nextID), patient: w.rng.IntN(len(w.patients)), custodian: agentIdx / 2}
		msg := &recordstypes.MsgAnchorRecord{Signer: agent.addr.String(), RecordId: rec.id, Patient: w.patients[rec.patient].addr.String(),
			Category: simCategories[w.rng.IntN(len(simCategories))], ContentHash: w.hash(), Uri: "https://fhir.example/" + rec.id}
		if msg.Category == recordstypes.Category_CATEGORY_RESTRICTED {
			msg.CategoryCommitment = w.hash().Digest
		}
		return simOp{agent, msg, func(*abci.ExecTxResult) { w.records = append(w.records, rec) }}, true
	case k == 3: // amend, by an agent of the record's custodian
		rec := w.records[w.rng.IntN(len(w.records))]
		signer := w.agents[rec.custodian*2+w.rng.IntN(2)]
		return simOp{signer, &recordstypes.MsgAmendRecord{Signer: signer.addr.String(), RecordId: rec.id, ContentHash: w.hash(),
			Uri: "https://fhir.example/" + rec.id + "-v", Reason: recordstypes.AmendReason_AMEND_REASON_CORRECTION, NoteHash: w.hash().Digest}, nil}, true
	case k == 4: // batch
		return simOp{agent, &recordstypes.MsgAnchorBatch{Signer: agent.addr.String(), Root: w.hash().Digest, LeafCount: 1 + w.rng.Uint64N(5000),
			Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: "https://fhir.example/batch"}, nil}, true
	case k == 5 || k == 6: // a known patient grants an agent or a member
		rec := w.records[w.rng.IntN(len(w.records))]
		grantee := w.agents[w.rng.IntN(len(w.agents))].addr
		if w.rng.IntN(2) == 0 {
			grantee = w.members[w.rng.IntN(len(w.members))].addr
		}
		msg := &consenttypes.MsgGrantConsent{Patient: w.patients[rec.patient].addr.String(), Grantee: grantee.String(),
			Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: at.Add(time.Duration(1+w.rng.IntN(48)) * time.Hour)}
		if w.rng.IntN(2) == 0 {
			msg.Records = []recordstypes.RecordRef{w.ref(rec)}
		} else {
			msg.Categories = []recordstypes.Category{simCategories[w.rng.IntN(len(simCategories)-1)]}
		}
		return simOp{w.patients[rec.patient], msg, func(res *abci.ExecTxResult) {
			var out consenttypes.MsgGrantConsentResponse
			if unpackMsgResponse(res, &out) == nil {
				w.grants[rec.patient] = append(w.grants[rec.patient], out.GrantId)
			}
		}}, true
	case k == 7: // revoke one of a patient's grants (it may have expired)
		p := w.rng.IntN(len(w.patients))
		ids := w.grants[p]
		if len(ids) == 0 {
			return simOp{}, false
		}
		i := w.rng.IntN(len(ids))
		id := ids[i]
		w.grants[p] = append(ids[:i:i], ids[i+1:]...)
		return simOp{w.patients[p], &consenttypes.MsgRevokeConsent{Patient: w.patients[p].addr.String(), GrantId: id}, nil}, true
	case k == 8: // an agent asks for a record
		rec := w.records[w.rng.IntN(len(w.records))]
		return simOp{agent, &audittypes.MsgRequestAccess{Accessor: agent.addr.String(),
			Patient: w.patients[rec.patient].addr.String(), Custodian: w.ref(rec).Custodian, RecordId: rec.id, Action: audittypes.Action_ACTION_READ,
			Purpose: consenttypes.Purpose_PURPOSE_TREAT}, nil}, true
	default: // break-glass by one of hospital A's clinicians
		rec := w.records[w.rng.IntN(len(w.records))]
		er := w.agents[w.rng.IntN(2)]
		return simOp{er, &audittypes.MsgEmergencyAccess{Accessor: er.addr.String(),
			Patient: w.patients[rec.patient].addr.String(), Custodian: w.ref(rec).Custodian, RecordId: rec.id,
			Reason: audittypes.BreakGlassReason_BREAK_GLASS_REASON_PATIENT_UNABLE_TO_CONSENT, NoteHash: w.hash().Digest}, nil}, true
	}
}

// step runs one chosen block on every chain, learns from the first, and
// checks the chains agree on each transaction's result.
func (w *simWorld) step(t testing.TB, chains ...*simChain) []byte {
	at := chains[0].time.Add(time.Duration(1+w.rng.IntN(7200)) * time.Second)
	txs, ops := w.nextBlock(chains[0], at)
	var first *abci.ResponseFinalizeBlock
	var hash []byte
	for i, c := range chains {
		res, h := c.run(at, txs)
		if i == 0 {
			first, hash = res, h
			continue
		}
		require.Len(t, res.TxResults, len(first.TxResults))
		for k := range res.TxResults {
			require.Equal(t, first.TxResults[k].Code, res.TxResults[k].Code, "tx %d of height %d", k, c.height)
			require.Equal(t, first.TxResults[k].Data, res.TxResults[k].Data, "tx %d of height %d", k, c.height)
		}
	}
	for k, op := range ops {
		if first.TxResults[k].Code == 0 && op.learn != nil {
			op.learn(first.TxResults[k])
		}
	}
	return hash
}

// unpackMsgResponse decodes a successful transaction's first message response.
func unpackMsgResponse(res *abci.ExecTxResult, out gogoproto.Message) error {
	var data sdk.TxMsgData
	if err := data.Unmarshal(res.Data); err != nil {
		return err
	}
	if len(data.MsgResponses) == 0 {
		return fmt.Errorf("no message response")
	}
	return gogoproto.Unmarshal(data.MsgResponses[0].Value, out)
}

// runSim runs blocks from seed on a fresh chain and returns each block's app hash.
func runSim(t testing.TB, seed uint64, blocks int) ([][]byte, *simWorld, *simChain) {
	w := newSimWorld(seed)
	c := newSimChain(t, w.genesis(t), 1, time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))
	_, first := c.run(c.time.Add(time.Second), nil) // commits genesis, so transactions can be signed
	hashes := [][]byte{first}
	for range blocks {
		hashes = append(hashes, w.step(t, c))
	}
	return hashes, w, c
}

// Two runs from one seed reach the same app hash at every height: block
// execution depends on nothing but the blocks.
func TestSimulationIsDeterministic(t *testing.T) {
	for _, seed := range simSeeds() {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			blocks := simBlocks()
			first, w, c := runSim(t, seed, blocks)
			second, _, _ := runSim(t, seed, blocks)
			require.Len(t, second, len(first))
			for h := range first {
				require.True(t, bytes.Equal(first[h], second[h]), "app hash differs at height %d", h+1)
			}
			ctx := c.app.NewContext(true)
			events, err := c.app.AuditKeeper.EventSeq.Peek(ctx)
			require.NoError(t, err)
			grants, err := c.app.ConsentKeeper.GrantSeq.Peek(ctx)
			require.NoError(t, err)
			t.Logf("seed %d: %d blocks, %d records anchored, %d grants, %d access events", seed, blocks, len(w.records), grants, events)
			require.NotEmpty(t, w.records)
			require.Positive(t, grants)
			require.Positive(t, events)
		})
	}
}

// Midway, the state is exported and imported into a new chain; the import
// exports the same state, and the same blocks afterwards give both chains
// the same results and the same state.
func TestSimulationExportImport(t *testing.T) {
	for _, seed := range simSeeds() {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			blocks := simBlocks()
			_, w, c := runSim(t, seed, blocks/2)
			exported := c.export()
			imported := newSimChain(t, exported, c.height+1, c.time)
			at := c.time.Add(time.Second) // one empty block commits the import
			c.run(at, nil)
			imported.run(at, nil)
			require.JSONEq(t, string(c.export()), string(imported.export()), "the import exports another state")
			require.Contains(t, string(exported), w.records[0].id, "the export carries the records")

			for range blocks - blocks/2 {
				w.step(t, c, imported)
			}
			// An account opened after the import is numbered from the chain's
			// last app hash (x/auth GenerateID), which the new chain does not share.
			require.JSONEq(t, withoutAccountNumbers(c.export()), withoutAccountNumbers(imported.export()), "the chains diverged after the import")
		})
	}
}

var accountNumberRe = regexp.MustCompile(`"account_number":\s*"\d+"`)

// withoutAccountNumbers is an export with every account number blanked.
func withoutAccountNumbers(export []byte) string {
	return accountNumberRe.ReplaceAllString(string(export), `"account_number":"0"`)
}
