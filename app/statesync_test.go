package app_test

import (
	"context"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/cosmos/cosmos-sdk/store/v2/snapshots"
	snapshottypes "github.com/cosmos/cosmos-sdk/store/v2/snapshots/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// A node that joins by state sync has no state and never runs InitChain.

// newSyncingApp is a node's app as `medchaind start` builds it on an empty
// home: nothing committed, no InitChain. It serves and restores snapshots.
func newSyncingApp(t *testing.T, opts ...chainOption) *app.App {
	t.Helper()
	cfg := chainConfig{appOpts: simtestutil.AppOptionsMap{}}
	for _, o := range opts {
		o(&cfg)
	}
	base := append(cfg.baseOpts, baseapp.SetChainID(chainID), withSnapshots(t, 0))
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, cfg.appOpts, base...)
	require.Zero(t, a.LastBlockHeight())
	return a
}

// withSnapshots gives the app a snapshot store, taking a snapshot every
// interval blocks (0: none, only restores).
func withSnapshots(t *testing.T, interval uint64) func(*baseapp.BaseApp) {
	store, err := snapshots.NewStore(dbm.NewMemDB(), t.TempDir())
	require.NoError(t, err)
	return baseapp.SetSnapshot(store, snapshottypes.NewSnapshotOptions(interval, 2))
}

// syncConfig is config.toml of a node joining by state sync from peers.
func syncConfig(persistent, unconditional string) []chainOption {
	return []chainOption{
		withAppOption(app.FlagStateSync, true),
		withAppOption(app.FlagPersistentPeers, persistent),
		withAppOption(app.FlagUnconditionalPeers, unconditional),
	}
}

func requireAdmitted(t *testing.T, a *app.App, id string) {
	t.Helper()
	res := a.FilterPeerByID(id)
	require.Zero(t, res.Code, "peer %s refused: %s", id, res.Log)
	// Through the ABCI query CometBFT and the peer guard send.
	q, err := a.Query(context.Background(), &abci.RequestQuery{Path: "/p2p/filter/id/" + id})
	require.NoError(t, err)
	require.Zero(t, q.Code, "peer %s refused through the query: %s", id, q.Log)
}

func requireRefused(t *testing.T, a *app.App, id string) {
	t.Helper()
	res := a.FilterPeerByID(id)
	require.Equal(t, consortiumtypes.ErrPeerNotAllowed.ABCICode(), res.Code, "peer %s: %s", id, res.Log)
	require.Contains(t, res.Log, id)
	q, err := a.Query(context.Background(), &abci.RequestQuery{Path: "/p2p/filter/id/" + id})
	require.NoError(t, err)
	require.Equal(t, consortiumtypes.ErrPeerNotAllowed.ABCICode(), q.Code, "peer %s through the query: %s", id, q.Log)
}

// While it has no state, a node joining by state sync admits the peers its
// operator named in config.toml, and no one else.
func TestStateSyncAdmitsConfiguredPeers(t *testing.T) {
	a, b, c := testutil.NodeID("hospital-a"), testutil.NodeID("hospital-b"), testutil.NodeID("hospital-c")
	stranger := testutil.NodeID("stranger")
	syncing := newSyncingApp(t, syncConfig(a+"@10.0.0.1:26656, "+b+"@10.0.0.2:26656", c)...)

	requireAdmitted(t, syncing, a)
	requireAdmitted(t, syncing, b)
	requireAdmitted(t, syncing, c)
	requireRefused(t, syncing, stranger)
	// A peer ID is matched whole: neither a prefix nor the address is a peer.
	requireRefused(t, syncing, a[:39])
	requireRefused(t, syncing, "10.0.0.1:26656")
	requireRefused(t, syncing, "")
}

