package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
)

// DefaultGenesis has default params, no grants and no requests.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks params and that every grant is well formed with a unique id.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	ids := modulekit.IDs{}
	for _, g := range gs.Grants {
		if err := ids.Add(ErrInvalidGenesis, "grant", g.Id); err != nil {
			return err
		}
		if err := modulekit.CanonicalEach(ac, ErrInvalidAddress, "grant", g.Id, g.Patient, g.Grantee, g.GranteeMember); err != nil {
			return err
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
	return validateRequests(ac, gs.Requests)
}

// validateRequests checks every request is well formed, with a unique id,
// and that no (requester, patient) pair has two pending requests.
func validateRequests(ac address.Codec, requests []ConsentRequest) error {
	ids := modulekit.IDs{}
	open := map[[2]string]bool{}
	for _, r := range requests {
		if err := ids.Add(ErrInvalidGenesis, "request", r.Id); err != nil {
			return err
		}
		if err := modulekit.CanonicalEach(ac, ErrInvalidAddress, "request", r.Id, r.Patient, r.Requester, r.RequesterMember); err != nil {
			return err
		}
		if err := validateRequest(r); err != nil {
			return err
		}
		pair := [2]string{r.Requester, r.Patient}
		if r.Status == RequestStatus_REQUEST_STATUS_PENDING {
			if open[pair] {
				return errorsmod.Wrapf(ErrInvalidGenesis, "request %d: a second pending request of the same requester to the same patient", r.Id)
			}
			open[pair] = true
		}
	}
	return nil
}
