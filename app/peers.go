package app

import (
	"context"
	"sync"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/metrics"
	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// refusedPeers counts peers refused by the node ID filter.
var refusedPeers = metrics.New(consortiumtypes.ModuleName, "refused_peers")

// filterPeerByID answers CometBFT's `/p2p/filter/id/<id>` query when
// filter_peers is on: a peer is accepted only if its node ID is registered to
// an active member in the latest committed state. A restarted node answers
// from the state it committed last, before it commits anything new: it
// needs its peers to catch up, so "not ready" is never an answer. A node
// that has no state yet answers from its genesis members or, joining by
// state sync, from the peers its operator configured (see peerAllowed).
func (app *App) filterPeerByID(id string) *abci.ResponseQuery {
	allowed, err := app.peerAllowed(id)
	if err == nil && !allowed {
		refusedPeers.Inc()
		err = errorsmod.Wrapf(consortiumtypes.ErrPeerNotAllowed, "node %s", id)
	}
	if err != nil {
		space, code, log := errorsmod.ABCIInfo(err, false)
		return &abci.ResponseQuery{Codespace: space, Code: code, Log: log}
	}
	return &abci.ResponseQuery{}
}

func (app *App) peerAllowed(id string) (bool, error) {
	// Before the first block commits (or a snapshot is restored), the store
	// holds nothing yet: answer from the genesis members loaded by InitChain
	// or, when the node joins by state sync and so never runs InitChain, from
	// the peers config.toml names. Once the snapshot is restored the height
	// is the snapshot's and the state answers; the peer guard then closes
	// the connections the consortium does not admit.
	if app.LastBlockHeight() == 0 {
		return app.genesisPeers.has(id) || app.syncPeers[id], nil
	}
	// Right after a restart the check state carries no block header until
	// the next commit; the committed store is what counts, so do not ask
	// for a header at the latest height.
	ctx, err := app.CreateQueryContextWithCheckHeader(0, false, false)
	if err != nil {
		return false, err
	}
	return app.ConsortiumKeeper.IsPeerAllowed(ctx, id)
}

// genesisPeerSet holds the node IDs of active genesis members.
type genesisPeerSet struct {
	mu  sync.RWMutex
	ids map[string]bool
}

func (s *genesisPeerSet) load(ctx context.Context, k consortiumkeeper.Keeper) error {
	ids := map[string]bool{}
	err := k.NodeIDs.Walk(ctx, nil, func(id string, _ sdk.AccAddress) (bool, error) {
		allowed, err := k.IsPeerAllowed(ctx, id)
		ids[id] = allowed
		return false, err
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ids = ids
	s.mu.Unlock()
	return nil
}

func (s *genesisPeerSet) has(id string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ids[id]
}
