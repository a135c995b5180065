package types

import (
	"slices"
	"time"

	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// MaxRequestDuration bounds a requested grant's duration before the block
// (the max_grant_duration param bounds it in the block; its own bound is 10 years).
const MaxRequestDuration = 10 * 365 * 24 * time.Hour

// ValidateRequestDuration checks a requested or approved duration is
// positive, whole seconds, and at most MaxRequestDuration.
func ValidateRequestDuration(d time.Duration) error {
	if d <= 0 || d > MaxRequestDuration || d%time.Second != 0 {
		return errorsmod.Wrapf(ErrInvalidDuration, "%s: between 1s and %s, in whole seconds", d, MaxRequestDuration)
	}
	return nil
}

// ValidateRequestReason checks the reason is a known code.
func ValidateRequestReason(r RequestReason) error {
	if !enums.Known(RequestReason_name, r) {
		return errorsmod.Wrapf(ErrInvalidReason, "unknown reason %d (referral, follow-up, second-opinion, …)", r)
	}
	return nil
}

// AskedScope is the scope the request asked for.
func (r ConsentRequest) AskedScope() Scope {
	return Scope{Categories: r.Categories, Records: r.Records, Purposes: r.Purposes}
}

// Approve returns the scope and duration of the grant an approval creates:
// what was asked, or the narrower scope and shorter duration the patient
// chose. Wider or longer is refused. categoryOf gives a record's stored
// category (restricted for sensitive records).
func (r ConsentRequest) Approve(scope *Scope, d *time.Duration, categoryOf func(recordstypes.RecordRef) recordstypes.Category) (Scope, time.Duration, error) {
	asked := r.AskedScope()
	dur := r.Duration
	if d != nil && *d != 0 {
		if *d > r.Duration {
			return asked, 0, errorsmod.Wrapf(ErrWiderThanAsked, "duration %s is longer than the %s asked", *d, r.Duration)
		}
		dur = *d
	}
	if scope == nil {
		return asked, dur, nil
	}
	if err := scope.Within(asked, categoryOf); err != nil {
		return asked, 0, err
	}
	return *scope, dur, nil
}

// Within reports, as an error, whether s covers anything asked does not.
// Its purposes must be among asked's. Each category must be asked, or asked
// must cover all unrestricted records (no categories, no records). Each
// record must be named by asked, or be an unrestricted record of a category
// asked covers. And s may not be empty (all records) unless asked is.
func (s Scope) Within(asked Scope, categoryOf func(recordstypes.RecordRef) recordstypes.Category) error {
	for _, p := range s.Purposes {
		if !slices.Contains(asked.Purposes, p) {
			return errorsmod.Wrapf(ErrWiderThanAsked, "purpose %s was not asked", p.Code())
		}
	}
	all := len(asked.Categories) == 0 && len(asked.Records) == 0
	if !all && len(s.Categories) == 0 && len(s.Records) == 0 {
		return errorsmod.Wrap(ErrWiderThanAsked, "an empty scope covers all records; name categories or records that were asked")
	}
	for _, c := range s.Categories {
		if !all && !slices.Contains(asked.Categories, c) {
			return errorsmod.Wrapf(ErrWiderThanAsked, "category %s was not asked", c.Code())
		}
	}
	for _, ref := range s.Records {
		if slices.Contains(asked.Records, ref) {
			continue
		}
		c := categoryOf(ref)
		if c == recordstypes.Category_CATEGORY_RESTRICTED || !(all || slices.Contains(asked.Categories, c)) {
			return errorsmod.Wrapf(ErrWiderThanAsked, "record %s was not asked", ref.Key())
		}
	}
	return nil
}

// Validate checks s as a grant's scope (ValidateScope).
func (s Scope) Validate() error { return ValidateScope(s.Categories, s.Records, s.Purposes) }

// validateRequest checks a stored request's fields (genesis).
func validateRequest(r ConsentRequest) error {
	if err := ValidateScope(r.Categories, r.Records, r.Purposes); err != nil {
		return err
	}
	if err := ValidateRequestDuration(r.Duration); err != nil {
		return err
	}
	if err := ValidateRequestReason(r.NoteCode); err != nil {
		return err
	}
	switch {
	case !enums.Known(RequestStatus_name, r.Status):
		return errorsmod.Wrapf(ErrInvalidGenesis, "request %d has no status", r.Id)
	case r.Status != RequestStatus_REQUEST_STATUS_PENDING && r.EndedAt == nil:
		return errorsmod.Wrapf(ErrInvalidGenesis, "request %d ended without an end time", r.Id)
	case (r.Status == RequestStatus_REQUEST_STATUS_APPROVED) != (r.GrantId != 0):
		return errorsmod.Wrapf(ErrInvalidGenesis, "request %d: a grant id goes with an approval, and only with one", r.Id)
	case !r.ExpiresAt.After(r.CreatedAt):
		return errorsmod.Wrapf(ErrInvalidGenesis, "request %d expires before it starts", r.Id)
	}
	return nil
}
