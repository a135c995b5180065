package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/core/address"
)

// DefaultGenesis has default params and no members; a consortium is built
// with `medchaind genesis add-member`.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state is complete: ValidateEntries, and at
// least one active member with a consensus key to validate blocks.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.ValidateEntries(ac); err != nil {
		return err
	}
	for _, m := range gs.Members {
		if m.IsValidator() {
			return nil
		}
	}
	return errorsmod.Wrap(ErrInvalidGenesis, "no active member has a consensus key; add one with `medchaind genesis add-member --roles hospital --pubkey-file ...`")
}

// ValidateEntries checks params, that members are valid and unique with
// unique node IDs and consensus keys, and that agents belong to known members.
func (gs GenesisState) ValidateEntries(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if len(gs.Members) > int(gs.Params.MaxMembers) {
		return errorsmod.Wrapf(ErrTooManyMembers, "%d members exceed max_members %d", len(gs.Members), gs.Params.MaxMembers)
	}
	members := make(map[string]bool, len(gs.Members))
	nodeIDs := make(map[string]string)
	pubkeys := make(map[string]string)
	for _, m := range gs.Members {
		if _, err := ac.StringToBytes(m.Operator); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "member %q operator %q: %v", m.Name, m.Operator, err)
		}
		if members[m.Operator] {
			return errorsmod.Wrapf(ErrDuplicateMember, "%s", m.Operator)
		}
		members[m.Operator] = true
		if err := m.ValidateStateless(gs.Params.MaxNodeIdsPerMember); err != nil {
			return fmt.Errorf("member %q: %w", m.Name, err)
		}
		for _, id := range m.NodeIds {
			if other, dup := nodeIDs[id]; dup {
				return errorsmod.Wrapf(ErrDuplicateNodeID, "%s is claimed by %s and %s", id, other, m.Operator)
			}
			nodeIDs[id] = m.Operator
		}
		if len(m.ConsensusPubkey) > 0 {
			k := string(m.ConsensusPubkey)
			if other, dup := pubkeys[k]; dup {
				return errorsmod.Wrapf(ErrInvalidPubKey, "consensus key shared by %s and %s", other, m.Operator)
			}
			pubkeys[k] = m.Operator
		}
	}
	agents := make(map[string]bool, len(gs.Agents))
	perMember := make(map[string]uint32)
	for _, a := range gs.Agents {
		if _, err := ac.StringToBytes(a.Address); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "agent %q: %v", a.Address, err)
		}
		if !members[a.Member] {
			return errorsmod.Wrapf(ErrMemberNotFound, "agent %s names unknown member %s", a.Address, a.Member)
		}
		if members[a.Address] {
			return errorsmod.Wrapf(ErrAddressIsMember, "%s cannot also be an agent", a.Address)
		}
		if agents[a.Address] {
			return errorsmod.Wrapf(ErrDuplicateAgent, "%s", a.Address)
		}
		agents[a.Address] = true
		if err := ValidateAgentRole(a.Role); err != nil {
			return err
		}
		perMember[a.Member]++
		if perMember[a.Member] > gs.Params.MaxAgentsPerMember {
			return errorsmod.Wrapf(ErrTooManyAgents, "%s", a.Member)
		}
	}
	return nil
}
