package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/modulekit"

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
		if err := modulekit.Canonical(ac, m.Operator); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "member %q operator %q: %v", m.Name, m.Operator, err)
		}
		if members[m.Operator] {
			return errorsmod.Wrapf(ErrDuplicateMember, "%s", m.Operator)
		}
		members[m.Operator] = true
		if err := m.ValidateStateless(gs.Params.MaxNodeIdsPerMember); err != nil {
			return errorsmod.Wrapf(err, "member %q", m.Name)
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
		if err := modulekit.Canonical(ac, a.Address); err != nil {
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
	if err := gs.validateInvitations(ac, members, agents); err != nil {
		return err
	}
	if err := gs.validateHistory(ac, members, agents); err != nil {
		return err
	}
	if err := gs.validateProposals(ac, members); err != nil {
		return err
	}
	return gs.validateIdentities(ac)
}

// validateInvitations checks open invitations: from known members, to
// addresses that are neither members nor agents, once per (agent, member),
// within the per-member bound.
func (gs GenesisState) validateInvitations(ac address.Codec, members, agents map[string]bool) error {
	seen := map[string]bool{}
	perMember := map[string]uint32{}
	for _, inv := range gs.Invitations {
		for _, a := range []string{inv.Agent, inv.Member} {
			if err := modulekit.Canonical(ac, a); err != nil {
				return errorsmod.Wrapf(ErrInvalidAddress, "invitation of %q by %q: %v", inv.Agent, inv.Member, err)
			}
		}
		if !members[inv.Member] {
			return errorsmod.Wrapf(ErrMemberNotFound, "invitation by unknown member %s", inv.Member)
		}
		if members[inv.Agent] || agents[inv.Agent] {
			return errorsmod.Wrapf(ErrDuplicateAgent, "%s is invited but already a member or an agent", inv.Agent)
		}
		if err := ValidateAgentRole(inv.Role); err != nil {
			return err
		}
		if !inv.ExpiresAt.After(inv.InvitedAt) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "invitation of %s expires before it was made", inv.Agent)
		}
		key := inv.Agent + "/" + inv.Member
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "invitation of %s by %s listed twice", inv.Agent, inv.Member)
		}
		seen[key] = true
		perMember[inv.Member]++
		if perMember[inv.Member] > gs.Params.MaxInvitationsPerMember {
			return errorsmod.Wrapf(ErrTooManyInvitations, "%s", inv.Member)
		}
	}
	return nil
}

// validateHistory checks former agents and known patients: valid, unique,
// and no patient is, or was, a member operator or an agent.
func (gs GenesisState) validateHistory(ac address.Codec, members, agents map[string]bool) error {
	former, err := modulekit.UniqueAddresses(ac, ErrInvalidAddress, ErrInvalidGenesis, "former agent", gs.FormerAgents)
	if err != nil {
		return err
	}
	patients, err := modulekit.UniqueAddresses(ac, ErrInvalidAddress, ErrInvalidGenesis, "patient", gs.Patients)
	if err != nil {
		return err
	}
	for _, p := range gs.Patients {
		if members[p] || agents[p] || former[p] {
			return errorsmod.Wrapf(ErrNotAPatient, "%s", p)
		}
	}
	for _, inv := range gs.Invitations {
		if patients[inv.Agent] {
			return errorsmod.Wrapf(ErrAddressIsPatient, "%s is invited as an agent", inv.Agent)
		}
	}
	return nil
}
