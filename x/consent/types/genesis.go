package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
)

// DefaultGenesis has default params and no grants.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks params and that every grant is well formed with a unique id.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	ids := map[uint64]bool{}
	for _, g := range gs.Grants {
		if g.Id == 0 || ids[g.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "grant id %d is zero or repeated", g.Id)
		}
		ids[g.Id] = true
		for _, a := range []string{g.Patient, g.Grantee, g.GranteeMember} {
			if err := modulekit.Canonical(ac, a); err != nil {
				return errorsmod.Wrapf(ErrInvalidAddress, "grant %d: %q", g.Id, a)
			}
		}
		if err := ValidateScope(g.Categories, g.Records, g.Purposes); err != nil {
			return err
		}
		if g.Status != GrantStatus_GRANT_STATUS_ACTIVE && g.EndedAt == nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "grant %d ended without an end time", g.Id)
		}
		if !enums.Known(GrantStatus_name, g.Status) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "grant %d has no status", g.Id)
		}
		if !g.ExpiresAt.After(g.CreatedAt) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "grant %d expires before it starts", g.Id)
		}
	}
	return nil
}
