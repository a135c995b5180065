package cmd_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cometbft/cometbft/crypto/ed25519"
	cmtcli "github.com/cometbft/cometbft/libs/cli"
	cmtlog "github.com/cometbft/cometbft/libs/log"
	"github.com/cometbft/cometbft/privval"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/client/flags"
	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/cmd/medchaind/cmd"
)

// runWithContext executes medchaind with args until ctx ends, as
// svrcmd.Execute does (the same flags, client and server contexts).
func runWithContext(ctx context.Context, home string, args ...string) (string, error) {
	root := cmd.NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	for _, f := range []string{flags.FlagLogLevel, flags.FlagLogFormat, flags.FlagVerboseLogLevel} {
		root.PersistentFlags().String(f, "", "")
	}
	root.PersistentFlags().Bool(flags.FlagLogNoColor, false, "")
	err := cmtcli.PrepareBaseCmd(root, "MEDCHAIN", home).ExecuteContext(svrcmd.CreateExecuteContext(ctx))
	return out.String(), err
}

// validatorNode listens for a remote signer as a node with
// priv_validator_laddr does, and asks it for signatures.
func validatorNode(t *testing.T, chainID string) (*privval.SignerClient, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	endpoint := privval.NewSignerListenerEndpoint(cmtlog.NewNopLogger(), privval.NewTCPListener(ln, ed25519.GenPrivKey()))
	sc, err := privval.NewSignerClient(endpoint, chainID)
	require.NoError(t, err)
	t.Cleanup(func() { _ = sc.Close() })
	return sc, "tcp://" + ln.Addr().String()
}

func prevote(height int64, block string) *cmtproto.Vote {
	hash := sha256.Sum256([]byte(block))
	return &cmtproto.Vote{
		Type: cmtproto.PrevoteType, Height: height, Round: 0, Timestamp: time.Now().UTC(),
		BlockID: cmtproto.BlockID{Hash: hash[:], PartSetHeader: cmtproto.PartSetHeader{Total: 1, Hash: hash[:]}},
	}
}

// The signer signs what the node asks with the home's consensus key, refuses
// a second, different vote at the same height, round and step (what a
// second node with the same key would ask), and refuses another chain.
func TestSignerSignsOnceAndOnlyForItsChain(t *testing.T) {
	const chainID = "medchain-test"
	home := initHome(t)
	node, laddr := validatorNode(t, chainID)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		out, err := runWithContext(ctx, home, "signer", "--home", home, "--node", laddr, "--chain-id", chainID)
		if err != nil {
			err = fmt.Errorf("%w: %s", err, out)
		}
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("the signer stopped: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	require.NoError(t, node.WaitForConnection(20*time.Second))

	pub, err := node.GetPubKey()
	require.NoError(t, err)
	filePV := privval.LoadFilePV(filepath.Join(home, "config", "priv_validator_key.json"), filepath.Join(home, "data", "priv_validator_state.json"))
	require.Equal(t, filePV.Key.PubKey, pub, "the signer speaks for the home's key")

	vote := prevote(7, "block A")
	require.NoError(t, node.SignVote(chainID, vote))
	require.True(t, pub.VerifySignature(cmttypes.VoteSignBytes(chainID, vote), vote.Signature))

	conflicting := prevote(7, "block B")
	require.ErrorContains(t, node.SignVote(chainID, conflicting), "conflicting data", "no second vote at one height, round and step")
	require.Empty(t, conflicting.Signature)
	require.Error(t, node.SignVote("another-chain", prevote(8, "block A")), "a vote for another chain is refused")

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the signer did not stop when asked")
	}
	state, err := os.ReadFile(filepath.Join(home, "data", "priv_validator_state.json"))
	require.NoError(t, err)
	require.Contains(t, string(state), `"height": "7"`, "the last signed height is kept for the next start")
}

func TestSignerRefusesMissingKeyAndFlags(t *testing.T) {
	empty := t.TempDir()
	_, err := run(t, empty, "signer", "--home", empty, "--node", "tcp://127.0.0.1:1", "--chain-id", "medchain-test")
	require.ErrorContains(t, err, "priv_validator_key.json")
	require.ErrorContains(t, err, "copy it from the validator's home")

	home := initHome(t)
	require.NoError(t, os.Remove(filepath.Join(home, "data", "priv_validator_state.json")))
	_, err = run(t, home, "signer", "--home", home, "--node", "tcp://127.0.0.1:1", "--chain-id", "medchain-test")
	require.ErrorContains(t, err, "priv_validator_state.json", "a key without its state could sign twice")

	_, err = run(t, home, "signer", "--home", home, "--chain-id", "medchain-test")
	require.ErrorContains(t, err, "--node and --chain-id are required")
}
