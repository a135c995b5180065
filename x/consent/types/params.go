package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
)

// Default parameter values.
const (
	DefaultMaxGrantDuration          = 365 * 24 * time.Hour
	DefaultMaxActiveGrantsPerPatient = 100
	DefaultExpiryPruneLimit          = 200
	DefaultEndedGrantRetention       = 90 * 24 * time.Hour
	DefaultRequestTTL                = 7 * 24 * time.Hour
	DefaultMaxOpenRequests           = 20
)

// DefaultParams returns the default consent parameters.
func DefaultParams() Params {
	return Params{
		MaxGrantDuration:          DefaultMaxGrantDuration,
		MaxActiveGrantsPerPatient: DefaultMaxActiveGrantsPerPatient,
		ExpiryPruneLimit:          DefaultExpiryPruneLimit,
		EndedGrantRetention:       DefaultEndedGrantRetention,
		RequestTtl:                DefaultRequestTTL,
		MaxOpenRequestsPerPatient: DefaultMaxOpenRequests,
	}
}

// Validate checks every parameter is within bounds.
func (p Params) Validate() error {
	switch {
	case p.MaxGrantDuration < time.Minute || p.MaxGrantDuration > 10*365*24*time.Hour:
		return errorsmod.Wrap(ErrInvalidParams, "max_grant_duration must be between 1 minute and 10 years")
	case p.MaxActiveGrantsPerPatient == 0 || p.MaxActiveGrantsPerPatient > 10_000:
		return errorsmod.Wrap(ErrInvalidParams, "max_active_grants_per_patient must be 1..10000")
	case p.ExpiryPruneLimit == 0 || p.ExpiryPruneLimit > 100_000:
		return errorsmod.Wrap(ErrInvalidParams, "expiry_prune_limit must be 1..100000")
	case p.EndedGrantRetention < 0 || p.EndedGrantRetention > 10*365*24*time.Hour:
		return errorsmod.Wrap(ErrInvalidParams, "ended_grant_retention must be between 0 and 10 years")
	case p.RequestTtl < time.Minute || p.RequestTtl > 90*24*time.Hour:
		return errorsmod.Wrap(ErrInvalidParams, "request_ttl must be between 1 minute and 90 days")
	case p.MaxOpenRequestsPerPatient == 0 || p.MaxOpenRequestsPerPatient > 1000:
		return errorsmod.Wrap(ErrInvalidParams, "max_open_requests_per_patient must be 1..1000")
	}
	return nil
}
