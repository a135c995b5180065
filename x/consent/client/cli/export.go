package cli

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/fhirmap"
	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
)

const (
	flagPatient  = "patient"
	flagRequests = "requests"
)

// Cmd is `medchaind consent`.
func Cmd() *cobra.Command {
	cmd := &cobra.Command{Use: "consent", Short: "Export consent grants as FHIR R4"}
	cmd.AddCommand(ExportCmd())
	return cmd
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
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			q := types.NewQueryClient(clientCtx)
			patient, _ := cmd.Flags().GetString(flagPatient)
			if requests, _ := cmd.Flags().GetBool(flagRequests); requests {
				return exportRequests(cmd, q, args, patient)
			}
			var out any
			switch {
			case len(args) == 1 && patient == "":
				id, err := strconv.ParseUint(args[0], 10, 64)
				if err != nil {
					return fmt.Errorf("grant id %q: %w", args[0], err)
				}
				res, err := q.Grant(cmd.Context(), &types.QueryGrantRequest{GrantId: id})
				if err != nil {
					return err
				}
				out = ToFHIR(res.Grant)
			case len(args) == 0 && patient != "":
				grants, err := modulekit.AllPages(nil, func(page *query.PageRequest) ([]types.Grant, *query.PageResponse, error) {
					res, err := q.GrantsByPatient(cmd.Context(), &types.QueryGrantsByPatientRequest{Patient: patient, Pagination: page})
					if err != nil {
						return nil, nil, err
					}
					return res.Grants, res.Pagination, nil
				}, nil)
				if err != nil {
					return err
				}
				consents := make([]fhir.Consent, len(grants))
				for i, g := range grants {
					consents[i] = ToFHIR(g)
				}
				if out, err = fhirmap.Collection(consents); err != nil {
					return err
				}
			default:
				return errors.New("give either a grant id or --patient")
			}
			return printJSON(cmd, out)
		},
	}
	cmd.Flags().String(flagPatient, "", "Export every grant (or request) of this patient as a Bundle")
	cmd.Flags().Bool(flagRequests, false, "Export consent requests instead of grants")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// exportRequests prints one request (by id) or all of a patient's as FHIR Consents.
func exportRequests(cmd *cobra.Command, q types.QueryClient, args []string, patient string) error {
	switch {
	case len(args) == 1 && patient == "":
		id, err := strconv.ParseUint(args[0], 10, 64)
		if err != nil {
			return fmt.Errorf("request id %q: %w", args[0], err)
		}
		res, err := q.ConsentRequest(cmd.Context(), &types.QueryConsentRequestRequest{RequestId: id})
		if err != nil {
			return err
		}
		return printJSON(cmd, RequestToFHIR(res.Request))
	case len(args) == 0 && patient != "":
		requests, err := modulekit.AllPages(nil, func(page *query.PageRequest) ([]types.ConsentRequest, *query.PageResponse, error) {
			res, err := q.RequestsByPatient(cmd.Context(), &types.QueryRequestsByPatientRequest{Patient: patient, Pagination: page})
			if err != nil {
				return nil, nil, err
			}
			return res.Requests, res.Pagination, nil
		}, nil)
		if err != nil {
			return err
		}
		consents := make([]fhir.Consent, len(requests))
		for i, r := range requests {
			consents[i] = RequestToFHIR(r)
		}
		bundle, err := fhirmap.Collection(consents)
		if err != nil {
			return err
		}
		return printJSON(cmd, bundle)
	default:
		return errors.New("give either a request id or --patient")
	}
}
