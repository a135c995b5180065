package lightproof

import (
	"context"
	"fmt"

	lighthttp "github.com/cometbft/cometbft/light/provider/http"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/spf13/cobra"
)

// Flags of the commands that write a bundle.
const (
	FlagTrustHeight = "trust-height"
	FlagOut         = "out"
)

// AddBundleFlags adds --trust-height and --out, and the node flags.
func AddBundleFlags(cmd *cobra.Command) {
	cmd.Flags().Int64(FlagTrustHeight, 1, "Height the bundle's headers start from: the height whose hash (or, at the initial height, the genesis validators) its verifier trusts")
	cmd.Flags().String(FlagOut, "", "Write the bundle to this file instead of standard output")
	flags.AddQueryFlagsToCmd(cmd)
}

// ClientBuilder returns a Builder on the command's node (--node): values
// through ABCI queries, light blocks through the same node's RPC.
func ClientBuilder(cmd *cobra.Command) (*Builder, error) {
	clientCtx, err := client.GetClientQueryContext(cmd)
	if err != nil {
		return nil, err
	}
	node, err := clientCtx.GetNode()
	if err != nil {
		return nil, err
	}
	st, err := node.Status(cmd.Context())
	if err != nil {
		return nil, fmt.Errorf("node status: %w", err)
	}
	blocks, err := lighthttp.New(st.NodeInfo.Network, clientCtx.NodeURI)
	if err != nil {
		return nil, err
	}
	return NewBuilder(cmd.Context(), node, blocks)
}

// WriteBundle finishes the bundle from --trust-height and writes it to --out
// or standard output, with how to verify it on standard error.
func WriteBundle(ctx context.Context, cmd *cobra.Command, b *Builder, subject map[string]string) error {
	trust, _ := cmd.Flags().GetInt64(FlagTrustHeight)
	bundle, err := b.Bundle(ctx, subject, trust)
	if err != nil {
		return err
	}
	if path, _ := cmd.Flags().GetString(FlagOut); path != "" {
		err = bundle.Save(path)
	} else {
		err = bundle.Encode(cmd.OutOrStdout())
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "%d items proven at height %d through %d headers from height %d; check with: medchaind evidence verify FILE --trust %d:HASH (or --genesis genesis.json)\n",
		len(bundle.Items), bundle.Height, len(bundle.LightBlocks), trust, trust)
	return nil
}
