package cmd

import (
	"testing"

	"github.com/cometbft/cometbft/p2p"
	"github.com/stretchr/testify/require"
)

// fakeSwitch stands in for CometBFT's p2p switch.
type fakeSwitch struct{ stopped []p2p.Peer }

func (*fakeSwitch) Peers() p2p.IPeerSet                    { return p2p.NewPeerSet() }
func (s *fakeSwitch) StopPeerForError(p p2p.Peer, _ any)   { s.stopped = append(s.stopped, p) }
func (*fakeSwitch) AddPersistentPeers([]string) error      { return nil }
func (*fakeSwitch) AddUnconditionalPeerIDs([]string) error { return nil }
func (*fakeSwitch) AddPrivatePeerIDs([]string) error       { return nil }
func (*fakeSwitch) DialPeersAsync([]string) error          { return nil }

// The shapes of CometBFT's rpc/client/local.Local and core.Environment the
// guard reads.
type fakeEnvironment struct{ P2PPeers any }
type fakeLocal struct{ env *fakeEnvironment }

// The guard finds the switch behind an in-process client, and says why
// when it cannot (it then stays off and the node runs on).
func TestSwitchOf(t *testing.T) {
	sw := &fakeSwitch{}
	got, err := switchOf(&fakeLocal{env: &fakeEnvironment{P2PPeers: sw}})
	require.NoError(t, err)
	require.Same(t, sw, got)

	for name, c := range map[string]any{
		"a remote client":       struct{}{},
		"no environment":        &struct{ other int }{},
		"a nil environment":     &fakeLocal{},
		"no switch":             &fakeLocal{env: &fakeEnvironment{}},
		"a switch without Stop": &fakeLocal{env: &fakeEnvironment{P2PPeers: struct{}{}}},
	} {
		_, err := switchOf(c)
		require.Error(t, err, name)
	}
}
