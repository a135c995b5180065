package cmd

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/cometbft/cometbft/crypto/ed25519"
	cmtlog "github.com/cometbft/cometbft/libs/log"
	"github.com/cometbft/cometbft/privval"
	"github.com/spf13/cobra"
)

const (
	flagSignerNode    = "node"
	flagSignerChainID = "chain-id"
	// signerRetryWait is how long the signer waits between two dials of a
	// node that is down or restarting; it never gives up.
	signerRetryWait = time.Second
	// signerTimeout bounds one request's read or write on the connection.
	signerTimeout = 5 * time.Second
)

// signerCmd runs CometBFT's remote-signer protocol against a validator node
// whose config.toml sets priv_validator_laddr: the consensus key and its
// last-signed state live with this process (another host, or an HSM-backed
// signer such as tmkms in production), not with the node. The state file
// refuses to sign twice at one height, round and step, whichever node asks.
func signerCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "signer --node tcp://VALIDATOR:26659 --chain-id CHAIN",
		Short: "Sign blocks for a validator node from this process (CometBFT's remote signer)",
		Long: `Signs votes and proposals for the validator node at --node, which listens with
priv_validator_laddr in its config.toml. The key is HOME/config/priv_validator_key.json and
the double-sign guard HOME/data/priv_validator_state.json (copy both from the validator's
home, then delete the key there). The signer dials the node and keeps redialling while the
node is down; stop it with SIGINT or SIGTERM. See docs/operators.md, "Key safety".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			home, _ := cmd.Flags().GetString("home")
			node, _ := cmd.Flags().GetString(flagSignerNode)
			chainID, _ := cmd.Flags().GetString(flagSignerChainID)
			if node == "" || chainID == "" {
				return errors.New("--node and --chain-id are required")
			}
			pv, err := loadSignerKey(home)
			if err != nil {
				return err
			}
			logger := cmtlog.NewFilter(cmtlog.NewTMLogger(cmtlog.NewSyncWriter(cmd.ErrOrStderr())), cmtlog.AllowInfo()).
				With("module", "signer")
			endpoint := privval.NewSignerDialerEndpoint(logger,
				privval.DialTCPFn(node, signerTimeout, ed25519.GenPrivKey()),
				privval.SignerDialerEndpointRetryWaitInterval(signerRetryWait),
				privval.SignerDialerEndpointConnRetries(int(^uint(0)>>1)),
				privval.SignerDialerEndpointTimeoutReadWrite(signerTimeout))
			server := privval.NewSignerServer(endpoint, chainID, pv)
			if err := server.Start(); err != nil {
				return fmt.Errorf("start signer: %w", err)
			}
			logger.Info("signing", "validator", pv.GetAddress().String(), "node", node, "chain_id", chainID)
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			<-ctx.Done()
			return server.Stop()
		},
	}
	cmd.Flags().String(flagSignerNode, "", "the validator's priv_validator_laddr, tcp://HOST:PORT")
	cmd.Flags().String(flagSignerChainID, "", "the chain the validator signs for (signatures for any other are refused)")
	return cmd
}

// loadSignerKey reads the consensus key and its last-signed state from home,
// with an error naming a missing file (CometBFT's loader exits instead).
func loadSignerKey(home string) (*privval.FilePV, error) {
	key := filepath.Join(home, "config", "priv_validator_key.json")
	state := filepath.Join(home, "data", "priv_validator_state.json")
	for _, f := range []string{key, state} {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("signer: %w (copy it from the validator's home)", err)
		}
	}
	return privval.LoadFilePV(key, state), nil
}
