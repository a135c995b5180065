package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/client/load"
	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/files"
)

// Flags of medchaind load run.
const (
	flagHomes     = "homes"
	flagNodes     = "nodes"
	flagAccounts  = "accounts"
	flagRates     = "rates"
	flagStep      = "step"
	flagWarmup    = "warmup"
	flagDrain     = "drain"
	flagOverload  = "overload"
	flagSize      = "size"
	flagLeaves    = "batch-leaves"
	flagOutDir    = "out-dir"
	flagSystem    = "system"
	flagOperator  = "operator-key"
	flagBaseline  = "baseline"
	flagPlotDir   = "plot-dir"
	flagProbe     = "probe-grpc"
	flagProbeRate = "probe-rate"
	flagProbeN    = "probe-patients"
	kvWorkload    = "kv"
	maxRateSteps  = 32
	maxMultiplier = 16
)

// loadCmd is medchaind load: offered load at fixed rates against a running
// network, and the report of one or more runs.
func loadCmd() *cobra.Command {
	return clikit.Group("load", "Offer transactions at fixed rates to a running network and report what it commits",
		loadRunCmd(), loadReportCmd(), loadSeedCmd(), loadProbeCmd())
}

func loadRunCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run WORKLOAD",
		Short: "Run one workload: " + strings.Join(load.Workloads, ", ") + ", or kv (CometBFT's kvstore)",
		Long: `Offers WORKLOAD at each rate of --rates for --step, then at each multiple of
--overload times the saturating rate (the sweep's highest committed rate). Every transaction is signed
before its step starts; each account's stream is pinned to one node. The
committed rate is counted from the blocks (code 0 only); latency runs from
submission to the block that commits it.

medchain workloads (--homes: each node's home, whose operator enrols and funds
the load's accounts, whose client.toml names its RPC and app.toml its gRPC):
  anchor   MsgAnchorRecord, a new record each       amend  MsgAmendRecord
  batch    MsgAnchorBatch of --batch-leaves leaves   send   bank MsgSend
  grant    MsgGrantConsent, signed by patients      request MsgRequestAccess
kv: CometBFT's kvstore (--nodes: RPC addresses), key=value of --size bytes.

Writes OUT-DIR/SYSTEM-WORKLOAD.csv and prints the markdown table.`,
		Example: `  medchaind load run anchor --homes testnet/.localnet/hospital-a,testnet/.localnet/hospital-b --rates 100,200,400 --overload 2,4
  medchaind load run kv --nodes tcp://127.0.0.1:36657,tcp://127.0.0.1:36757 --size 410 --system kvstore`,
		Args: cobra.ExactArgs(1),
		RunE: runLoad,
	}
	f := cmd.Flags()
	f.StringSlice(flagHomes, nil, "medchain node homes, one per node the load goes through")
	f.StringSlice(flagNodes, nil, "CometBFT RPC addresses (kv)")
	f.Int(flagAccounts, 100, "accounts (streams), spread over the nodes")
	f.String(flagRates, "100,200,400,800", "offered rates of the sweep, tx/s, comma-separated")
	f.Duration(flagStep, 20*time.Second, "how long each rate is offered")
	f.Duration(flagWarmup, 3*time.Second, "start of each step left out of its committed rate")
	f.Duration(flagDrain, 60*time.Second, "longest wait after each step for the mempools to empty")
	f.String(flagOverload, "2,4", "multiples of the saturating rate offered after the sweep (\"\" for none)")
	f.Int(flagSize, 410, "kv transaction size in bytes")
	f.Uint64(flagLeaves, 1000, "leaves of each batch (batch)")
	f.String(flagOutDir, "build/bench", "directory of the CSV")
	f.String(flagSystem, "medchain", "system name in the report")
	f.String(flagOperator, "operator", "name of the operator's key in each home's test keyring")
	f.String(flagProbe, "", "gRPC address to ask CheckAccess and EventsByPatient about seeded patients during the run (medchaind load seed)")
	f.Float64(flagProbeRate, 20, "probe queries per second")
	f.Uint64(flagProbeN, 0, "seeded grants (the --grants given to medchaind load seed)")
	return cmd
}

// parseRates reads a comma-separated list of positive numbers.
func parseRates(s, what string, limit float64) ([]float64, error) {
	var out []float64
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		v, err := strconv.ParseFloat(part, 64)
		if err != nil || !(v > 0 && v <= limit) { // NaN too
			return nil, fmt.Errorf("%s: %q must be a number in (0, %g]", what, part, limit)
		}
		out = append(out, v)
	}
	if len(out) > maxRateSteps {
		return nil, fmt.Errorf("%s: at most %d values", what, maxRateSteps)
	}
	return out, nil
}

