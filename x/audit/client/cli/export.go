package cli

import (
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/files"
	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/types"
)

const (
	flagPatient = "patient"
	flagFrom    = "from"
	flagTo      = "to"
	flagFormat  = "format"
	flagOut     = "out"
	pageSize    = 500
	// progressFrom is the export size from which a progress bar is shown.
	progressFrom = 2_000
)

// Cmd is `medchaind audit`.
func Cmd() *cobra.Command {
	return clikit.Group("audit", "Export the audit trail, or prove it in an evidence bundle", ExportCmd(), EvidenceCmd())
}

// ExportCmd is `medchaind audit export --patient P`.
func ExportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export --patient ADDR [--from T --to T] --format fhir|csv|json",
		Short: "Export every access to a patient's records: FHIR R4 AuditEvent Bundle (IHE BALP style), CSV or JSON",
		Example: `  medchaind audit export --patient med1... --format fhir --node tcp://127.0.0.1:27057
  medchaind audit export --patient med1... --from 2026-01-01T00:00:00Z --to 2026-02-01T00:00:00Z --format csv --out jan.csv`,
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: clikit.Query(func(cmd *cobra.Command, clientCtx client.Context, _ []string) error {
			patient, _ := cmd.Flags().GetString(flagPatient)
			format, _ := cmd.Flags().GetString(flagFormat)
			filter, err := timeFilter(cmd)
			if err != nil {
				return err
			}
			if format != "fhir" && format != "csv" && format != "json" {
				return fmt.Errorf("--%s must be fhir, csv or json", flagFormat)
			}
			events, err := fetch(cmd, types.NewQueryClient(clientCtx), patient, filter)
			if err != nil {
				return err
			}
			if path, _ := cmd.Flags().GetString(flagOut); path != "" {
				return files.Create(path, func(w io.Writer) error { return write(w, format, events) })
			}
			return write(cmd.OutOrStdout(), format, events)
		}),
	}
	addPatientRangeFlags(cmd, "Patient whose audit trail to export")
	cmd.Flags().String(flagFormat, "fhir", "fhir, csv or json")
	cmd.Flags().String(flagOut, "", "Write to this file instead of standard output")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// addPatientRangeFlags adds the required --patient and the --from/--to range.
func addPatientRangeFlags(cmd *cobra.Command, patient string) {
	cmd.Flags().String(flagPatient, "", patient)
	cmd.Flags().String(flagFrom, "", "Only events at or after this time (RFC 3339)")
	cmd.Flags().String(flagTo, "", "Only events before this time (RFC 3339)")
	_ = cmd.MarkFlagRequired(flagPatient)
}

func timeFilter(cmd *cobra.Command) (*types.EventFilter, error) {
	f := &types.EventFilter{}
	for flag, dst := range map[string]**time.Time{flagFrom: &f.From, flagTo: &f.To} {
		if s, _ := cmd.Flags().GetString(flag); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return nil, fmt.Errorf("--%s: %w", flag, err)
			}
			*dst = &t
		}
	}
	return f, nil
}

// fetch pages through the patient's events, with a progress bar on stderr
// for large exports.
func fetch(cmd *cobra.Command, q types.QueryClient, patient string, f *types.EventFilter) ([]types.AccessEvent, error) {
	var bar *progressbar.ProgressBar
	events, err := modulekit.AllPages(&query.PageRequest{Limit: pageSize, CountTotal: true},
		clikit.Pager(func(page *query.PageRequest) (*types.QueryEventsResponse, error) {
			return q.EventsByPatient(cmd.Context(), &types.QueryEventsByPatientRequest{Patient: patient, Filter: f, Pagination: page})
		}, func(res *types.QueryEventsResponse) ([]types.AccessEvent, *query.PageResponse) {
			return res.Events, res.Pagination
		}),
		func(got []types.AccessEvent, total uint64) {
			if bar == nil && total >= progressFrom {
				bar = progressbar.NewOptions64(int64(total), progressbar.OptionSetWriter(cmd.ErrOrStderr()),
					progressbar.OptionSetDescription("exporting access events"), progressbar.OptionShowCount())
			}
			if bar != nil {
				_ = bar.Add(len(got))
			}
		})
	if err != nil {
		return nil, err
	}
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(cmd.ErrOrStderr())
	}
	return events, nil
}

func write(w io.Writer, format string, events []types.AccessEvent) error {
	switch format {
	case "json":
		if events == nil {
			events = []types.AccessEvent{}
		}
		return clikit.PrintJSON(w, events)
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"id", "time", "height", "patient", "custodian", "record_id", "category", "accessor", "accessor_member",
			"action", "purpose", "decision", "grant_id", "reason", "break_glass_reason", "note_hash"})
		for _, e := range events {
			_ = cw.Write([]string{strconv.FormatUint(e.Id, 10), e.Time.UTC().Format(time.RFC3339Nano), strconv.FormatInt(e.Height, 10),
				e.Patient, e.Custodian, e.RecordId, e.Category.Code(), e.Accessor, e.AccessorMember, e.Action.Code(),
				e.Purpose.Code(), e.Decision.Code(), strconv.FormatUint(e.GrantId, 10), e.Reason.Code(), e.BreakGlassReason.Code(),
				hex.EncodeToString(e.NoteHash)})
		}
		cw.Flush()
		return cw.Error()
	}
	return clikit.PrintFHIR(w, events, ToFHIR)
}
