package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/x/consent/types"
)

// AutoCLIOptions describes the module's query and tx commands. `tx consent
// grant` (with --for 7d) is a custom command; autocli adds the rest.
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
				{RpcMethod: "UpdateParams", Skip: true}, // only a passed consortium proposal sends it
			},
		},
	}
}