// overloadSteps are the steps offering each multiple of the sweep's
// saturating rate — its highest committed rate, not the offered rate that
// reached it, which can be well above — capped at load.MaxRate; none, said
// on stderr, when the sweep committed nothing.
func overloadSteps(cmd *cobra.Command, sweep load.Summary, multiples []float64, step time.Duration) []load.Step {
	if len(multiples) == 0 {
		return nil
	}
	if sweep.Peak <= 0 {
		_, _ = fmt.Fprintln(cmd.ErrOrStderr(), "no overload steps: the sweep committed nothing, so it has no saturating rate")
		return nil
	}
	var steps []load.Step
	for _, m := range multiples {
		steps = append(steps, load.Step{Name: fmt.Sprintf("%s %gx", load.OverloadStep, m), Rate: min(sweep.Peak*m, load.MaxRate), Duration: step})
	}
	return steps
}

func runLoad(cmd *cobra.Command, args []string) error {
	cmd.SilenceUsage = true
	f := cmd.Flags()
	workload := args[0]
	rateList, _ := f.GetString(flagRates)
	rates, err := parseRates(rateList, "--rates", load.MaxRate)
	if err != nil {
		return err
	}
	if len(rates) == 0 {
		return fmt.Errorf("--rates: at least one rate")
	}
	over, _ := f.GetString(flagOverload)
	multiples, err := parseRates(over, "--overload", maxMultiplier)
	if err != nil {
		return err
	}
	probeSet, probeTarget, err := probeFlags(cmd) // before any setup
	if err != nil {
		return err
	}
	base, err := newLoadBase(cmd, workload)
	if err != nil {
		return err
	}
	probe, stopProbe, err := startProbe(cmd, probeSet, probeTarget)
	if err != nil {
		return err
	}
	defer stopProbe()
	var steps []load.Step
	for _, r := range rates {
		steps = append(steps, load.Step{Name: load.SweepStep, Rate: r, Duration: base.step})
	}
	results, err := runSteps(cmd, base, steps, probe, 0)
	if err != nil {
		return err
	}
	if steps := overloadSteps(cmd, load.Summarize(rowsOf(base.system, results))[0], multiples, base.step); len(steps) > 0 {
		more, err := runSteps(cmd, base, steps, probe, len(results))
		if err != nil {
			return err
		}
		results = append(results, more...)
	}
	rows := rowsOf(base.system, results)
	out, _ := f.GetString(flagOutDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	writeRows := func(w io.Writer) error { return load.WriteCSV(w, rows) }
	if err := files.Create(filepath.Join(out, base.system+"-"+workload+".csv"), writeRows); err != nil {
		return err
	}
	if err := load.WriteMarkdown(cmd.OutOrStdout(), rows, ""); err != nil {
		return err
	}
	if workload == "batch" {
		leaves, _ := f.GetUint64(flagLeaves)
		if err := writeTreeRates(cmd, filepath.Join(out, base.system+"-batch-tree.csv"), rows, leaves); err != nil {
			return err
		}
	}
	if probe == nil {
		return nil
	}
	stopProbe()
	return writeProbe(cmd, filepath.Join(out, base.system+"-"+workload+"-queries.csv"), rows, probe.Results())
}

func rowsOf(system string, results []load.StepResult) []load.Row {
	rows := make([]load.Row, len(results))
	for i, r := range results {
		rows[i] = load.Row{System: system, StepResult: r}
	}
	return rows
}

// runSteps runs steps with a progress bar per step on stderr; the probe,
// if any, tags its answers with each step's index from first on.
func runSteps(cmd *cobra.Command, base *loadBase, steps []load.Step, probe *load.Probe, first int) ([]load.StepResult, error) {
	cfg := base.cfg
	cfg.Steps = steps
	var bar *progressbar.ProgressBar
	current := -1
	cfg.Progress = func(step int, _ time.Duration, submitted int) {
		if step != current {
			if probe != nil {
				probe.SetStep(first + step)
			}
			if bar != nil {
				_ = bar.Finish()
			}
			current = step
			s := steps[step]
			bar = progressbar.NewOptions(int(s.Rate*s.Duration.Seconds()), progressbar.OptionSetWriter(cmd.ErrOrStderr()),
				progressbar.OptionSetDescription(fmt.Sprintf("%s %s %.0f tx/s", cfg.Workload, s.Name, s.Rate)),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("tx"),
				progressbar.OptionThrottle(time.Second))
		}
		_ = bar.Set(submitted)
	}
	results, err := load.Run(cmd.Context(), cfg)
	if bar != nil {
		_ = bar.Finish()
		_, _ = fmt.Fprintln(cmd.ErrOrStderr())
	}
	return results, err
}