// Without state sync, config.toml admits no one: such a node runs InitChain
// and its genesis members answer (TestPeerFilter). A flag that is off, or
// absent, leaves a node with no state refusing even its configured peers.
func TestConfiguredPeersNeedStateSync(t *testing.T) {
	a, b := testutil.NodeID("hospital-a"), testutil.NodeID("hospital-b")
	for name, enable := range map[string]any{"off": false, "off as config text": "false", "absent": nil} {
		t.Run(name, func(t *testing.T) {
			opts := syncConfig(a+"@10.0.0.1:26656", b)
			opts[0] = withAppOption(app.FlagStateSync, enable)
			fresh := newSyncingApp(t, opts...)
			requireRefused(t, fresh, a)
			requireRefused(t, fresh, b)
		})
	}
}

// Once the snapshot is restored, the consortium's state answers: a peer the
// operator configured but the consortium does not admit is refused (the
// peer guard closes its connection), a member's node stays. The restored
// node has the source's app hash and executes the next block to the same
// one: nothing InitChain would have loaded is missing.
func TestStateSyncRestoreThenStateAnswers(t *testing.T) {
	const interval = 2
	source := newTestChain(t, secp256k1.GenPrivKey(), withBaseApp(withSnapshots(t, interval)))
	source.block()
	source.block()
	snapshot := latestSnapshot(t, source.app, interval)

	outsider := testutil.NodeID("configured-outsider")
	syncing := newSyncingApp(t, syncConfig(source.nodeID+"@10.0.0.1:26656", outsider)...)
	requireAdmitted(t, syncing, source.nodeID)
	requireAdmitted(t, syncing, outsider)

	restore(t, source.app, syncing, snapshot)
	require.EqualValues(t, interval, syncing.LastBlockHeight())
	require.Equal(t, source.app.LastCommitID(), syncing.LastCommitID(), "the restored state is the source's")

	requireAdmitted(t, syncing, source.nodeID)
	requireRefused(t, syncing, outsider)
	requireRefused(t, syncing, testutil.NodeID("stranger"))

	// The next block, with a member's transaction, gives both the same app hash.
	memberAddr := sdk.AccAddress(source.member.PubKey().Address())
	tx := source.tx(source.member, nil, nil, banktypes.NewMsgSend(memberAddr, testutil.Addr("patient"),
		sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1)))))
	source.ok(source.block(tx))
	res, err := syncing.FinalizeBlock(&abci.RequestFinalizeBlock{Height: source.height, Time: source.time, Txs: [][]byte{tx}})
	require.NoError(t, err)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	_, err = syncing.Commit()
	require.NoError(t, err)
	require.Equal(t, source.app.LastCommitID(), syncing.LastCommitID(), "the restored node diverged at the next block")
	requireRefused(t, syncing, outsider)
}

// latestSnapshot waits for the app's snapshot at height (taken in the
// background after the commit) and returns it.
func latestSnapshot(t *testing.T, a *app.App, height uint64) *abci.Snapshot {
	t.Helper()
	var snapshot *abci.Snapshot
	require.Eventually(t, func() bool {
		res, err := a.ListSnapshots(&abci.RequestListSnapshots{})
		require.NoError(t, err)
		for _, s := range res.Snapshots {
			if s.Height == height {
				snapshot = s
			}
		}
		return snapshot != nil
	}, 10*time.Second, 20*time.Millisecond, "no snapshot at height %d", height)
	return snapshot
}

// restore offers snapshot from source to target and applies its chunks, as
// CometBFT's state sync does.
func restore(t *testing.T, source, target *app.App, snapshot *abci.Snapshot) {
	t.Helper()
	offer, err := target.OfferSnapshot(&abci.RequestOfferSnapshot{Snapshot: snapshot, AppHash: source.LastCommitID().Hash})
	require.NoError(t, err)
	require.Equal(t, abci.ResponseOfferSnapshot_ACCEPT, offer.Result)
	for i := uint32(0); i < snapshot.Chunks; i++ {
		chunk, err := source.LoadSnapshotChunk(&abci.RequestLoadSnapshotChunk{Height: snapshot.Height, Format: snapshot.Format, Chunk: i})
		require.NoError(t, err)
		applied, err := target.ApplySnapshotChunk(&abci.RequestApplySnapshotChunk{Index: i, Chunk: chunk.Chunk})
		require.NoError(t, err)
		require.Equal(t, abci.ResponseApplySnapshotChunk_ACCEPT, applied.Result)
	}
}
