package types

import (
	"crypto/ed25519"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
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
		return errorsmod.Wrapf(ErrInvalidNodeID, "%q must be %d hex characters", id, NodeIDLength)
	}
	if _, err := hex.DecodeString(id); err != nil || strings.ToLower(id) != id {
		return errorsmod.Wrapf(ErrInvalidNodeID, "%q must be lower-case hex", id)
	}
	return nil
}

// ValidateName checks a member's display name.
func ValidateName(name string) error {
	if strings.TrimSpace(name) == "" {
		return errorsmod.Wrap(ErrInvalidMember, "name is required")
	}
	if len(name) > MaxNameLength || !utf8.ValidString(name) {
		return errorsmod.Wrapf(ErrInvalidMember, "name must be valid UTF-8 of at most %d bytes", MaxNameLength)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return errorsmod.Wrap(ErrInvalidMember, "name has a control character")
		}
	}
	return nil
}

// ValidateRoles checks the list is non-empty, known and without repeats.
func ValidateRoles(roles []Role) error {
	if len(roles) == 0 || len(roles) > MaxRoles {
		return errorsmod.Wrapf(ErrInvalidMember, "a member needs 1..%d roles", MaxRoles)
	}
	seen := make(map[Role]bool, len(roles))
	for _, r := range roles {
		if !enums.Known(Role_name, r) {
			return errorsmod.Wrapf(ErrInvalidMember, "unknown role %d", r)
		}
		if seen[r] {
			return errorsmod.Wrapf(ErrInvalidMember, "role %s listed twice", r)
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
		return errorsmod.Wrapf(ErrInvalidPubKey, "ed25519 key must be %d bytes, got %d", ed25519.PublicKeySize, n)
	}
	if len(m.ConsensusPubkey) > 0 && m.HasRole(Role_ROLE_REGULATOR) {
		return errorsmod.Wrap(ErrInvalidMember, "a regulator runs a read-only node and cannot hold a consensus key")
	}
	if len(m.NodeIds) > int(maxNodeIDs) {
		return errorsmod.Wrapf(ErrInvalidMember, "at most %d node IDs, got %d", maxNodeIDs, len(m.NodeIds))
	}
	seen := make(map[string]bool, len(m.NodeIds))
	for _, id := range m.NodeIds {
		if err := ValidateNodeID(id); err != nil {
			return err
		}
		if seen[id] {
			return errorsmod.Wrapf(ErrDuplicateNodeID, "%s listed twice", id)
		}
		seen[id] = true
	}
	if !enums.Known(MemberStatus_name, m.Status) {
		return errorsmod.Wrap(ErrInvalidMember, "status must be set")
	}
	return nil
}

// ValidateAgentRole checks r is a known, specified agent role.
func ValidateAgentRole(r AgentRole) error {
	if !enums.Known(AgentRole_name, r) {
		return errorsmod.Wrap(ErrInvalidAgent, "role must be one of clinician, gateway, staff")
	}
	return nil
}
