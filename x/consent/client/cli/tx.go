// Package cli holds the consent commands autocli cannot generate: granting,
// requesting and approving with a human duration, and FHIR export.
package cli

import (
	"fmt"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/consent/types"
)

// flagUntil ends a grant at a given time.
const flagUntil = "until"

// TxCmd is `medchaind tx consent`; autocli adds the generated commands.
func TxCmd() *cobra.Command {
	return clikit.Group(types.ModuleName, "Consent transactions: grant and revoke access, ask for and answer consent requests",
		GrantCmd(), RequestCmd(), ApproveCmd(), DeclineCmd())
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
		RunE: clikit.Tx(func(cmd *cobra.Command, clientCtx client.Context, args []string) (sdk.Msg, error) {
			return grantMsg(cmd, clientCtx.GetFromAddress().String(), args[0], time.Now())
		}),
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
