// Package cli holds the consent commands autocli cannot generate: granting,
// requesting and approving with a human duration, and FHIR export.
package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

const (
	flagCategories = "categories"
	flagRecords    = "records"
	flagPurposes   = "purposes"
	flagFor        = "for"
	flagUntil      = "until"
)

// TxCmd is `medchaind tx consent`; autocli adds the generated commands.
func TxCmd() *cobra.Command {
	cmd := &cobra.Command{Use: types.ModuleName, Short: "Consent transactions: grant and revoke access, ask for and answer consent requests"}
	cmd.AddCommand(GrantCmd(), RequestCmd(), ApproveCmd(), DeclineCmd())
	return cmd
}

// GrantCmd is `medchaind tx consent grant GRANTEE`.
func GrantCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "grant GRANTEE --purposes treat --for 7d [--categories lab,imaging] [--records CUSTODIAN/ID,...]",
		Short: "Grant a member (and its agents) or one agent access to your records",
		Long: `Grant GRANTEE — a member's operator address (covering all its active agents) or a
single agent — access to your records for the given purposes, until the grant
expires. Scope with --categories and/or --records (each CUSTODIAN/RECORD_ID); with
neither, the grant covers all your records except restricted ones, which only a
grant naming them covers. Sign with your patient key (--from).`,
		Example:      `  medchaind tx consent grant med1cardiologist... --categories lab --purposes treat --for 7d --from patient`,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return broadcast(cmd, func(from sdk.AccAddress) (sdk.Msg, error) { return grantMsg(cmd, from.String(), args[0], time.Now()) })
		},
	}
	addScopeFlags(cmd)
	cmd.Flags().String(flagFor, "", "How long the grant lasts: 7d, 12h, 30m")
	cmd.Flags().String(flagUntil, "", "When the grant ends, RFC 3339 (instead of --for)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func grantMsg(cmd *cobra.Command, patient, grantee string, now time.Time) (*types.MsgGrantConsent, error) {
	scope, err := scopeFlags(cmd)
	if err != nil {
		return nil, err
	}
	msg := &types.MsgGrantConsent{Patient: patient, Grantee: grantee, Categories: scope.Categories, Records: scope.Records, Purposes: scope.Purposes}
	forStr, _ := cmd.Flags().GetString(flagFor)
	until, _ := cmd.Flags().GetString(flagUntil)
	switch {
	case forStr != "" && until != "":
		return nil, fmt.Errorf("give --%s or --%s, not both", flagFor, flagUntil)
	case forStr != "":
		d, err := ParseDuration(forStr)
		if err != nil {
			return nil, err
		}
		msg.ExpiresAt = now.Add(d).UTC()
	case until != "":
		t, err := time.Parse(time.RFC3339, until)
		if err != nil {
			return nil, fmt.Errorf("--%s: %w", flagUntil, err)
		}
		msg.ExpiresAt = t.UTC()
	default:
		return nil, fmt.Errorf("a grant needs an end: --%s 7d or --%s 2027-01-31T00:00:00Z", flagFor, flagUntil)
	}
	return msg, nil
}

// broadcast signs and sends (or, with --generate-only, prints) the message
// build makes for the --from address.
func broadcast(cmd *cobra.Command, build func(from sdk.AccAddress) (sdk.Msg, error)) error {
	clientCtx, err := client.GetClientTxContext(cmd)
	if err != nil {
		return err
	}
	msg, err := build(clientCtx.GetFromAddress())
	if err != nil {
		return err
	}
	return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
}

// addScopeFlags adds --categories, --records and --purposes.
func addScopeFlags(cmd *cobra.Command) {
	cmd.Flags().StringSlice(flagCategories, nil, "Record categories: lab, imaging, medication, allergy, ... (restricted records are granted only with --records)")
	cmd.Flags().StringSlice(flagRecords, nil, "Records, each CUSTODIAN/RECORD_ID")
	cmd.Flags().StringSlice(flagPurposes, nil, "HL7 v3 purposes of use: treat, etreat, hpaymt, hoperat, hresch, patrqt, pubhlth, ...")
}

// scopeFlags reads --categories, --records and --purposes.
func scopeFlags(cmd *cobra.Command) (types.Scope, error) {
	var scope types.Scope
	cats, _ := cmd.Flags().GetStringSlice(flagCategories)
	var err error
	if scope.Categories, err = recordstypes.ParseCategories(strings.Join(cats, ",")); err != nil {
		return scope, err
	}
	refs, _ := cmd.Flags().GetStringSlice(flagRecords)
	for _, s := range refs {
		ref, err := recordstypes.ParseRecordRef(s)
		if err != nil {
			return scope, err
		}
		scope.Records = append(scope.Records, ref)
	}
	purposes, _ := cmd.Flags().GetStringSlice(flagPurposes)
	scope.Purposes, err = types.ParsePurposes(strings.Join(purposes, ","))
	return scope, err
}

// ParseDuration reads human durations: 7d, 2w, and Go's 12h, 90m, 1h30m.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.ParseUint(n, 10, 32)
			if err != nil || v == 0 {
				return 0, fmt.Errorf("invalid duration %q", s)
			}
			return time.Duration(v) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid duration %q: use 7d, 2w, 12h or 30m", s)
	}
	return d, nil
}
