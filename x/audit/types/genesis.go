package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// DefaultGenesis has no events.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks everything InitGenesis relies on: unique, increasing ids;
// valid patient, accessor and (when set) member and custodian addresses; a
// well-formed target, action, purpose and decision; a break-glass event's
// justification.
func (gs GenesisState) Validate(ac address.Codec) error {
	var last uint64
	for _, e := range gs.Events {
		if e.Id <= last {
			return errorsmod.Wrapf(ErrInvalidGenesis, "event ids must increase; %d after %d", e.Id, last)
		}
		last = e.Id
		if err := e.Validate(ac); err != nil {
			return errorsmod.Wrapf(err, "event %d", e.Id)
		}
	}
	return nil
}

// Validate checks one stored event.
func (e AccessEvent) Validate(ac address.Codec) error {
	addrs := []string{e.Patient, e.Accessor}
	if e.AccessorMember != "" {
		addrs = append(addrs, e.AccessorMember)
	}
	for _, a := range addrs {
		if err := modulekit.Canonical(ac, a); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "%q", a)
		}
	}
	if e.Custodian != "" || e.RecordId != "" {
		if err := modulekit.Canonical(ac, e.Custodian); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "custodian %q", e.Custodian)
		}
		if err := recordstypes.ValidateRecordID(e.RecordId); err != nil {
			return err
		}
	} else if e.Category == recordstypes.Category_CATEGORY_UNSPECIFIED {
		return errorsmod.Wrap(ErrInvalidTarget, "an event names a record or a category")
	}
	if e.Category != recordstypes.Category_CATEGORY_UNSPECIFIED {
		if err := recordstypes.ValidateCategory(e.Category); err != nil {
			return err
		}
	}
	if err := ValidateAction(e.Action); err != nil {
		return err
	}
	if err := consenttypes.ValidatePurpose(e.Purpose); err != nil {
		return err
	}
	if !enums.Known(Decision_name, e.Decision) {
		return errorsmod.Wrap(ErrInvalidGenesis, "no decision")
	}
	if !enums.Known(consenttypes.DecisionReason_name, e.Reason) || e.Reason == consenttypes.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE {
		return errorsmod.Wrapf(ErrInvalidGenesis, "decision reason %s is never recorded", e.Reason)
	}
	emergency := e.Decision == Decision_DECISION_EMERGENCY
	if emergency != (e.Reason == consenttypes.DecisionReason_DECISION_REASON_EMERGENCY) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "decision %s with reason %s", e.Decision, e.Reason)
	}
	if emergency {
		if e.Action != Action_ACTION_READ || e.RecordId == "" {
			return errorsmod.Wrap(ErrInvalidGenesis, "a break-glass access reads one record")
		}
		return ValidateBreakGlass(e.BreakGlassReason, e.NoteHash)
	}
	if e.BreakGlassReason != BreakGlassReason_BREAK_GLASS_REASON_UNSPECIFIED || len(e.NoteHash) != 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "only a break-glass access carries a break-glass reason and note hash")
	}
	return nil
}
