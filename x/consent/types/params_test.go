package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
)

const tenYears = 10 * 365 * 24 * time.Hour

// Each parameter is accepted at both ends of its README bounds and refused
// one step outside them, with ErrInvalidParams (code 16).
func TestParamsBounds(t *testing.T) {
	testutil.RequireParamCases(t, types.DefaultParams, types.ErrInvalidParams,
		testutil.Param("max_grant_duration 1 minute", func(p *types.Params) { p.MaxGrantDuration = time.Minute }, true),
		testutil.Param("max_grant_duration under 1 minute", func(p *types.Params) { p.MaxGrantDuration = time.Minute - time.Nanosecond }, false),
		testutil.Param("max_grant_duration 10 years", func(p *types.Params) { p.MaxGrantDuration = tenYears }, true),
		testutil.Param("max_grant_duration over 10 years", func(p *types.Params) { p.MaxGrantDuration = tenYears + time.Nanosecond }, false),
		testutil.Param("max_active_grants_per_patient 1", func(p *types.Params) { p.MaxActiveGrantsPerPatient = 1 }, true),
		testutil.Param("max_active_grants_per_patient 0", func(p *types.Params) { p.MaxActiveGrantsPerPatient = 0 }, false),
		testutil.Param("max_active_grants_per_patient 10000", func(p *types.Params) { p.MaxActiveGrantsPerPatient = 10_000 }, true),
		testutil.Param("max_active_grants_per_patient 10001", func(p *types.Params) { p.MaxActiveGrantsPerPatient = 10_001 }, false),
		testutil.Param("expiry_prune_limit 1", func(p *types.Params) { p.ExpiryPruneLimit = 1 }, true),
		testutil.Param("expiry_prune_limit 0", func(p *types.Params) { p.ExpiryPruneLimit = 0 }, false),
		testutil.Param("expiry_prune_limit 100000", func(p *types.Params) { p.ExpiryPruneLimit = 100_000 }, true),
		testutil.Param("expiry_prune_limit 100001", func(p *types.Params) { p.ExpiryPruneLimit = 100_001 }, false),
		testutil.Param("ended_grant_retention 0", func(p *types.Params) { p.EndedGrantRetention = 0 }, true),
		testutil.Param("ended_grant_retention negative", func(p *types.Params) { p.EndedGrantRetention = -time.Nanosecond }, false),
		testutil.Param("ended_grant_retention 10 years", func(p *types.Params) { p.EndedGrantRetention = tenYears }, true),
		testutil.Param("ended_grant_retention over 10 years", func(p *types.Params) { p.EndedGrantRetention = tenYears + time.Nanosecond }, false),
		testutil.Param("request_ttl 1 minute", func(p *types.Params) { p.RequestTtl = time.Minute }, true),
		testutil.Param("request_ttl under 1 minute", func(p *types.Params) { p.RequestTtl = time.Minute - time.Nanosecond }, false),
		testutil.Param("request_ttl 90 days", func(p *types.Params) { p.RequestTtl = 90 * 24 * time.Hour }, true),
		testutil.Param("request_ttl over 90 days", func(p *types.Params) { p.RequestTtl = 90*24*time.Hour + time.Nanosecond }, false),
		testutil.Param("max_open_requests_per_patient 1", func(p *types.Params) { p.MaxOpenRequestsPerPatient = 1 }, true),
		testutil.Param("max_open_requests_per_patient 0", func(p *types.Params) { p.MaxOpenRequestsPerPatient = 0 }, false),
		testutil.Param("max_open_requests_per_patient 1000", func(p *types.Params) { p.MaxOpenRequestsPerPatient = 1000 }, true),
		testutil.Param("max_open_requests_per_patient 1001", func(p *types.Params) { p.MaxOpenRequestsPerPatient = 1001 }, false),
	)
}

// The defaults are the README's and lie within the bounds; the default
// genesis holds them and no grant.
func TestDefaultParams(t *testing.T) {
	p := types.DefaultParams()
	require.Equal(t, 365*24*time.Hour, p.MaxGrantDuration)
	require.EqualValues(t, 100, p.MaxActiveGrantsPerPatient)
	require.EqualValues(t, 200, p.ExpiryPruneLimit)
	require.Equal(t, 90*24*time.Hour, p.EndedGrantRetention)
	require.Equal(t, 7*24*time.Hour, p.RequestTtl)
	require.EqualValues(t, 20, p.MaxOpenRequestsPerPatient)
	require.NoError(t, p.Validate())
	gs := types.DefaultGenesis()
	require.Equal(t, p, gs.Params)
	require.Empty(t, gs.Grants)
	require.Empty(t, gs.Requests)
}
