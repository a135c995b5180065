package load

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cometbft/cometbft/abci/example/kvstore"
	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/libs/log"
	cmtnet "github.com/cometbft/cometbft/libs/net"
	"github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	"github.com/cometbft/cometbft/types"
	"github.com/stretchr/testify/require"
)

// kvNode starts one CometBFT validator running the kvstore app in-process,
// its files in a fresh temporary directory and its RPC on a free loopback
// port, makes a block every ~100 ms, and returns its RPC address. The node
// stops when the test ends.
func kvNode(t *testing.T) string {
	t.Helper()
	cfg := cmtcfg.TestConfig().SetRoot(t.TempDir())
	cmtcfg.EnsureRoot(cfg.RootDir)
	cfg.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", freePort(t))
	cfg.RPC.GRPCListenAddress = ""
	cfg.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", freePort(t))
	// No peer exchange: its address book would write its file after the
	// node has stopped, into a directory the test is removing.
	cfg.P2P.PexReactor = false
	cfg.Consensus.TimeoutCommit = 100 * time.Millisecond
	cfg.Consensus.SkipTimeoutCommit = false

	pv := privval.GenFilePV(cfg.PrivValidatorKeyFile(), cfg.PrivValidatorStateFile())
	pv.Save()
	pub, err := pv.GetPubKey()
	require.NoError(t, err)
	genesis := &types.GenesisDoc{
		ChainID:         "load-test",
		GenesisTime:     time.Now(),
		ConsensusParams: types.DefaultConsensusParams(),
		Validators:      []types.GenesisValidator{{Address: pub.Address(), PubKey: pub, Power: 10}},
	}
	require.NoError(t, genesis.SaveAs(cfg.GenesisFile()))
	nodeKey, err := p2p.LoadOrGenNodeKey(cfg.NodeKeyFile())
	require.NoError(t, err)

	n, err := node.NewNode(cfg, pv, nodeKey, proxy.NewLocalClientCreator(kvstore.NewInMemoryApplication()),
		node.DefaultGenesisDocProviderFunc(cfg), cmtcfg.DefaultDBProvider,
		node.DefaultMetricsProvider(cfg.Instrumentation), log.NewNopLogger())
	require.NoError(t, err)
	require.NoError(t, n.Start())
	t.Cleanup(func() {
		_ = n.Stop()
		n.Wait()
	})

	// Wait until the node has made a block: Run starts from the latest.
	c, err := rpchttp.New(cfg.RPC.ListenAddress, "/websocket")
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		st, err := c.Status(context.Background())
		return err == nil && st.SyncInfo.LatestBlockHeight >= 2
	}, 20*time.Second, 50*time.Millisecond, "the node makes no block")
	return cfg.RPC.ListenAddress
}

// freePort is a loopback port nothing listens on (at the time of asking).
func freePort(t *testing.T) int {
	t.Helper()
	port, err := cmtnet.GetFreePort()
	require.NoError(t, err)
	return port
}
