package types

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Bounds on member fields.
const (
	MaxNameLength = 128
	MaxRoles      = 6
	NodeIDLength  = 40 // hex of a 20-byte CometBFT node ID
)

// IsActive reports whether the member may act.
func (m Member) IsActive() bool { return m.Status == MemberStatus_MEMBER_STATUS_ACTIVE }

// HasRole reports whether the member holds role r.
func (m Member) HasRole(r Role) bool {
	for _, have := range m.Roles {
		if have == r {
			return true
		}
	}
	return false
}

// IsValidator reports whether the member belongs in the validator set.
func (m Member) IsValidator() bool { return m.IsActive() && len(m.ConsensusPubkey) > 0 }

// ValidateNodeID checks id is a lower-case hex CometBFT node ID.
func ValidateNodeID(id string) error {
	if len(id) != NodeIDLength {
		return fmt.Errorf("%w: %q must be %d hex characters", ErrInvalidNodeID, id, NodeIDLength)
	}
	if _, err := hex.DecodeString(id); err != nil || strings.ToLower(id) != id {
		return fmt.Errorf("%w: %q must be lower-case hex", ErrInvalidNodeID, id)
	}
	return nil
}

// ValidateName checks a member's display name.
func ValidateName(name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("%w: name is required", ErrInvalidMember)
	}
	if len(name) > MaxNameLength || !utf8.ValidString(name) {
		return fmt.Errorf("%w: name must be valid UTF-8 of at most %d bytes", ErrInvalidMember, MaxNameLength)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%w: name has a control character", ErrInvalidMember)
		}
	}
	return nil
}

// ValidateRoles checks the list is non-empty, known and without repeats.
func ValidateRoles(roles []Role) error {
	if len(roles) == 0 || len(roles) > MaxRoles {
		return fmt.Errorf("%w: a member needs 1..%d roles", ErrInvalidMember, MaxRoles)
	}
	seen := make(map[Role]bool, len(roles))
	for _, r := range roles {
		if _, known := Role_name[int32(r)]; !known || r == Role_ROLE_UNSPECIFIED {
			return fmt.Errorf("%w: unknown role %d", ErrInvalidMember, r)
		}
		if seen[r] {
			return fmt.Errorf("%w: role %s listed twice", ErrInvalidMember, r)
		}
		seen[r] = true
	}
	return nil
}

// ValidateStateless checks every field that does not need chain state.
// maxNodeIDs bounds the node ID list.
func (m Member) ValidateStateless(maxNodeIDs uint32) error {
	if err := ValidateName(m.Name); err != nil {
		return err
	}
	if err := ValidateRoles(m.Roles); err != nil {
		return err
	}
	if n := len(m.ConsensusPubkey); n != 0 && n != ed25519.PublicKeySize {
		return fmt.Errorf("%w: ed25519 key must be %d bytes, got %d", ErrInvalidPubKey, ed25519.PublicKeySize, n)
	}
	if len(m.ConsensusPubkey) > 0 && m.HasRole(Role_ROLE_REGULATOR) {
		return fmt.Errorf("%w: a regulator runs a read-only node and cannot hold a consensus key", ErrInvalidMember)
	}
	if len(m.NodeIds) > int(maxNodeIDs) {
		return fmt.Errorf("%w: at most %d node IDs, got %d", ErrInvalidMember, maxNodeIDs, len(m.NodeIds))
	}
	seen := make(map[string]bool, len(m.NodeIds))
	for _, id := range m.NodeIds {
		if err := ValidateNodeID(id); err != nil {
			return err
		}
		if seen[id] {
			return fmt.Errorf("%w: %s listed twice", ErrDuplicateNodeID, id)
		}
		seen[id] = true
	}
	if _, known := MemberStatus_name[int32(m.Status)]; !known || m.Status == MemberStatus_MEMBER_STATUS_UNSPECIFIED {
		return fmt.Errorf("%w: status must be set", ErrInvalidMember)
	}
	return nil
}

// ValidateAgentRole checks r is a known, specified agent role.
func ValidateAgentRole(r AgentRole) error {
	if _, known := AgentRole_name[int32(r)]; !known || r == AgentRole_AGENT_ROLE_UNSPECIFIED {
		return fmt.Errorf("%w: role must be one of clinician, gateway, staff", ErrInvalidAgent)
	}
	return nil
}
