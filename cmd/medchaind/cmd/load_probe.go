package cmd

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/medchain/medchain/client/load"
	"github.com/medchain/medchain/internal/files"
)

// probeFlags reads the probe --probe-grpc asks for, checked, and its
// target ("" and no probe when none); runLoad calls it before any setup.
func probeFlags(cmd *cobra.Command) (*load.Probe, string, error) {
	f := cmd.Flags()
	target, _ := f.GetString(flagProbe)
	if target == "" {
		return nil, "", nil
	}
	homes, _ := f.GetStringSlice(flagHomes)
	if len(homes) == 0 {
		return nil, "", fmt.Errorf("--%s needs --%s (the seeded genesis names the grantees)", flagProbe, flagHomes)
	}
	members, err := seededMembers(filepath.Join(homes[0], "config", "genesis.json"))
	if err != nil {
		return nil, "", err
	}
	p := &load.Probe{Members: members}
	p.Rate, _ = f.GetFloat64(flagProbeRate)
	p.Patients, _ = f.GetUint64(flagProbeN)
	if err := p.Validate(); err != nil {
		return nil, "", fmt.Errorf("--%s, --%s: %w", flagProbeRate, flagProbeN, err)
	}
	return p, target, nil
}

// startProbe starts probe p, which probeFlags read, asking target (nothing
// when p is nil); stop ends it and waits for it.
func startProbe(cmd *cobra.Command, p *load.Probe, target string) (*load.Probe, func(), error) {
	if p == nil {
		return nil, func() {}, nil
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, nil, err
	}
	p.Conn = conn
	ctx, cancel := context.WithCancel(cmd.Context())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				_, _ = fmt.Fprintln(cmd.ErrOrStderr(), err)
			}
			_ = conn.Close()
		})
	}
	return p, stop, nil
}

// writeProbe prints the probe's table and writes its CSV.
func writeProbe(cmd *cobra.Command, file string, rows []load.Row, results []load.ProbeResult) error {
	var table strings.Builder
	table.WriteString("\n| query | during step | offered tx/s | answers | errors | p50 ms | p99 ms |\n|---|---|---:|---:|---:|---:|---:|\n")
	records := [][]string{{"system", "workload", "step", "offered_tx_s", "query", "answers", "errors", "p50_ms", "p99_ms"}}
	ms := func(r load.ProbeResult, p99 bool) string {
		d := r.P50
		if p99 {
			d = r.P99
		}
		return strconv.FormatFloat(d.Seconds()*1000, 'f', 2, 64)
	}
	for _, r := range results {
		if r.Step >= len(rows) {
			continue
		}
		row := rows[r.Step]
		fmt.Fprintf(&table, "| %s | %s | %.0f | %d | %d | %s | %s |\n", r.Query, row.Step.Name, row.Step.Rate, r.Count, r.Errors, ms(r, false), ms(r, true))
		records = append(records, []string{row.System, row.Workload, row.Step.Name, strconv.FormatFloat(row.Step.Rate, 'f', 0, 64),
			r.Query, strconv.Itoa(r.Count), strconv.Itoa(r.Errors), ms(r, false), ms(r, true)})
	}
	if _, err := io.WriteString(cmd.OutOrStdout(), table.String()); err != nil {
		return err
	}
	return files.Create(file, load.WriteRecords(records))
}

// writeTreeRates prints and writes tier C: records per second anchored end
// to end through batches of leaves records, against the rate this machine
// builds such a tree in process (medchain's tree, and bare sha-256).
func writeTreeRates(cmd *cobra.Command, file string, rows []load.Row, leaves uint64) error {
	build, bare, err := load.TreeRates(int(leaves), 2*time.Second)
	if err != nil {
		return err
	}
	best := 0.0
	for _, r := range rows {
		if r.Step.Name == load.SweepStep {
			best = max(best, r.CommittedRate)
		}
	}
	records := best * float64(leaves)
	if _, err := fmt.Fprintf(cmd.OutOrStdout(), "\n| batch of %d leaves | records/s |\n|---|---:|\n| anchored end to end (peak batches/s × leaves) | %.0f |\n"+
		"| tree built in process (medchain's RFC 6962) | %.0f |\n| bare sha-256 (2n−1 hashes) | %.0f |\n| end to end / bare | %.2f× |\n",
		leaves, records, build, bare, records/bare); err != nil {
		return err
	}
	return files.Create(file, load.WriteRecords([][]string{
		{"leaves", "peak_batches_s", "records_s", "tree_leaves_s", "bare_sha256_leaves_s"},
		{strconv.FormatUint(leaves, 10), strconv.FormatFloat(best, 'f', 1, 64), strconv.FormatFloat(records, 'f', 0, 64),
			strconv.FormatFloat(build, 'f', 0, 64), strconv.FormatFloat(bare, 'f', 0, 64)},
	}))
}
