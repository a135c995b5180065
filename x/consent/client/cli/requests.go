package cli

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/consent/types"
)

const flagReason = "reason"

// RequestCmd is `medchaind tx consent request PATIENT`.
func RequestCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "request PATIENT --purposes treat --for 7d --reason referral [--categories lab] [--records CUSTODIAN/ID,...]",
		Short: "Ask a patient for consent to access their records (as a member's agent or operator)",
		Long: `Ask PATIENT for a grant to you (the signer, --from) for the given purposes and
duration, scoped like a grant. The patient approves — possibly narrower or shorter —
or declines; an unanswered request expires after the request_ttl parameter. One
request per patient may be pending; withdraw it with 'tx consent withdraw ID'.`,
		Example:      `  medchaind tx consent request med1patient... --categories lab --purposes treat --for 7d --reason referral --from doctor`,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: clikit.Tx(func(cmd *cobra.Command, clientCtx client.Context, args []string) (sdk.Msg, error) {
			return requestMsg(cmd, clientCtx.GetFromAddress().String(), args[0])
		}),
	}
	addScopeFlags(cmd)
	cmd.Flags().String(flagFor, "", "How long the grant would last once approved: 7d, 12h, 30m")
	cmd.Flags().String(flagReason, "", "Why you ask, as a code: referral, follow-up, second-opinion, care-transition, scheduled-visit, research-enrolment, claim")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func requestMsg(cmd *cobra.Command, requester, patient string) (*types.MsgRequestConsent, error) {
	scope, err := scopeFlags(cmd)
	if err != nil {
		return nil, err
	}
	msg := &types.MsgRequestConsent{Requester: requester, Patient: patient, Categories: scope.Categories, Records: scope.Records, Purposes: scope.Purposes}
	forStr, _ := cmd.Flags().GetString(flagFor)
	if forStr == "" {
		return nil, fmt.Errorf("a request needs a duration: --%s 7d", flagFor)
	}
	if msg.Duration, err = ParseDuration(forStr); err != nil {
		return nil, err
	}
	reason, _ := cmd.Flags().GetString(flagReason)
	if msg.NoteCode, err = types.ParseRequestReason(reason); err != nil {
		return nil, fmt.Errorf("--%s: %w", flagReason, err)
	}
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return msg, nil
}

// ApproveCmd is `medchaind tx consent approve REQUEST_ID`.
func ApproveCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "approve REQUEST_ID [--for 3d] [--categories lab --purposes treat]",
		Short: "Approve a consent request made to you: a grant to the requester, as asked or narrower",
		Long: `Approve a pending request made to you (the patient, --from). The grant goes to the
requester, for what was asked — or, with --for, for a shorter time, and with
--categories/--records/--purposes (give --purposes whenever you narrow), for a part
of what was asked. Nothing wider or longer than asked is accepted.`,
		Example: `  medchaind tx consent approve 4 --from patient
  medchaind tx consent approve 4 --for 2d --categories lab --purposes treat --from patient`,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE:         respond(types.Response_RESPONSE_APPROVE),
	}
	addScopeFlags(cmd)
	cmd.Flags().String(flagFor, "", "A shorter duration than asked: 3d, 12h")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// DeclineCmd is `medchaind tx consent decline REQUEST_ID`.
func DeclineCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:          "decline REQUEST_ID",
		Short:        "Decline a consent request made to you",
		Example:      `  medchaind tx consent decline 4 --from patient`,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE:         respond(types.Response_RESPONSE_DECLINE),
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// respond sends the patient's (--from) response to the request args[0] names.
func respond(response types.Response) clikit.RunE {
	return clikit.Tx(func(cmd *cobra.Command, clientCtx client.Context, args []string) (sdk.Msg, error) {
		return respondMsg(cmd, clientCtx.GetFromAddress(), args[0], response)
	})
}

func respondMsg(cmd *cobra.Command, patient sdk.AccAddress, id string, response types.Response) (*types.MsgRespondConsentRequest, error) {
	requestID, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("request id %q: %w", id, err)
	}
	msg := &types.MsgRespondConsentRequest{Patient: patient.String(), RequestId: requestID, Response: response}
	if response == types.Response_RESPONSE_APPROVE {
		if err := narrowFlags(cmd, msg); err != nil {
			return nil, err
		}
	}
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return msg, nil
}

// narrowFlags sets an approval's narrower scope and shorter duration from
// the flags, if given.
func narrowFlags(cmd *cobra.Command, msg *types.MsgRespondConsentRequest) error {
	if forStr, _ := cmd.Flags().GetString(flagFor); forStr != "" {
		d, err := ParseDuration(forStr)
		if err != nil {
			return err
		}
		msg.Duration = &d
	}
	scope, err := scopeFlags(cmd)
	if err != nil {
		return err
	}
	if len(scope.Categories)+len(scope.Records)+len(scope.Purposes) == 0 {
		return nil
	}
	if len(scope.Purposes) == 0 {
		return errors.New("to narrow a request, give --purposes too (those asked, or some of them)")
	}
	msg.Scope = &scope
	return nil
}
