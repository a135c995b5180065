package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
)

// Lists page in id order, either way, and a status filter pages over the
// grants it keeps.
func TestGrantListPaging(t *testing.T) {
	f := newFixture(t)
	for range 5 {
		f.grant(t, f.grantMsg("dr-a"))
	}
	require.NoError(t, f.revoke(t, "patient-1", 2))
	require.NoError(t, f.revoke(t, "patient-1", 4))
	byPatient := func(st types.GrantStatus, p *query.PageRequest) *types.QueryGrantsResponse {
		res, err := f.Queries.GrantsByPatient(f.Ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-1"), Status: st, Pagination: p})
		require.NoError(t, err)
		return res
	}
	require.Equal(t, []uint64{1, 2, 3, 4, 5}, testutil.IDs(byPatient(0, nil).Grants))
	require.Equal(t, []uint64{5, 4, 3, 2, 1}, testutil.IDs(byPatient(0, &query.PageRequest{Reverse: true}).Grants))
	require.Equal(t, []uint64{4, 2}, testutil.IDs(byPatient(types.GrantStatus_GRANT_STATUS_REVOKED, &query.PageRequest{Reverse: true}).Grants))

	first := byPatient(types.GrantStatus_GRANT_STATUS_ACTIVE, &query.PageRequest{Limit: 2})
	require.Equal(t, []uint64{1, 3}, testutil.IDs(first.Grants))
	require.NotEmpty(t, first.Pagination.NextKey)
	rest := byPatient(types.GrantStatus_GRANT_STATUS_ACTIVE, &query.PageRequest{Limit: 2, Key: first.Pagination.NextKey})
	require.Equal(t, []uint64{5}, testutil.IDs(rest.Grants))
	require.Empty(t, rest.Pagination.NextKey)

	byGrantee, err := f.Queries.GrantsByGrantee(f.Ctx, &types.QueryGrantsByGranteeRequest{
		Grantee: f.Str("dr-a"), Pagination: &query.PageRequest{Offset: 3, Limit: 1, CountTotal: true},
	})
	require.NoError(t, err)
	require.Equal(t, []uint64{4}, testutil.IDs(byGrantee.Grants))
	require.EqualValues(t, 5, byGrantee.Pagination.Total)
}

// A page of 1000 is allowed and 1001 refused, on both lists; so is a page
// request giving both a key and an offset.
func TestGrantListPageCap(t *testing.T) {
	f, _ := granted(t, "dr-a")
	patient := func(p *query.PageRequest) error {
		_, err := f.Queries.GrantsByPatient(f.Ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-1"), Pagination: p})
		return err
	}
	grantee := func(p *query.PageRequest) error {
		_, err := f.Queries.GrantsByGrantee(f.Ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.Str("dr-a"), Pagination: p})
		return err
	}
	for name, list := range map[string]func(*query.PageRequest) error{"by patient": patient, "by grantee": grantee} {
		require.NoError(t, list(&query.PageRequest{Limit: 1000}), name)
		require.NoError(t, list(&query.PageRequest{Limit: 1000, Reverse: true}), name)
		testutil.RequireStatus(t, list(&query.PageRequest{Limit: 1001}), codes.InvalidArgument, name)
		testutil.RequireStatus(t, list(&query.PageRequest{Key: []byte{1}, Offset: 1}), codes.InvalidArgument, name)
	}
}

// Nil requests and addresses that are not this chain's are InvalidArgument.
func TestQueryMalformedRequests(t *testing.T) {
	f, _ := granted(t, "dr-a")
	foreign := sdk.MustBech32ifyAddressBytes("cosmos", f.Addr("patient-1"))
	_, err := f.Queries.GrantsByPatient(f.Ctx, nil)
	testutil.RequireStatus(t, err, codes.InvalidArgument)
	_, err = f.Queries.GrantsByGrantee(f.Ctx, nil)
	testutil.RequireStatus(t, err, codes.InvalidArgument)
	_, err = f.Queries.GrantsByPatient(f.Ctx, &types.QueryGrantsByPatientRequest{Patient: foreign})
	testutil.RequireStatus(t, err, codes.InvalidArgument, "another chain's prefix")
	_, err = f.Queries.GrantsByGrantee(f.Ctx, &types.QueryGrantsByGranteeRequest{Grantee: foreign})
	testutil.RequireStatus(t, err, codes.InvalidArgument)
	_, err = f.Queries.CheckAccess(f.Ctx, &types.QueryCheckAccessRequest{Accessor: f.Str("dr-a"), Patient: foreign, Category: lab, Purpose: treat})
	testutil.RequireStatus(t, err, codes.InvalidArgument)
	_, err = f.Queries.CheckAccess(f.Ctx, &types.QueryCheckAccessRequest{Accessor: foreign, Patient: f.Str("patient-1"), Category: lab, Purpose: treat})
	testutil.RequireStatus(t, err, codes.InvalidArgument)
}
