package cmd

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/client/load"
)

// maxReportFiles bounds the CSV files one report reads.
const maxReportFiles = 64

func loadReportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report CSV...",
		Short: "One markdown table, with ratios to a baseline system, and PNG charts of several runs",
		Long: `Reads the CSV files medchaind load run wrote and prints every step, each
workload's peak, p99 latency at half its saturating rate and committed rate
under overload, and each workload's peak over the baseline system's; with
--plot-dir, writes latency.png (latency against offered load) and
throughput.png (committed against offered load) there.`,
		Example: `  medchaind load report build/bench/*.csv --baseline kvstore --plot-dir build/bench`,
		Args:    cobra.RangeArgs(1, maxReportFiles),
		RunE: func(cmd *cobra.Command, args []string) error {
			var rows []load.Row
			for _, name := range args {
				f, err := os.Open(name)
				if err != nil {
					return err
				}
				more, err := load.ReadCSV(f)
				_ = f.Close()
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				rows = append(rows, more...)
			}
			baseline, _ := cmd.Flags().GetString(flagBaseline)
			if err := load.WriteMarkdown(cmd.OutOrStdout(), rows, baseline); err != nil {
				return err
			}
			dir, _ := cmd.Flags().GetString(flagPlotDir)
			if dir == "" {
				return nil
			}
			return load.Plot(rows, filepath.Join(dir, "latency.png"), filepath.Join(dir, "throughput.png"))
		},
	}
	cmd.Flags().String(flagBaseline, "kvstore", "system the others are compared with")
	cmd.Flags().String(flagPlotDir, "", "directory to write latency.png and throughput.png in")
	return cmd
}
