package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/types"
)

// AutoCLIOptions describes the module's query and tx commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return modulekit.AutoCLI(types.Query_serviceDesc.ServiceName, []*autocliv1.RpcCommandOptions{
		modulekit.Command("Event", "event [event-id]", "Show one access event", "event_id"),
		modulekit.Command("EventsByPatient", "by-patient [patient]", "List accesses to a patient's records (--filter, --reverse)", "patient"),
		modulekit.Command("EventsByAccessor", "by-accessor [accessor]", "List one accessor's accesses", "accessor"),
		modulekit.Command("EventsByRecord", "by-record [custodian] [record-id]", "List accesses to one record", "custodian", "record_id"),
		modulekit.Command("EventsByMember", "by-member [member]", "List accesses by a member's operator and agents", "member"),
		modulekit.Command("EmergencyEvents", "emergency", "List break-glass accesses"),
	}, types.Msg_serviceDesc.ServiceName,
		modulekit.Command("RequestAccess", "request [patient] [action] [purpose]",
			"Ask consent for access (--custodian and --record-id, or --category) and record the decision; signed by the accessor (--from)",
			"patient", "action", "purpose"),
		modulekit.Command("EmergencyAccess", "break-glass [patient] [custodian] [record-id] [reason]",
			"Emergency access to one record without consent (--note-hash: sha-256 of your note, hex); flagged for the patient and regulators",
			"patient", "custodian", "record_id", "reason"),
	)
}
