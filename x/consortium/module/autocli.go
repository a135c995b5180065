package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// AutoCLIOptions describes the module's query and tx commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return modulekit.AutoCLI(types.Query_serviceDesc.ServiceName, []*autocliv1.RpcCommandOptions{
		modulekit.Command("Params", "params", "Show the consortium parameters"),
		modulekit.Command("Member", "member [operator]", "Show one member", "operator"),
		modulekit.Command("Members", "members", "List members (--status to filter)"),
		modulekit.Command("Agent", "agent [address]", "Show one agent and the member it acts for", "address"),
		modulekit.Command("AgentsByMember", "agents [member]", "List a member's agents", "member"),
		modulekit.Command("Invitations", "invitations", "List open agent invitations (--agent ADDRESS or --member OPERATOR)"),
		modulekit.Command("Validators", "validators", "Show the validator set reported to CometBFT"),
		modulekit.Command("Proposal", "proposal [proposal-id]", "Show one proposal", "proposal_id"),
		modulekit.Command("Proposals", "proposals", "List proposals (--status voting|passed|failed|rejected|withdrawn)"),
		modulekit.Command("Votes", "votes [proposal-id]", "List the votes on a proposal", "proposal_id"),
		modulekit.Command("TallyResult", "tally [proposal-id]", "Count a proposal's votes and the yes votes it needs", "proposal_id"),
		modulekit.Command("Identity", "identity [patient]",
			"Show who controls a patient address, its guardians, its lock and its open recovery", "patient"),
	}, types.Msg_serviceDesc.ServiceName,
		modulekit.Skip("SubmitProposal"), // custom: `tx consortium propose KIND`
		modulekit.Command("Vote", "vote [proposal-id] [option]",
			"Vote yes, no or abstain on a proposal (operators of validating members)", "proposal_id", "option"),
		modulekit.Command("WithdrawProposal", "withdraw-proposal [proposal-id]", "Withdraw your open proposal", "proposal_id"),
		// Only a passed proposal sends these (tx consortium propose ...).
		modulekit.Skip("AdmitMember"), modulekit.Skip("SuspendMember"), modulekit.Skip("ReinstateMember"),
		modulekit.Skip("RemoveMember"), modulekit.Skip("UpdateMember"), modulekit.Skip("UpdateParams"),
		modulekit.Command("AddAgent", "add-agent [agent] [role]",
			"Invite a staff or system account to act for your member (role: clinician, gateway or staff); it accepts with accept-agent",
			"agent", "role"),
		modulekit.Command("AcceptAgent", "accept-agent [member]",
			"Accept a member's invitation to act for it (signed with your own key)", "member"),
		modulekit.Command("RemoveAgent", "remove-agent [agent]",
			"Remove an agent of your member, leave as an agent, withdraw an invitation or decline one", "agent"),
		modulekit.Skip("ActAsPatient"), // custom: `tx consortium as-patient PATIENT TX_FILE`
		modulekit.Command("RotateKey", "rotate-key [new-controller]",
			"Hand your patient address to a new key (sign with its current controller; once rotated, through as-patient)", "new_controller"),
		modulekit.Command("SetGuardians", "set-guardians [threshold] [delay] [guardian]...",
			"Name who may recover your patient address, how many together (threshold) and after what delay (e.g. 48h); no guardian clears them",
			"threshold", "delay", "guardians..."),
		modulekit.Command("StartRecovery", "start-recovery [patient] [new-controller]",
			"As a guardian, open a recovery of a patient address to the patient's new key", "patient", "new_controller"),
		modulekit.Command("ApproveRecovery", "approve-recovery [patient] [new-controller]",
			"As a guardian, approve the open recovery of a patient address to that new key", "patient", "new_controller"),
		modulekit.Command("CancelRecovery", "cancel-recovery",
			"Cancel the open recovery of your patient address (its current controller signs)"),
	)
}
