package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/pairwise"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// maxMnemonicBytes bounds what is read from standard input.
const maxMnemonicBytes = 1024

// PatientCmd is `medchaind patient`: a patient's separate address at each
// custodian, derived from one mnemonic.
func PatientCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "patient",
		Short: "A patient's pairwise addresses: one per custodian, from one mnemonic",
		Long: `A patient's app derives a separate address for each custodian (a member's
operator) from one BIP-39 mnemonic, so that nothing on chain links the patient's
records at two hospitals. The path is m/44'/118'/<a>'/0/0, with a the first 4 bytes
of sha256("medchain/pairwise/v1/" + custodian), top bit cleared. Commands that need
the mnemonic read it from standard input.`,
		RunE: client.ValidateCmd,
	}
	cmd.AddCommand(hdPathCmd(), addressCmd(), recordsCmd())
	return cmd
}

func hdPathCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "hd-path CUSTODIAN",
		Short: "Print the derivation path of the patient's key at CUSTODIAN",
		Example: `  medchaind keys add patient-at-a --recover --hd-path "$(medchaind patient hd-path med1...)"
`,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := sdk.AccAddressFromBech32(args[0]); err != nil {
				return fmt.Errorf("custodian %q: %w", args[0], err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), pairwise.HDPath(args[0]))
			return nil
		},
	}
}

// pairwiseAddress is one custodian's address of the patient.
type pairwiseAddress struct {
	Custodian string `json:"custodian"`
	Address   string `json:"address"`
	HDPath    string `json:"hd_path"`
}

func derive(mnemonic string, custodians []string) ([]pairwiseAddress, error) {
	out := make([]pairwiseAddress, len(custodians))
	for i, c := range custodians {
		if _, err := sdk.AccAddressFromBech32(c); err != nil {
			return nil, fmt.Errorf("custodian %q: %w", c, err)
		}
		key, err := pairwise.Key(mnemonic, "", c)
		if err != nil {
			return nil, err
		}
		out[i] = pairwiseAddress{Custodian: c, Address: sdk.AccAddress(key.PubKey().Address()).String(), HDPath: pairwise.HDPath(c)}
	}
	return out, nil
}

// readMnemonic reads the mnemonic from r (standard input).
func readMnemonic(r io.Reader) (string, error) {
	bz, err := io.ReadAll(io.LimitReader(r, maxMnemonicBytes+1))
	if err != nil {
		return "", err
	}
	if len(bz) > maxMnemonicBytes {
		return "", fmt.Errorf("standard input is longer than a mnemonic (%d bytes)", maxMnemonicBytes)
	}
	m := strings.TrimSpace(string(bz))
	if m == "" {
		return "", errors.New("give the patient's mnemonic on standard input")
	}
	return m, nil
}

func addressCmd() *cobra.Command {
	return &cobra.Command{
		Use:          "address CUSTODIAN... < MNEMONIC",
		Short:        "Print the patient's address at each custodian, from the mnemonic on standard input",
		Args:         cobra.MinimumNArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			mnemonic, err := readMnemonic(cmd.InOrStdin())
			if err != nil {
				return err
			}
			addrs, err := derive(mnemonic, args)
			if err != nil {
				return err
			}
			return clikit.PrintJSON(cmd.OutOrStdout(), addrs)
		},
	}
}

// mergedView is what a patient's app shows: every custodian's address of
// the patient and all their records, oldest first.
type mergedView struct {
	Addresses []pairwiseAddress            `json:"addresses"`
	Records   []recordstypes.RecordVersion `json:"records"`
}

func recordsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "records < MNEMONIC",
		Short: "List the patient's records at every member, from the mnemonic on standard input",
		Long: `Derive the patient's address at every member of the consortium and list the
records each holds under it, as one view. The node learns which addresses were
asked about; ask your own node.`,
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: clikit.Query(func(cmd *cobra.Command, clientCtx client.Context, _ []string) error {
			mnemonic, err := readMnemonic(cmd.InOrStdin())
			if err != nil {
				return err
			}
			members, err := clikit.AllPages(func(p *query.PageRequest) (*consortiumtypes.QueryMembersResponse, error) {
				return consortiumtypes.NewQueryClient(clientCtx).Members(cmd.Context(), &consortiumtypes.QueryMembersRequest{Pagination: p})
			}, func(res *consortiumtypes.QueryMembersResponse) ([]consortiumtypes.Member, *query.PageResponse) {
				return res.Members, res.Pagination
			})
			if err != nil {
				return err
			}
			custodians := make([]string, len(members))
			for i, m := range members {
				custodians[i] = m.Operator
			}
			view := mergedView{Records: []recordstypes.RecordVersion{}}
			if view.Addresses, err = derive(mnemonic, custodians); err != nil {
				return err
			}
			rq := recordstypes.NewQueryClient(clientCtx)
			for _, a := range view.Addresses {
				recs, err := patientRecords(cmd.Context(), rq, a.Address)
				if err != nil {
					return err
				}
				view.Records = append(view.Records, recs...)
			}
			sort.SliceStable(view.Records, func(i, j int) bool { return view.Records[i].AnchoredAt.Before(view.Records[j].AnchoredAt) })
			return clikit.PrintJSON(cmd.OutOrStdout(), view)
		}),
	}
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// patientRecords lists every record anchored for patient.
func patientRecords(ctx context.Context, q recordstypes.QueryClient, patient string) ([]recordstypes.RecordVersion, error) {
	return clikit.AllPages(func(p *query.PageRequest) (*recordstypes.QueryRecordsResponse, error) {
		return q.RecordsByPatient(ctx, &recordstypes.QueryRecordsByPatientRequest{Patient: patient, Pagination: p})
	}, func(res *recordstypes.QueryRecordsResponse) ([]recordstypes.RecordVersion, *query.PageResponse) {
		return res.Records, res.Pagination
	})
}
