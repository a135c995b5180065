package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
)

// AutoCLIOptions describes the module's query and tx commands. `tx consent
// grant`, `request`, `approve` and `decline` (with --for 7d) are custom
// commands; autocli adds the rest.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return modulekit.AutoCLI(types.Query_serviceDesc.ServiceName, []*autocliv1.RpcCommandOptions{
		modulekit.Command("Params", "params", "Show the consent parameters"),
		modulekit.Command("Grant", "grant [grant-id]", "Show one grant", "grant_id"),
		modulekit.Command("GrantsByPatient", "by-patient [patient]", "List a patient's grants (--status active|revoked|expired)", "patient"),
		modulekit.Command("GrantsByGrantee", "by-grantee [grantee]", "List grants made to a member or agent (--status)", "grantee"),
		modulekit.Command("ConsentRequest", "request [request-id]", "Show one consent request", "request_id"),
		modulekit.Command("RequestsByPatient", "requests-to [patient]",
			"List the requests made to a patient (--status pending|approved|declined|expired|withdrawn)", "patient"),
		modulekit.Command("RequestsByRequester", "requests-from [requester]", "List the requests an agent or operator made (--status)", "requester"),
		modulekit.Command("CheckAccess", "check [accessor] [patient] [purpose]",
			"Decide access to a record (--custodian and --record-id) or a category (--category) for a purpose (e.g. treat)",
			"accessor", "patient", "purpose"),
	}, types.Msg_serviceDesc.ServiceName,
		modulekit.Skip("GrantConsent"), // custom: `tx consent grant` takes --for 7d
		modulekit.Command("RevokeConsent", "revoke [grant-id]", "Revoke one of your grants", "grant_id"),
		modulekit.Skip("RequestConsent"),        // custom: `tx consent request` takes --for 7d
		modulekit.Skip("RespondConsentRequest"), // custom: `tx consent approve` and `decline`
		modulekit.Command("WithdrawConsentRequest", "withdraw [request-id]", "Withdraw one of your pending consent requests", "request_id"),
		modulekit.Skip("UpdateParams"), // only a passed consortium proposal sends it
	)
}
