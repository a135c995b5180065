package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"
)

// ValidateBasic checks addresses and the role before the mempool (CheckTx).
func (m *MsgAddAgent) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "operator", m.Operator, "agent", m.Agent); err != nil {
		return err
	}
	if m.Operator == m.Agent {
		return errorsmod.Wrap(ErrAddressIsMember, "an operator cannot be its own member's agent")
	}
	return ValidateAgentRole(m.Role)
}

// ValidateBasic checks addresses before the mempool (CheckTx).
func (m *MsgAcceptAgent) ValidateBasic() error {
	return modulekit.CheckAddresses(ErrInvalidAddress, "agent", m.Agent, "member", m.Member)
}

// ValidateBasic checks addresses before the mempool (CheckTx).
func (m *MsgRemoveAgent) ValidateBasic() error {
	return modulekit.CheckAddresses(ErrInvalidAddress, "signer", m.Signer, "agent", m.Agent)
}
