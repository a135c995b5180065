package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
)

// DefaultGenesis has no events.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks events have unique, increasing ids, valid addresses and a decision.
func (gs GenesisState) Validate(ac address.Codec) error {
	var last uint64
	for _, e := range gs.Events {
		if e.Id <= last {
			return errorsmod.Wrapf(ErrInvalidGenesis, "event ids must increase; %d after %d", e.Id, last)
		}
		last = e.Id
		for _, a := range []string{e.Patient, e.Accessor, e.Signer} {
			if _, err := ac.StringToBytes(a); err != nil {
				return errorsmod.Wrapf(ErrInvalidAddress, "event %d: %q", e.Id, a)
			}
		}
		if !enums.Known(Decision_name, e.Decision) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "event %d has no decision", e.Id)
		}
	}
	return nil
}
