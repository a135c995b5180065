package cmd

import (
	"errors"
	"fmt"
	"os/signal"
	"syscall"
	"time"

	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/watch"
)

const (
	flagFromHeight = "from-height"
	flagToHeight   = "to-height"
	flagPoll       = "poll"
)

// watchCmd is `medchaind watch`: a patient's, an accessor's or a member's
// notifications, one JSON line each.
func watchCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "watch (--patient ADDR | --accessor ADDR | --member ADDR)... [--from-height H] [--to-height H]",
		Short: "Print one JSON line per event that concerns a patient, an accessor or a member",
		Long: `Print one JSON line per medchain event that names a watched address, in block order,
with the height, block time and transaction hash: consent requested, approved or ended
(declined, withdrawn, expired); grants given, revoked, expired; records anchored or
amended; accesses allowed or denied; break-glass.

--patient ADDR      events naming ADDR as the patient
--accessor ADDR     events naming ADDR as the accessor, grantee or requester
--member ADDR       events naming the member's operator ADDR as custodian or as the
                    member an agent acted for

The watcher follows the node's new-block events. When the node restarts or the
connection drops it retries from the height it had reached. Each block's lines are
written at once, so a watcher restarted with --from-height (the last printed
height + 1) prints every notification it missed, exactly once.`,
		Example: `  medchaind watch --patient med1... --node tcp://127.0.0.1:26657
  medchaind watch --member med1hospital... --from-height 1200 --to-height 1300`,
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var filter watch.Filter
			for _, role := range []string{"patient", "accessor", "member"} {
				addrs, _ := cmd.Flags().GetStringSlice(role)
				for _, a := range addrs {
					if _, err := sdk.AccAddressFromBech32(a); err != nil {
						return fmt.Errorf("--%s %q: %w", role, a, err)
					}
					if err := filter.Add(role, a); err != nil {
						return err
					}
				}
			}
			if filter.Empty() {
				return errors.New("watch whom? give --patient, --accessor or --member")
			}
			from, _ := cmd.Flags().GetInt64(flagFromHeight)
			to, _ := cmd.Flags().GetInt64(flagToHeight)
			poll, _ := cmd.Flags().GetDuration(flagPoll)
			switch {
			case from < 0 || to < 0:
				return errors.New("heights are positive")
			case to != 0 && from > to:
				return fmt.Errorf("--%s %d is after --%s %d", flagFromHeight, from, flagToHeight, to)
			case poll < 100*time.Millisecond || poll > time.Minute:
				return fmt.Errorf("--%s must be between 100ms and 1m", flagPoll)
			}
			node, _ := cmd.Flags().GetString(flags.FlagNode)
			src, err := watch.Dial(node)
			if err != nil {
				return err
			}
			defer src.Close()
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			w := watch.Watcher{Source: src, Filter: filter, Out: cmd.OutOrStdout(), Log: cmd.ErrOrStderr(), Poll: poll}
			if err := w.Run(ctx, from, to); err != nil && ctx.Err() == nil {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringSlice("patient", nil, "Watch events naming this patient address (repeatable)")
	cmd.Flags().StringSlice("accessor", nil, "Watch events naming this agent or operator as accessor, grantee or requester (repeatable)")
	cmd.Flags().StringSlice("member", nil, "Watch events naming this member's operator as custodian or acting member (repeatable)")
	cmd.Flags().Int64(flagFromHeight, 0, "First height to read (default: the next block)")
	cmd.Flags().Int64(flagToHeight, 0, "Last height to read, then exit (default: follow forever)")
	cmd.Flags().Duration(flagPoll, time.Second, "Longest wait between reads when no new-block event arrives")
	cmd.Flags().String(flags.FlagNode, "tcp://localhost:26657", "The node's CometBFT RPC address")
	return cmd
}
