package types

import "github.com/medchain/medchain/internal/enums"

// ParseRoles reads comma-separated member roles (hospital, ROLE_LAB, …).
func ParseRoles(s string) ([]Role, error) {
	return enums.ParseList[Role]("role", "ROLE_", Role_value, s)
}

// Code is the proposal status's short name: voting, passed, failed, rejected, withdrawn.
func (s ProposalStatus) Code() string { return enums.Short("PROPOSAL_STATUS_", ProposalStatus_name, s) }
