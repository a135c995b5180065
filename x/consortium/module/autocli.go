package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/x/consortium/types"
)

// AutoCLIOptions describes the module's query and tx commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the consortium parameters"},
				{
					RpcMethod: "Member", Use: "member [operator]", Short: "Show one member",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "operator"}},
				},
				{RpcMethod: "Members", Use: "members", Short: "List members (--status to filter)"},
				{
					RpcMethod: "Agent", Use: "agent [address]", Short: "Show one agent and the member it acts for",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "AgentsByMember", Use: "agents [member]", Short: "List a member's agents",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "member"}},
				},
				{RpcMethod: "Invitations", Use: "invitations", Short: "List open agent invitations (--agent ADDRESS or --member OPERATOR)"},
				{RpcMethod: "Validators", Use: "validators", Short: "Show the validator set reported to CometBFT"},
				{
					RpcMethod: "Proposal", Use: "proposal [proposal-id]", Short: "Show one proposal",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}},
				},
				{RpcMethod: "Proposals", Use: "proposals", Short: "List proposals (--status voting|passed|failed|rejected|withdrawn)"},
				{
					RpcMethod: "Votes", Use: "votes [proposal-id]", Short: "List the votes on a proposal",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}},
				},
				{
					RpcMethod: "TallyResult", Use: "tally [proposal-id]", Short: "Count a proposal's votes and the yes votes it needs",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}},
				},
				{
					RpcMethod: "Identity", Use: "identity [patient]", Short: "Show who controls a patient address, its guardians, its lock and its open recovery",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "SubmitProposal", Skip: true}, // custom: `tx consortium propose KIND`
				{
					RpcMethod: "Vote", Use: "vote [proposal-id] [option]", Short: "Vote yes, no or abstain on a proposal (operators of validating members)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}, {ProtoField: "option"}},
				},
				{
					RpcMethod: "WithdrawProposal", Use: "withdraw-proposal [proposal-id]", Short: "Withdraw your open proposal",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}},
				},
				// Only a passed proposal sends these (tx consortium propose ...).
				{RpcMethod: "AdmitMember", Skip: true},
				{RpcMethod: "SuspendMember", Skip: true},
				{RpcMethod: "ReinstateMember", Skip: true},
				{RpcMethod: "RemoveMember", Skip: true},
				{RpcMethod: "UpdateMember", Skip: true},
				{RpcMethod: "UpdateParams", Skip: true},
				{
					RpcMethod: "AddAgent", Use: "add-agent [agent] [role]",
					Short:          "Invite a staff or system account to act for your member (role: clinician, gateway or staff); it accepts with accept-agent",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agent"}, {ProtoField: "role"}},
				},
				{
					RpcMethod: "AcceptAgent", Use: "accept-agent [member]", Short: "Accept a member's invitation to act for it (signed with your own key)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "member"}},
				},
				{
					RpcMethod: "RemoveAgent", Use: "remove-agent [agent]",
					Short:          "Remove an agent of your member, leave as an agent, withdraw an invitation or decline one",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agent"}},
				},
				{RpcMethod: "ActAsPatient", Skip: true}, // custom: `tx consortium as-patient PATIENT TX_FILE`
				{
					RpcMethod: "RotateKey", Use: "rotate-key [new-controller]",
					Short:          "Hand your patient address to a new key (sign with its current controller; once rotated, through as-patient)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "new_controller"}},
				},
				{
					RpcMethod: "SetGuardians", Use: "set-guardians [threshold] [delay] [guardian]...",
					Short: "Name who may recover your patient address, how many together (threshold) and after what delay (e.g. 48h); no guardian clears them",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "threshold"}, {ProtoField: "delay"}, {ProtoField: "guardians", Varargs: true},
					},
				},
				{
					RpcMethod: "StartRecovery", Use: "start-recovery [patient] [new-controller]",
					Short:          "As a guardian, open a recovery of a patient address to the patient's new key",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}, {ProtoField: "new_controller"}},
				},
				{
					RpcMethod: "ApproveRecovery", Use: "approve-recovery [patient] [new-controller]",
					Short:          "As a guardian, approve the open recovery of a patient address to that new key",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}, {ProtoField: "new_controller"}},
				},
				{RpcMethod: "CancelRecovery", Use: "cancel-recovery", Short: "Cancel the open recovery of your patient address (its current controller signs)"},
			},
		},
	}
}
