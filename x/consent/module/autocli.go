package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/x/consent/types"
)

// AutoCLIOptions describes the module's query and tx commands. `tx consent
// grant`, `request`, `approve` and `decline` (with --for 7d) are custom
// commands; autocli adds the rest.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the consent parameters"},
				{
					RpcMethod: "Grant", Use: "grant [grant-id]", Short: "Show one grant",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "grant_id"}},
				},
				{
					RpcMethod: "GrantsByPatient", Use: "by-patient [patient]", Short: "List a patient's grants (--status active|revoked|expired)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}},
				},
				{
					RpcMethod: "GrantsByGrantee", Use: "by-grantee [grantee]", Short: "List grants made to a member or agent (--status)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "grantee"}},
				},
				{
					RpcMethod: "ConsentRequest", Use: "request [request-id]", Short: "Show one consent request",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "request_id"}},
				},
				{
					RpcMethod: "RequestsByPatient", Use: "requests-to [patient]", Short: "List the requests made to a patient (--status pending|approved|declined|expired|withdrawn)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}},
				},
				{
					RpcMethod: "RequestsByRequester", Use: "requests-from [requester]", Short: "List the requests an agent or operator made (--status)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "requester"}},
				},
				{
					RpcMethod: "CheckAccess", Use: "check [accessor] [patient] [purpose]",
					Short:          "Decide access to a record (--custodian and --record-id) or a category (--category) for a purpose (e.g. treat)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "accessor"}, {ProtoField: "patient"}, {ProtoField: "purpose"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "GrantConsent", Skip: true}, // custom: `tx consent grant` takes --for 7d
				{
					RpcMethod: "RevokeConsent", Use: "revoke [grant-id]", Short: "Revoke one of your grants",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "grant_id"}},
				},
				{RpcMethod: "RequestConsent", Skip: true},        // custom: `tx consent request` takes --for 7d
				{RpcMethod: "RespondConsentRequest", Skip: true}, // custom: `tx consent approve` and `decline`
				{
					RpcMethod: "WithdrawConsentRequest", Use: "withdraw [request-id]", Short: "Withdraw one of your pending consent requests",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "request_id"}},
				},
				{RpcMethod: "UpdateParams", Skip: true}, // only a passed consortium proposal sends it
			},
		},
	}
}
