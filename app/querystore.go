package app

import (
	"context"
	"sync"
	"sync/atomic"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/cosmos/cosmos-sdk/store/v2/cachemulti"
	"github.com/cosmos/cosmos-sdk/store/v2/iavl"
	"github.com/cosmos/cosmos-sdk/store/v2/rootmulti"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
)

// queryStore is the multistore gRPC queries read: the committed
// multistore, except that the read-only trees of the newest version are
// opened once per block and shared by every query of that block, and the
// newest height is the one the last Commit reported, not the commit info
// hashed afresh (twice per query). Both cost more than a CheckAccess itself
// on a node under load (docs/performance.md, tier D). A query of an older
// height, or of a store with a state listener, reads as before.
//
// The newest height is learnt as an ABCI listener of Commit: BaseApp calls
// it after the multistore commits and before it moves its check state to
// the new block, while the finalize state of that block still stands, so
// the height moves no earlier than a query context can match it. (The SDK
// can still refuse a query that reads the two states across the move, with
// or without this store: retryCommitRace asks again.) Until the first
// Commit of a process the root multistore answers.
type queryStore struct {
	*rootmulti.Store
	committed atomic.Int64 // height of the last Commit seen, 0 before any
	mu        sync.Mutex
	opened    queryVersion // the trees of one version, shared
}

// queryVersion is one version's read-only stores, by key, and the stores
// they were opened from (which tell whether the version is still there).
type queryVersion struct {
	version int64
	stores  map[storetypes.StoreKey]storetypes.CacheWrapper
	from    []*iavl.Store
}

// newQueryStore wraps cms, or returns nil when cms is not the SDK's root
// multistore (the SDK's own query path then stays).
func newQueryStore(cms storetypes.CommitMultiStore) *queryStore {
	rs, ok := cms.(*rootmulti.Store)
	if !ok {
		return nil
	}
	return &queryStore{Store: rs}
}

// LatestVersion is the newest committed height.
func (q *queryStore) LatestVersion() int64 {
	if h := q.committed.Load(); h > 0 {
		return h
	}
	return q.Store.LatestVersion()
}

// ListenFinalizeBlock implements storetypes.ABCIListener: nothing to learn.
func (*queryStore) ListenFinalizeBlock(context.Context, abci.RequestFinalizeBlock, abci.ResponseFinalizeBlock) error {
	return nil
}

// ListenCommit implements storetypes.ABCIListener: the block committed is
// the newest height from now on.
func (q *queryStore) ListenCommit(ctx context.Context, _ abci.ResponseCommit, _ []*storetypes.StoreKVPair) error {
	q.committed.Store(sdk.UnwrapSDKContext(ctx).BlockHeight())
	return nil
}

// CacheMultiStoreWithVersion branches version: from the shared trees when
// version is the newest asked for, else as the root multistore does.
func (q *queryStore) CacheMultiStoreWithVersion(version int64) (storetypes.CacheMultiStore, error) {
	stores, ok := q.open(version)
	if !ok {
		return q.Store.CacheMultiStoreWithVersion(version)
	}
	return cachemulti.NewStore(stores), nil
}

// open returns version's read-only stores: the shared ones, or new ones
// that replace them when version is newer. False for an older version (a
// historical query does not evict the newest), and when a store cannot be
// shared (a state listener, a store type other than IAVL, a version not
// committed or pruned).
func (q *queryStore) open(version int64) (map[storetypes.StoreKey]storetypes.CacheWrapper, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case version == q.opened.version && q.opened.stores != nil:
		// The newest committed version is never pruned: only an older
		// one needs asking.
		return q.opened.stores, version == q.committed.Load() || q.opened.exists()
	case version < q.opened.version:
		return nil, false
	}
	keys := q.StoreKeysByName()
	opened := queryVersion{version: version, stores: make(map[storetypes.StoreKey]storetypes.CacheWrapper, len(keys))}
	for _, key := range keys {
		tree, ok := q.GetStore(key).(*iavl.Store)
		if !ok || q.ListeningEnabled(key) {
			return nil, false
		}
		immutable, err := tree.GetImmutable(version)
		if err != nil {
			return nil, false
		}
		opened.stores[key] = immutable
		opened.from = append(opened.from, tree)
	}
	q.opened = opened
	return opened.stores, true
}

// exists says whether every store still has the version: pruning may have
// removed it since its trees were opened.
func (v queryVersion) exists() bool {
	for _, tree := range v.from {
		if !tree.VersionExists(v.version) {
			return false
		}
	}
	return true
}
