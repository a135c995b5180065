package cmd

import (
	"context"
	"errors"
	"reflect"
	"time"
	"unsafe"

	"cosmossdk.io/log/v2"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	"github.com/cometbft/cometbft/p2p"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	"golang.org/x/sync/errgroup"
)

// peerGuardInterval is how often connected peers are checked again.
const peerGuardInterval = time.Second

// peerSwitch is the part of CometBFT's p2p switch the guard uses.
type peerSwitch interface {
	Peers() p2p.IPeerSet
	StopPeerForError(peer p2p.Peer, reason any)
}

// guardPeers closes connections to peers the consortium no longer admits.
// CometBFT asks the app's peer filter only when a peer connects; after a
// member is suspended or removed, its nodes' open connections are closed
// here within a second of the block, with the same filter's answer.
func guardPeers(svrCtx *server.Context, clientCtx client.Context, ctx context.Context, g *errgroup.Group) error {
	if !svrCtx.Config.FilterPeers || clientCtx.Client == nil {
		return nil
	}
	sw, err := switchOf(clientCtx.Client)
	if err != nil {
		svrCtx.Logger.Error("peer guard is off: open connections of removed members stay until they drop", "err", err)
		return nil
	}
	every(ctx, g, peerGuardInterval, func() { closeRefused(ctx, clientCtx.Client, sw, svrCtx.Logger) })
	return nil
}

// abciQuerier is the part of the node's RPC client the guard uses.
type abciQuerier interface {
	ABCIQuery(ctx context.Context, path string, data cmtbytes.HexBytes) (*coretypes.ResultABCIQuery, error)
}

// closeRefused asks the app's peer filter about every connected peer and
// closes the connections it refuses now. A node joining by state sync keeps
// the peers it syncs from: the filter admits them until the snapshot is
// restored, then answers from the consortium's state.
func closeRefused(ctx context.Context, q abciQuerier, sw peerSwitch, logger log.Logger) {
	for _, p := range sw.Peers().Copy() {
		res, err := q.ABCIQuery(ctx, "/p2p/filter/id/"+string(p.ID()), nil)
		if err != nil || res.Response.Code == 0 {
			continue
		}
		logger.Info("closing a connection the consortium no longer admits", "peer", p.ID(), "reason", res.Response.Log)
		sw.StopPeerForError(p, "no longer a consortium peer")
	}
}

// every runs fn at each interval in g until ctx ends.
func every(ctx context.Context, g *errgroup.Group, interval time.Duration, fn func()) {
	g.Go(func() error {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-tick.C:
				fn()
			}
		}
	})
}

// switchOf reaches the p2p switch behind the node's in-process RPC client
// (rpc/client/local keeps its environment unexported).
func switchOf(c any) (peerSwitch, error) {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil, errors.New("not an in-process CometBFT client")
	}
	env := v.Elem().FieldByName("env")
	if !env.IsValid() || env.Kind() != reflect.Pointer || env.IsNil() {
		return nil, errors.New("the CometBFT client has no environment")
	}
	env = reflect.NewAt(env.Type(), unsafe.Pointer(env.UnsafeAddr())).Elem()
	peers := env.Elem().FieldByName("P2PPeers")
	if !peers.IsValid() || peers.IsNil() {
		return nil, errors.New("the CometBFT environment has no p2p switch")
	}
	sw, ok := peers.Interface().(peerSwitch)
	if !ok {
		return nil, errors.New("the p2p switch cannot stop peers")
	}
	return sw, nil
}
