package cmd

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

const (
	flagDuration = "duration"
	flagLabel    = "label"
	// maxProbeDuration bounds medchaind load probe's --duration.
	maxProbeDuration = time.Hour
)

// loadProbeCmd is medchaind load probe: the query probe on its own, as a
// regulator's client on its own host asks, while a load runs elsewhere.
func loadProbeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "probe",
		Short: "Ask CheckAccess and EventsByPatient about seeded patients for a while, and print their latency",
		Long: `Asks --probe-grpc, at --probe-rate queries per second for --duration, the
two queries integrators ask most about the patients medchaind load seed put
in the genesis of --homes' first home, and prints one table row per query:
answers, errors, p50 and p99 latency, labelled --label. It is the probe of
medchaind load run in a process of its own, which a benchmark can run at
another CPU priority, as a regulator's client on its own host.`,
		Example: "  medchaind load probe --probe-grpc 127.0.0.1:9090 --homes testnet/.localnet/hospital-a --probe-patients 20000 --duration 45s",
		Args:    cobra.NoArgs,
		RunE:    runLoadProbe,
	}
	f := cmd.Flags()
	f.String(flagProbe, "", "gRPC address to ask")
	f.StringSlice(flagHomes, nil, "a medchain node home whose genesis was seeded (medchaind load seed)")
	f.Float64(flagProbeRate, 20, "queries per second")
	f.Uint64(flagProbeN, 0, "seeded grants (the --grants given to medchaind load seed)")
	f.Duration(flagDuration, 30*time.Second, "how long to ask")
	f.String(flagLabel, "probe", "what the table's rows are labelled")
	return cmd
}

func runLoadProbe(cmd *cobra.Command, _ []string) error {
	cmd.SilenceUsage = true
	d, _ := cmd.Flags().GetDuration(flagDuration)
	if d <= 0 || d > maxProbeDuration {
		return fmt.Errorf("--%s %s must be in (0, %s]", flagDuration, d, maxProbeDuration)
	}
	p, target, err := probeFlags(cmd)
	if err == nil && p == nil {
		err = fmt.Errorf("--%s: the gRPC address to ask", flagProbe)
	}
	if err != nil {
		return err
	}
	p, stop, err := startProbe(cmd, p, target)
	if err != nil {
		return err
	}
	select {
	case <-time.After(d):
	case <-cmd.Context().Done():
	}
	stop()
	label, _ := cmd.Flags().GetString(flagLabel)
	var table strings.Builder
	table.WriteString("| query | during | answers | errors | p50 ms | p99 ms |\n|---|---|---:|---:|---:|---:|\n")
	for _, r := range p.Results() {
		fmt.Fprintf(&table, "| %s | %s | %d | %d | %.2f | %.2f |\n", r.Query, label, r.Count, r.Errors,
			r.P50.Seconds()*1000, r.P99.Seconds()*1000)
	}
	_, err = io.WriteString(cmd.OutOrStdout(), table.String())
	return err
}
