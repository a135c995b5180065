package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdktx "github.com/cosmos/cosmos-sdk/types/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/consortium/types"
)

const (
	flagTitle   = "title"
	flagSummary = "summary"
	flagName    = "name"
	flagHeight  = "height"
	flagInfo    = "info"
)

// TxCmd is `medchaind tx consortium`; autocli adds the generated commands.
func TxCmd() *cobra.Command {
	return clikit.Group(types.ModuleName, "Consortium transactions: agents, proposals and votes, patient keys and guardians",
		ProposeCmd(), AsPatientCmd())
}

// Authority is the consortium module account: the signer of every message
// a proposal carries.
func Authority() string { return authtypes.NewModuleAddress(types.ModuleName).String() }

// ProposeCmd is `medchaind tx consortium propose KIND ...`.
func ProposeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "propose",
		Short: "Propose a change the validating members vote on (more than 2/3 yes executes it)",
		Long: `Submit a proposal, signed by an active validating member's operator (--from).
Its messages execute together, with the consortium module account as their
authority, once more than 2/3 of the validating members vote yes
(tx consortium vote ID yes). The title and summary are public for ever: write
about the consortium's business, never about a patient.`,
		RunE: client.ValidateCmd,
	}
	cmd.AddCommand(
		proposalCmd("admit-member NAME OPERATOR --roles hospital [--pubkey-file F | --pubkey B64] [--node-id ID,...]",
			"Admit an institution; with a consensus key it validates from the next validator set", 2, admitMsg),
		proposalCmd("update-member OPERATOR --name NAME --roles ROLES [--pubkey-file F | --pubkey B64] [--node-id ID,...]",
			"Replace a member's name, roles, node IDs and consensus key (a key rotation)", 1, updateMsg),
		proposalCmd("suspend-member OPERATOR", "Suspend a member: no power, no signers, no peers until reinstated", 1,
			func(_ *cobra.Command, args []string) (sdk.Msg, error) {
				return &types.MsgSuspendMember{Authority: Authority(), Operator: args[0]}, nil
			}),
		proposalCmd("reinstate-member OPERATOR", "Make a suspended member active again", 1,
			func(_ *cobra.Command, args []string) (sdk.Msg, error) {
				return &types.MsgReinstateMember{Authority: Authority(), Operator: args[0]}, nil
			}),
		proposalCmd("remove-member OPERATOR", "End a membership for good", 1,
			func(_ *cobra.Command, args []string) (sdk.Msg, error) {
				return &types.MsgRemoveMember{Authority: Authority(), Operator: args[0]}, nil
			}),
		proposalCmd("software-upgrade NAME --height H [--info TEXT]",
			"Schedule a software upgrade: every node halts at H and restarts on the binary that knows NAME", 1, upgradeMsg),
		proposalCmd("cancel-upgrade", "Cancel the scheduled software upgrade", 0,
			func(*cobra.Command, []string) (sdk.Msg, error) {
				return &upgradetypes.MsgCancelUpgrade{Authority: Authority()}, nil
			}),
		proposalCmd("messages FILE", "Propose the messages in FILE: a JSON array of messages with their @type (e.g. params changes)", 1, nil),
	)
	return cmd
}

// msgBuilder makes a proposal's one message from the command's args and flags.
type msgBuilder func(cmd *cobra.Command, args []string) (sdk.Msg, error)

// proposalCmd is one `propose` subcommand; a nil build reads the messages
// from the JSON file named by the first argument.
func proposalCmd(use, short string, nargs int, build msgBuilder) *cobra.Command {
	cmd := &cobra.Command{
		Use:          use,
		Short:        short,
		Args:         cobra.ExactArgs(nargs),
		SilenceUsage: true,
		RunE: clikit.Tx(func(cmd *cobra.Command, clientCtx client.Context, args []string) (sdk.Msg, error) {
			var msgs []sdk.Msg
			var err error
			if build == nil {
				msgs, err = readMsgs(clientCtx, args[0])
			} else {
				var m sdk.Msg
				m, err = build(cmd, args)
				msgs = []sdk.Msg{m}
			}
			if err != nil {
				return nil, err
			}
			return submitMsg(cmd, clientCtx.GetFromAddress().String(), msgs)
		}),
	}
	cmd.Flags().String(flagTitle, "", fmt.Sprintf("One-line title, at most %d bytes (required; public for ever, no personal data)", types.MaxTitleLength))
	cmd.Flags().String(flagSummary, "", fmt.Sprintf("What the proposal does and why, at most %d bytes (public for ever, no personal data)", types.MaxSummaryLength))
	_ = cmd.MarkFlagRequired(flagTitle)
	if strings.Contains(use, "--roles") {
		addMemberFlags(cmd)
	}
	if strings.HasPrefix(use, "update-member") {
		cmd.Flags().String(flagName, "", "The member's display name (required)")
		_ = cmd.MarkFlagRequired(flagName)
	}
	if strings.HasPrefix(use, "software-upgrade") {
		cmd.Flags().Int64(flagHeight, 0, "Height at which every node halts for the upgrade (required)")
		cmd.Flags().String(flagInfo, "", "Where operators find the new binary (e.g. a release URL)")
		_ = cmd.MarkFlagRequired(flagHeight)
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// submitMsg packs msgs into a MsgSubmitProposal from proposer with the
// command's title and summary, checked before anything is signed.
func submitMsg(cmd *cobra.Command, proposer string, msgs []sdk.Msg) (*types.MsgSubmitProposal, error) {
	title, _ := cmd.Flags().GetString(flagTitle)
	summary, _ := cmd.Flags().GetString(flagSummary)
	anys, err := sdktx.SetMsgs(msgs)
	if err != nil {
		return nil, err
	}
	msg := &types.MsgSubmitProposal{Proposer: proposer, Messages: anys, Title: title, Summary: summary}
	return msg, msg.ValidateBasic()
}

func admitMsg(cmd *cobra.Command, args []string) (sdk.Msg, error) {
	m, err := memberFromFlags(cmd, args[0], args[1])
	return &types.MsgAdmitMember{Authority: Authority(), Member: m}, err
}

func updateMsg(cmd *cobra.Command, args []string) (sdk.Msg, error) {
	name, _ := cmd.Flags().GetString(flagName)
	m, err := memberFromFlags(cmd, name, args[0])
	return &types.MsgUpdateMember{Authority: Authority(), Member: m}, err
}

func upgradeMsg(cmd *cobra.Command, args []string) (sdk.Msg, error) {
	height, _ := cmd.Flags().GetInt64(flagHeight)
	info, _ := cmd.Flags().GetString(flagInfo)
	plan := upgradetypes.Plan{Name: args[0], Height: height, Info: info}
	return &upgradetypes.MsgSoftwareUpgrade{Authority: Authority(), Plan: plan}, plan.ValidateBasic()
}

// readMsgs decodes a JSON array of messages, each with its @type.
func readMsgs(clientCtx client.Context, path string) ([]sdk.Msg, error) {
	bz, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p types.MsgSubmitProposal
	doc := append(append([]byte(`{"messages":`), bz...), '}')
	if err := clientCtx.Codec.UnmarshalJSON(doc, &p); err != nil {
		return nil, fmt.Errorf("%s: want a JSON array of messages, each with its @type: %w", path, err)
	}
	return p.GetMsgs()
}
