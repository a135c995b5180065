package app_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	pruningtypes "github.com/cosmos/cosmos-sdk/store/v2/pruning/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// countingDB counts the reads of a node's database.
type countingDB struct {
	dbm.DB
	gets atomic.Int64
}

func (d *countingDB) Get(key []byte) ([]byte, error) {
	d.gets.Add(1)
	return d.DB.Get(key)
}

// A gRPC query of the newest block opens that block's trees once: the
// second query of the same block reads nothing from the database that the
// first did not, and a query after the next block opens the new one.
func TestQueriesOpenEachBlockOnce(t *testing.T) {
	db := &countingDB{DB: dbm.NewMemDB()}
	c := newTestChain(t, secp256k1.GenPrivKey(), withDB(db))
	c.block()
	c.block()

	first, err := c.app.CreateQueryContext(0, false)
	require.NoError(t, err)
	require.Equal(t, c.height, first.BlockHeight())
	db.gets.Store(0)
	second, err := c.app.CreateQueryContext(0, false)
	require.NoError(t, err)
	require.Equal(t, c.height, second.BlockHeight())
	require.Zero(t, db.gets.Load(), "the second query of a block opened its trees again")

	c.block()
	db.gets.Store(0)
	third, err := c.app.CreateQueryContext(0, false)
	require.NoError(t, err)
	require.Equal(t, c.height, third.BlockHeight(), "a query after a new block reads that block")
	require.NotZero(t, db.gets.Load(), "the new block's trees were not opened")
}

// recordQueried says whether a query context of height (0: the newest)
// finds the record anchored as name.
func (c *testChain) recordQueried(height int64, name string) bool {
	c.t.Helper()
	ctx, err := c.app.CreateQueryContext(height, false)
	require.NoError(c.t, err)
	ref := recordstypes.RecordRef{Custodian: c.memberAddr().String(), RecordId: testutil.RecordID(name)}
	_, err = c.app.RecordsKeeper.GetRecord(ctx, ref)
	return err == nil
}

// memberAddr is the hospital member's operator address.
func (c *testChain) memberAddr() sdk.AccAddress {
	if c.memberAddress == nil {
		c.memberAddress = sdk.AccAddress(c.member.PubKey().Address())
	}
	return c.memberAddress
}

// Shared trees never serve a stale block: each query of the newest block
// sees that block's writes, a query of an older height sees that height's
// state, and such a query does not push the newest block out.
func TestQueriesSeeEveryCommittedBlock(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	patient := sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())
	c.block()
	c.knownPatient(patient, "lab-1")
	first := c.height
	require.True(t, c.recordQueried(0, "lab-1"))
	require.False(t, c.recordQueried(0, "lab-2"))

	c.knownPatient(patient, "lab-2")
	require.True(t, c.recordQueried(0, "lab-2"), "the newest block's record is missing: a stale tree was shared")
	require.False(t, c.recordQueried(first, "lab-2"), "a query of the earlier height sees a later record")
	require.True(t, c.recordQueried(first, "lab-1"))
	require.True(t, c.recordQueried(0, "lab-2"), "the historical query replaced the newest block's trees")
}

// Queries from many clients while blocks commit: every answer is the state
// of the height its context names, never a mix. (A query that races the
// commit itself is refused with ErrInvalidHeight by the SDK, with or
// without shared trees: a refusal, not a wrong answer.)
func TestQueriesDuringCommitsReadOneHeight(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	patient := sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())
	c.block()
	anchoredAt := sync.Map{} // record name -> height
	var stop atomic.Bool
	var answered atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	member := sdk.AccAddress(c.member.PubKey().Address())
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				ctx, err := c.app.CreateQueryContext(0, false)
				if errors.Is(err, sdkerrors.ErrInvalidHeight) {
					continue // the SDK refuses a query racing a commit; the client asks again
				}
				if err != nil {
					errs <- err
					return
				}
				answered.Add(1)
				for i := 1; i <= 10; i++ {
					name := fmt.Sprintf("lab-%d", i)
					_, err := c.app.RecordsKeeper.GetRecord(ctx, recordstypes.RecordRef{Custodian: member.String(), RecordId: testutil.RecordID(name)})
					h, anchored := anchoredAt.Load(name)
					if want := anchored && h.(int64) <= ctx.BlockHeight(); want != (err == nil) {
						errs <- fmt.Errorf("query at height %d: %s found %v, anchored %v", ctx.BlockHeight(), name, err == nil, h)
						return
					}
				}
			}
		}()
	}
	for i := 1; i <= 10; i++ {
		name := fmt.Sprintf("lab-%d", i)
		anchoredAt.Store(name, c.height+1)
		c.knownPatient(patient, name)
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	require.Positive(t, answered.Load())
}

// A height pruned since its trees were opened is refused, as the SDK
// refuses it, rather than read from trees whose nodes are gone.
func TestQueriesOfAPrunedHeightAreRefused(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey(),
		withBaseApp(baseapp.SetPruning(pruningtypes.NewPruningOptions(pruningtypes.PruningEverything))), withBaseApp(baseapp.SetIAVLSyncPruning(true)))
	c.block()
	c.block()
	opened := c.height
	_, err := c.app.CreateQueryContext(0, false) // opens the trees of this height
	require.NoError(t, err)
	for range 25 { // "everything" keeps 2 heights and prunes every 10
		c.block()
	}
	_, err = c.app.CreateQueryContext(opened, false)
	require.ErrorContains(t, err, "failed to load state at height")
	_, err = c.app.CreateQueryContext(0, false)
	require.NoError(t, err)
}

// The query path of a node, side by side in one run: a query context of the
// newest block and one record read, through the SDK's path (each query
// opens every store's tree at that height and hashes the commit info) and
// through the shared trees.
//
//	go test -run '^$' -bench QueryPath ./app
func BenchmarkQueryPath(b *testing.B) {
	shared := newTestChain(b, secp256k1.GenPrivKey())
	sdkPath := newTestChain(b, secp256k1.GenPrivKey())
	sdkPath.app.SetQueryMultiStore(sdkPath.app.CommitMultiStore())
	patient := sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())
	for _, c := range []*testChain{shared, sdkPath} {
		c.block()
		c.knownPatient(patient, "lab-1")
	}
	const batch = 1000
	var took [2]time.Duration
	for b.Loop() {
		for i, c := range []*testChain{shared, sdkPath} {
			start := time.Now()
			for range batch {
				if !c.recordQueried(0, "lab-1") {
					b.Fatal("record not found")
				}
			}
			took[i] += time.Since(start)
		}
	}
	perQuery := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(b.N*batch) }
	b.ReportMetric(perQuery(took[0]), "shared-us/query")
	b.ReportMetric(perQuery(took[1]), "sdk-us/query")
	b.ReportMetric(float64(took[0])/float64(took[1]), "shared/sdk")
}
