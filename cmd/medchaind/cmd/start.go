package cmd

import (
	"errors"

	"github.com/cosmos/cosmos-sdk/server"
	"github.com/spf13/cobra"
)

// FlagUnsafeUnfilteredPeers lets a node start with filter_peers = false.
const FlagUnsafeUnfilteredPeers = "unsafe-allow-unfiltered-peers"

// errUnfilteredPeers is why a node refuses to start without the peer filter.
var errUnfilteredPeers = errors.New("config.toml has filter_peers = false: this node would accept peers that are not the consortium's; " +
	"set filter_peers = true (or pass --" + FlagUnsafeUnfilteredPeers + " on an isolated test network)")

// addStartFlags makes `medchaind start` refuse a config that turns the peer
// filter off: only the consortium's registered nodes may connect, so a node
// never runs open by a config mistake.
func addStartFlags(start *cobra.Command) {
	start.Flags().Bool(FlagUnsafeUnfilteredPeers, false, "start even though config.toml turns filter_peers off (test networks only)")
	run := start.RunE
	start.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkPeerFilter(cmd); err != nil {
			return err
		}
		return run(cmd, args)
	}
}

func checkPeerFilter(cmd *cobra.Command) error {
	unsafe, _ := cmd.Flags().GetBool(FlagUnsafeUnfilteredPeers)
	if cfg := server.GetServerContextFromCmd(cmd).Config; cfg != nil && !cfg.FilterPeers && !unsafe {
		return errUnfilteredPeers
	}
	return nil
}
