package cli

import (
	"fmt"
	"io"
	"strconv"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/consent/types"
)

const (
	flagPatient  = "patient"
	flagRequests = "requests"
)

// Cmd is `medchaind consent`.
func Cmd() *cobra.Command {
	return clikit.Group("consent", "Export consent grants as FHIR R4", ExportCmd())
}

// ExportCmd is `medchaind consent export GRANT_ID | --patient ADDR`.
func ExportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export [GRANT_ID] [--patient ADDR] [--requests]",
		Short: "Print a grant as a FHIR R4 Consent, or all of a patient's grants as a Bundle; with --requests, consent requests",
		Example: `  medchaind consent export 12 --node tcp://127.0.0.1:27057
  medchaind consent export --patient med1...
  medchaind consent export 4 --requests      (a request: proposed, active, rejected or inactive)
  medchaind consent export --patient med1... --requests`,
		Args:         cobra.MaximumNArgs(1),
		SilenceUsage: true,
		RunE: clikit.Query(func(cmd *cobra.Command, clientCtx client.Context, args []string) error {
			requests, _ := cmd.Flags().GetBool(flagRequests)
			what := "grant"
			if requests {
				what = "request"
			}
			id, patient, err := idOrPatient(cmd, args, what)
			if err != nil {
				return err
			}
			q := types.NewQueryClient(clientCtx)
			ctx := cmd.Context()
			out := cmd.OutOrStdout()
			switch {
			case requests && patient == "":
				res, err := q.ConsentRequest(ctx, &types.QueryConsentRequestRequest{RequestId: id})
				if err != nil {
					return err
				}
				return clikit.PrintJSON(out, RequestToFHIR(res.Request))
			case requests:
				return printAll(out, func(p *query.PageRequest) (*types.QueryRequestsResponse, error) {
					return q.RequestsByPatient(ctx, &types.QueryRequestsByPatientRequest{Patient: patient, Pagination: p})
				}, func(res *types.QueryRequestsResponse) ([]types.ConsentRequest, *query.PageResponse) {
					return res.Requests, res.Pagination
				}, RequestToFHIR)
			case patient == "":
				res, err := q.Grant(ctx, &types.QueryGrantRequest{GrantId: id})
				if err != nil {
					return err
				}
				return clikit.PrintJSON(out, ToFHIR(res.Grant))
			default:
				return printAll(out, func(p *query.PageRequest) (*types.QueryGrantsResponse, error) {
					return q.GrantsByPatient(ctx, &types.QueryGrantsByPatientRequest{Patient: patient, Pagination: p})
				}, func(res *types.QueryGrantsResponse) ([]types.Grant, *query.PageResponse) {
					return res.Grants, res.Pagination
				}, ToFHIR)
			}
		}),
	}
	cmd.Flags().String(flagPatient, "", "Export every grant (or request) of this patient as a Bundle")
	cmd.Flags().Bool(flagRequests, false, "Export consent requests instead of grants")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// idOrPatient reads what export prints: the one item the argument names by
// id, or (id 0) every one of --patient's; what names the item in errors.
func idOrPatient(cmd *cobra.Command, args []string, what string) (id uint64, patient string, err error) {
	patient, _ = cmd.Flags().GetString(flagPatient)
	switch {
	case len(args) == 1 && patient == "":
		if id, err = strconv.ParseUint(args[0], 10, 64); err != nil {
			return 0, "", fmt.Errorf("%s id %q: %w", what, args[0], err)
		}
		return id, "", nil
	case len(args) == 0 && patient != "":
		return 0, patient, nil
	default:
		return 0, "", fmt.Errorf("give either a %s id or --patient", what)
	}
}

// printAll prints every item of a list query (see clikit.AllPages) as a
// FHIR Bundle of Consents.
func printAll[T, R any](w io.Writer, ask func(*query.PageRequest) (R, error), items func(R) ([]T, *query.PageResponse),
	toFHIR func(T) fhir.Consent,
) error {
	all, err := clikit.AllPages(ask, items)
	if err != nil {
		return err
	}
	return clikit.PrintFHIR(w, all, toFHIR)
}
