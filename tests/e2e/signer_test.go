package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// keyFiles are a validator's consensus key and its last-signed state,
// relative to a home.
var keyFiles = []string{"config/priv_validator_key.json", "data/priv_validator_state.json"}

// moveKey moves the consensus key and its state from one home to another.
func moveKey(t testing.TB, from, to string) {
	t.Helper()
	for _, f := range keyFiles {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(to, f)), 0o700))
		require.NoError(t, os.Rename(filepath.Join(from, f), filepath.Join(to, f)))
	}
}

// startSigner runs `medchaind signer` for the key in home against the node
// listening at laddr; the returned function kills it.
func (n *localnet) startSigner(t testing.TB, home, laddr string) func() {
	t.Helper()
	log, err := os.OpenFile(filepath.Join(home, "signer.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	require.NoError(t, err)
	cmd := exec.Command(n.bin, "signer", "--home", home, "--node", laddr, "--chain-id", n.cfg.chainID)
	cmd.Stdout, cmd.Stderr = log, log
	require.NoError(t, cmd.Start())
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	return func() {
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
		_ = log.Close()
	}
}

// configSet sets a config.toml value with `medchaind config set` and reads
// it back with `config get` (confix validates only app.toml: config.toml
// needs --skip-validate).
func (n *localnet) configSet(t testing.TB, home, key, value string) {
	t.Helper()
	out, err := exec.Command(n.bin, "config", "set", "config", key, value, "--skip-validate", "--home", home).CombinedOutput()
	require.NoError(t, err, string(out))
	out, err = exec.Command(n.bin, "config", "get", "config", key, "--home", home).CombinedOutput()
	require.NoError(t, err, string(out))
	require.Equal(t, fmt.Sprintf("%q", value), strings.TrimSpace(string(out)))
}

// signs waits until validator addr signs a commit above height from, as
// node 0 sees it.
func (n *localnet) signs(t testing.TB, addr string, from int64, timeout time.Duration) int64 {
	t.Helper()
	var at int64
	waitFor(t, timeout, "validator "+addr+" to sign", func() bool {
		for h := from + 1; h <= n.height(0); h++ {
			if n.signers(0, h)[addr] {
				at = h
				return true
			}
		}
		return false
	})
	return at
}

// A validator whose key lives with a separate signer process (CometBFT's
// remote-signer protocol, as tmkms or an HSM provides) signs blocks, stops
// signing when the signer dies while the chain goes on, and signs again when
// the signer comes back; its node holds no key of the consortium's.
func (n *localnet) testRemoteSigner(t *testing.T) {
	const d = 3 // hospital-d
	addr := n.consensusAddress(t, d)
	home, signerHome := n.nodeHome(d), t.TempDir()
	laddr := fmt.Sprintf("tcp://127.0.0.1:%d", n.ep[d].rpc+2)

	n.must(t, "stop-node", n.name(d))
	stopSigner := func() {}
	t.Cleanup(func() {
		// Give the key back to the node, as the other tests expect.
		n.must(t, "stop-node", n.name(d))
		stopSigner()
		if _, err := os.Stat(filepath.Join(signerHome, keyFiles[0])); err == nil {
			for _, f := range keyFiles {
				_ = os.Remove(filepath.Join(home, f))
			}
			moveKey(t, signerHome, home)
		}
		n.configSet(t, home, "priv_validator_laddr", "")
		n.must(t, "start-node", n.name(d))
		n.signs(t, addr, n.height(0), 2*time.Minute)
	})
	moveKey(t, home, signerHome)
	n.configSet(t, home, "priv_validator_laddr", laddr)
	stopSigner = n.startSigner(t, signerHome, laddr)
	n.must(t, "start-node", n.name(d))

	signed := n.signs(t, addr, n.height(0), 2*time.Minute)
	require.NotEqual(t, addr, n.consensusAddress(t, d), "the node made itself a throwaway key; the consortium's key is only with the signer")
	n.appHashesAgree(t)

	stopSigner()
	h := n.height(0)
	n.waitHeight(t, time.Minute, h+4, 0)
	for k := h + 2; k <= h+4; k++ {
		require.False(t, n.signers(0, k)[addr], "no signature at height %d without the signer", k)
	}

	stopSigner = n.startSigner(t, signerHome, laddr)
	require.Greater(t, n.signs(t, addr, h+4, 2*time.Minute), signed, "the validator signs again once its signer is back")
}
