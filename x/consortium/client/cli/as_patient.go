package cli

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authclient "github.com/cosmos/cosmos-sdk/x/auth/client"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/x/consortium/types"
)

// AsPatientCmd is `medchaind tx consortium as-patient PATIENT TX_FILE`.
func AsPatientCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "as-patient PATIENT TX_FILE",
		Short: "Send a patient's messages signed by the key that now controls the patient address",
		Long: `After a key rotation or a recovery the patient address is controlled by another key:
write the patient's transaction unsigned (--generate-only, --from the patient address)
and send its messages with this command, signed by the controller (--from).`,
		Example: `  medchaind tx consent revoke 3 --from med1patient... --generate-only > revoke.json
  medchaind tx consortium as-patient med1patient... revoke.json --from new-phone`,
		Args:         cobra.ExactArgs(2),
		SilenceUsage: true,
		RunE: clikit.Tx(func(_ *cobra.Command, clientCtx client.Context, args []string) (sdk.Msg, error) {
			theTx, err := authclient.ReadTxFromFile(clientCtx, args[1])
			if err != nil {
				return nil, err
			}
			msg := &types.MsgActAsPatient{Controller: clientCtx.GetFromAddress().String(), Patient: args[0]}
			for _, m := range theTx.GetMsgs() {
				a, err := codectypes.NewAnyWithValue(m)
				if err != nil {
					return nil, err
				}
				msg.Msgs = append(msg.Msgs, a)
			}
			if err := msg.ValidateBasic(); err != nil {
				return nil, fmt.Errorf("%s: %w", args[1], err)
			}
			return msg, nil
		}),
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
