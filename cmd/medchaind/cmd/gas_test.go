package cmd

import (
	"context"
	"testing"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
)

func txLike(args ...string) *cobra.Command {
	c := &cobra.Command{Use: "send", RunE: func(*cobra.Command, []string) error { return nil }}
	flags.AddTxFlagsToCmd(c)
	_ = c.ParseFlags(args)
	return c
}

// A tx command pays the nodes' default price unless the user chose a price
// or a fee; a command without gas flags is left alone.
func TestOfferDefaultGasPrice(t *testing.T) {
	c := txLike()
	offerDefaultGasPrice(c)
	got, err := c.Flags().GetString(flags.FlagGasPrices)
	require.NoError(t, err)
	require.Equal(t, app.DefaultMinGasPrices, got)

	c = txLike("--gas-prices", "0.5umed")
	offerDefaultGasPrice(c)
	got, _ = c.Flags().GetString(flags.FlagGasPrices)
	require.Equal(t, "0.5umed", got, "the user's price stands")

	c = txLike("--fees", "100umed")
	offerDefaultGasPrice(c)
	got, _ = c.Flags().GetString(flags.FlagGasPrices)
	require.Empty(t, got, "a fee and a price together are refused by the SDK: leave the price unset")

	q := &cobra.Command{Use: "members"}
	require.NotPanics(t, func() { offerDefaultGasPrice(q) })
}

// The peer-filter check itself: off without the flag is refused; off with
// the flag, or on, passes.
func TestCheckPeerFilter(t *testing.T) {
	for _, tc := range []struct {
		filter, unsafe bool
		refused        bool
	}{
		{filter: true}, {filter: false, refused: true}, {filter: false, unsafe: true}, {filter: true, unsafe: true},
	} {
		c := &cobra.Command{Use: "start"}
		addStartFlags(c)
		if tc.unsafe {
			require.NoError(t, c.Flags().Set(FlagUnsafeUnfilteredPeers, "true"))
		}
		sctx := server.NewDefaultContext()
		sctx.Config.FilterPeers = tc.filter
		c.SetContext(context.WithValue(context.Background(), server.ServerContextKey, sctx))
		err := checkPeerFilter(c)
		if tc.refused {
			require.ErrorIs(t, err, errUnfilteredPeers, "%+v", tc)
		} else {
			require.NoError(t, err, "%+v", tc)
		}
	}
}

// The config templates carry medchain's defaults.
func TestConfigDefaults(t *testing.T) {
	tmpl, v := initAppConfig()
	cfg := v.(AppConfig)
	require.Equal(t, app.DefaultMinGasPrices, cfg.MinGasPrices)
	require.EqualValues(t, DefaultQueryGasLimit, cfg.QueryGasLimit)
	require.Equal(t, "127.0.0.1:9090", cfg.GRPC.Address, "gRPC on loopback unless the operator opens it")
	require.Equal(t, "tcp://127.0.0.1:1317", cfg.API.Address)
	require.EqualValues(t, app.DefaultMaxPendingPerSigner, cfg.Medchain.MaxPendingTxsPerSigner)
	require.Contains(t, tmpl, "max-pending-txs-per-signer = {{ .Medchain.MaxPendingTxsPerSigner }}")

	cmt := initCometBFTConfig()
	require.True(t, cmt.FilterPeers)
	require.Equal(t, DefaultTimeoutCommit, cmt.Consensus.TimeoutCommit)
	require.EqualValues(t, consortiumMaxTxBytes, cmt.Mempool.MaxTxBytes)
}
