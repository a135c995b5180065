package types_test

import (
	"fmt"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// Arbitrary bytes decoded as any consortium message never panic its checks,
// and whatever passes them names valid addresses and a known role.
//
//	go test -fuzz FuzzMsgValidation -fuzztime 10m ./x/consortium/types
func FuzzMsgValidation(f *testing.F) {
	op, agent := sdk.AccAddress(testutil.Addr("op")).String(), sdk.AccAddress(testutil.Addr("agent")).String()
	seeds := []testutil.ValidatedMsg{
		&types.MsgAddAgent{Operator: op, Agent: agent, Role: types.AgentRole_AGENT_ROLE_CLINICIAN},
		&types.MsgAcceptAgent{Agent: agent, Member: op},
		&types.MsgRemoveAgent{Signer: op, Agent: agent},
		&types.MsgRemoveAgent{Signer: agent, Agent: agent},
		&types.MsgRotateKey{Patient: agent, NewController: op},
		&types.MsgSetGuardians{Patient: agent, Guardians: []string{op}, Threshold: 1, Delay: time.Hour},
		&types.MsgStartRecovery{Guardian: op, Patient: agent, NewController: sdk.AccAddress(testutil.Addr("phone")).String()},
		&types.MsgApproveRecovery{Guardian: op, Patient: agent, NewController: sdk.AccAddress(testutil.Addr("phone")).String()},
		&types.MsgCancelRecovery{Patient: agent},
	}
	testutil.FuzzValidateBasic(f, seeds, func(m testutil.ValidatedMsg) error {
		var addrs []string
		switch m := m.(type) {
		case *types.MsgAddAgent:
			addrs = []string{m.Operator, m.Agent}
			if m.Role == types.AgentRole_AGENT_ROLE_UNSPECIFIED || types.AgentRole_name[int32(m.Role)] == "" {
				return fmt.Errorf("role %d", m.Role)
			}
		case *types.MsgAcceptAgent:
			addrs = []string{m.Agent, m.Member}
		case *types.MsgRemoveAgent:
			addrs = []string{m.Signer, m.Agent}
		case *types.MsgRotateKey:
			addrs = []string{m.Patient, m.NewController}
			if m.Patient == m.NewController {
				return fmt.Errorf("rotation to itself")
			}
		case *types.MsgSetGuardians:
			addrs = append([]string{m.Patient}, m.Guardians...)
			if len(m.Guardians) > types.CeilingGuardians || int(m.Threshold) > len(m.Guardians) || (len(m.Guardians) > 0) != (m.Threshold > 0) || m.Delay < 0 {
				return fmt.Errorf("%d guardians, threshold %d, delay %s", len(m.Guardians), m.Threshold, m.Delay)
			}
		case *types.MsgStartRecovery:
			addrs = []string{m.Guardian, m.Patient, m.NewController}
		case *types.MsgApproveRecovery:
			addrs = []string{m.Guardian, m.Patient, m.NewController}
		case *types.MsgCancelRecovery:
			addrs = []string{m.Patient}
		}
		for _, a := range addrs {
			if _, err := sdk.AccAddressFromBech32(a); err != nil {
				return err
			}
		}
		return nil
	})
}
