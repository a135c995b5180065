package types

import "github.com/medchain/medchain/internal/enums"

// ParseRoles reads comma-separated member roles (hospital, ROLE_LAB, …).
func ParseRoles(s string) ([]Role, error) {
	return enums.ParseList[Role]("role", "ROLE_", Role_value, s)
}
