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
		testutil.Range("max_grant_duration", func(p *types.Params) *time.Duration { return &p.MaxGrantDuration }, time.Minute, tenYears),
		testutil.Range("max_active_grants_per_patient", func(p *types.Params) *uint32 { return &p.MaxActiveGrantsPerPatient }, 1, 10_000),
		testutil.Range("expiry_prune_limit", func(p *types.Params) *uint32 { return &p.ExpiryPruneLimit }, 1, 100_000),
		testutil.Range("ended_grant_retention", func(p *types.Params) *time.Duration { return &p.EndedGrantRetention }, 0, tenYears),
		testutil.Range("request_ttl", func(p *types.Params) *time.Duration { return &p.RequestTtl }, time.Minute, 90*24*time.Hour),
		testutil.Range("max_open_requests_per_patient", func(p *types.Params) *uint32 { return &p.MaxOpenRequestsPerPatient }, 1, 1000),
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
