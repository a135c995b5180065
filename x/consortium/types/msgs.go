package types

import "github.com/medchain/medchain/internal/modulekit"

// ValidateBasic checks addresses and the role before the mempool (CheckTx).
func (m *MsgAddAgent) ValidateBasic() error {
	if err := modulekit.CheckAddresses(ErrInvalidAddress, "operator", m.Operator, "agent", m.Agent); err != nil {
		return err
	}
	return ValidateAgentRole(m.Role)
}

// ValidateBasic checks addresses before the mempool (CheckTx).
func (m *MsgRemoveAgent) ValidateBasic() error {
	return modulekit.CheckAddresses(ErrInvalidAddress, "operator", m.Operator, "agent", m.Agent)
}
