package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/x/audit/types"
)

// AutoCLIOptions describes the module's query and tx commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Event", Use: "event [event-id]", Short: "Show one access event",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "event_id"}},
				},
				{
					RpcMethod: "EventsByPatient", Use: "by-patient [patient]", Short: "List accesses to a patient's records (--filter, --reverse)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}},
				},
				{
					RpcMethod: "EventsByAccessor", Use: "by-accessor [accessor]", Short: "List one accessor's accesses",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "accessor"}},
				},
				{
					RpcMethod: "EventsByRecord", Use: "by-record [custodian] [record-id]", Short: "List accesses to one record",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "custodian"}, {ProtoField: "record_id"}},
				},
				{
					RpcMethod: "EventsByMember", Use: "by-member [member]", Short: "List accesses by a member's operator and agents",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "member"}},
				},
				{RpcMethod: "EmergencyEvents", Use: "emergency", Short: "List break-glass accesses"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "RequestAccess", Use: "request [patient] [action] [purpose]",
					Short:          "Ask consent for access (--custodian and --record-id, or --category) and record the decision; signed by the accessor (--from)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}, {ProtoField: "action"}, {ProtoField: "purpose"}},
				},
				{
					RpcMethod: "EmergencyAccess", Use: "break-glass [patient] [custodian] [record-id] [reason]",
					Short:          "Emergency access to one record without consent (--note-hash: sha-256 of your note, hex); flagged for the patient and regulators",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}, {ProtoField: "custodian"}, {ProtoField: "record_id"}, {ProtoField: "reason"}},
				},
			},
		},
	}
}
