package app

import (
	"strings"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/spf13/cast"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// config.toml keys the node's server merges into the app options.
const (
	// FlagStateSync is config.toml's [statesync] enable.
	FlagStateSync = "statesync.enable"
	// FlagPersistentPeers is config.toml's [p2p] persistent_peers: ID@host:port, comma-separated.
	FlagPersistentPeers = "p2p.persistent_peers"
	// FlagUnconditionalPeers is config.toml's [p2p] unconditional_peer_ids: IDs, comma-separated.
	FlagUnconditionalPeers = "p2p.unconditional_peer_ids"
)

// stateSyncPeers are the node IDs the operator named in config.toml
// (persistent_peers and unconditional_peer_ids) when state sync is on, and
// none otherwise. A node that joins by state sync has no state and never
// runs InitChain (CometBFT skips it), so neither the consortium's state nor
// its genesis members can answer the peer filter: until the snapshot is
// restored, the peers its operator chose are the ones it syncs from.
func stateSyncPeers(appOpts servertypes.AppOptions) map[string]bool {
	if !cast.ToBool(appOpts.Get(FlagStateSync)) {
		return nil
	}
	ids := map[string]bool{}
	for _, key := range []string{FlagPersistentPeers, FlagUnconditionalPeers} {
		for _, entry := range configList(appOpts.Get(key)) {
			id, _, _ := strings.Cut(entry, "@")
			id = strings.ToLower(strings.TrimSpace(id))
			if consortiumtypes.ValidateNodeID(id) == nil {
				ids[id] = true
			}
		}
	}
	return ids
}

// configList reads a comma-separated config value (a TOML string or a flag),
// or a list of them.
func configList(v any) []string {
	var out []string
	switch v := v.(type) {
	case nil:
	case string:
		out = strings.Split(v, ",")
	default:
		for _, s := range cast.ToStringSlice(v) {
			out = append(out, strings.Split(s, ",")...)
		}
	}
	return out
}
