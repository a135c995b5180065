package cmd

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtcfg "github.com/cometbft/cometbft/config"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/p2p/mock"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
)

// switchWith is a p2p switch with connected peers; it records the ones it stops.
type switchWith struct {
	fakeSwitch
	peers *p2p.PeerSet
}

func (s *switchWith) Peers() p2p.IPeerSet { return s.peers }

// appQuerier answers the guard's ABCI queries from an app, as the node's
// in-process client does.
type appQuerier struct{ app *app.App }

func (q appQuerier) ABCIQuery(ctx context.Context, path string, data cmtbytes.HexBytes) (*coretypes.ResultABCIQuery, error) {
	res, err := q.app.Query(ctx, &abci.RequestQuery{Path: path, Data: data})
	if err != nil {
		return nil, err
	}
	return &coretypes.ResultABCIQuery{Response: *res}, nil
}

// A node joining by state sync, built as `medchaind start` builds it from
// its config.toml: every second the guard asks the filter about its peers,
// and it must keep the peers it syncs from while it has no state. Only a
// peer config.toml does not name is cut.
func TestPeerGuardKeepsStateSyncPeers(t *testing.T) {
	hospital, other, intruder := mock.NewPeer(net.IP{10, 0, 0, 1}), mock.NewPeer(net.IP{10, 0, 0, 2}), mock.NewPeer(net.IP{10, 0, 0, 9})
	sw := &switchWith{peers: p2p.NewPeerSet()}
	for _, p := range []p2p.Peer{hospital, other, intruder} {
		require.NoError(t, sw.peers.Add(p))
	}
	configure := func(cfg *cmtcfg.Config) {
		cfg.StateSync.Enable = true
		cfg.P2P.PersistentPeers = fmt.Sprintf("%s@10.0.0.1:26656", hospital.ID())
		cfg.P2P.UnconditionalPeerIDs = string(other.ID())
	}

	a := startedApp(t, configure)
	require.Zero(t, a.LastBlockHeight(), "a node joining by state sync has no state")
	closeRefused(context.Background(), appQuerier{a}, sw, log.NewNopLogger())
	require.Equal(t, []p2p.Peer{intruder}, sw.stopped, "the guard cut a peer config.toml names, or kept one it does not")

	// With state sync off, config.toml admits no one: such a node has its
	// genesis members, from InitChain, and none here.
	a = startedApp(t, func(cfg *cmtcfg.Config) { configure(cfg); cfg.StateSync.Enable = false })
	sw.stopped = nil
	closeRefused(context.Background(), appQuerier{a}, sw, log.NewNopLogger())
	require.ElementsMatch(t, []p2p.Peer{hospital, other, intruder}, sw.stopped)
}

// startedApp is the app `medchaind start` builds on a new home whose
// config.toml configure shapes: the server reads config.toml and app.toml
// into the app options as the start command does.
func startedApp(t *testing.T, configure func(*cmtcfg.Config)) *app.App {
	t.Helper()
	home := t.TempDir()
	cfg := initCometBFTConfig()
	configure(cfg)
	require.NoError(t, os.MkdirAll(filepath.Join(home, "config"), 0o700))
	cmtcfg.WriteConfigFile(filepath.Join(home, "config", "config.toml"), cfg)

	cmd := &cobra.Command{}
	cmd.Flags().String(flags.FlagHome, home, "")
	cmd.Flags().String(flags.FlagChainID, "medchain-test", "")
	appTemplate, appConfig := initAppConfig()
	svrCtx, err := server.InterceptConfigsAndCreateContext(cmd, appTemplate, appConfig, initCometBFTConfig())
	require.NoError(t, err)
	require.Equal(t, cfg.StateSync.Enable, svrCtx.Config.StateSync.Enable)
	a, ok := newApp(log.NewNopLogger(), dbm.NewMemDB(), svrCtx.Viper).(*app.App)
	require.True(t, ok)
	return a
}
