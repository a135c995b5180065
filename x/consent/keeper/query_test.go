package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
)

// Every query answers a good request, NotFound for a missing key (or an
// empty page for a list), and InvalidArgument for a malformed argument.
func TestQueryStatusCodes(t *testing.T) {
	f := newFixture(t)
	id := f.grant(t, f.grantMsg("dr-a"))
	revoked := f.grant(t, f.grantMsg("hospital-b"))
	require.NoError(t, f.revoke(t, "patient-1", revoked))
	q, ctx := f.queries, f.Ctx

	t.Run("Params", func(t *testing.T) {
		res, err := q.Params(ctx, &types.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, types.DefaultParams(), res.Params)
	})
	t.Run("Grant", func(t *testing.T) {
		res, err := q.Grant(ctx, &types.QueryGrantRequest{GrantId: id})
		require.NoError(t, err)
		require.Equal(t, f.Str("dr-a"), res.Grant.Grantee)
		_, err = q.Grant(ctx, &types.QueryGrantRequest{GrantId: 99})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.Grant(ctx, &types.QueryGrantRequest{GrantId: 0})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.Grant(ctx, nil)
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("GrantsByPatient", func(t *testing.T) {
		all, err := q.GrantsByPatient(ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-1")})
		require.NoError(t, err)
		require.Len(t, all.Grants, 2)
		active, err := q.GrantsByPatient(ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-1"), Status: types.GrantStatus_GRANT_STATUS_ACTIVE})
		require.NoError(t, err)
		require.Len(t, active.Grants, 1)
		page, err := q.GrantsByPatient(ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-1"), Pagination: &query.PageRequest{Limit: 1}})
		require.NoError(t, err)
		require.Len(t, page.Grants, 1)
		require.NotNil(t, page.Pagination.NextKey)
		none, err := q.GrantsByPatient(ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-2")})
		require.NoError(t, err)
		require.Empty(t, none.Grants)
		_, err = q.GrantsByPatient(ctx, &types.QueryGrantsByPatientRequest{Patient: "p"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("GrantsByGrantee", func(t *testing.T) {
		res, err := q.GrantsByGrantee(ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.Str("hospital-b"), Status: types.GrantStatus_GRANT_STATUS_REVOKED})
		require.NoError(t, err)
		require.Len(t, res.Grants, 1)
		none, err := q.GrantsByGrantee(ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.Str("lab-c")})
		require.NoError(t, err)
		require.Empty(t, none.Grants)
		_, err = q.GrantsByGrantee(ctx, &types.QueryGrantsByGranteeRequest{Grantee: ""})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.GrantsByGrantee(ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.Str("dr-a"), Pagination: &query.PageRequest{Limit: 1001}})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("CheckAccess", func(t *testing.T) {
		res, err := q.CheckAccess(ctx, &types.QueryCheckAccessRequest{
			Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), Custodian: f.lab1.Custodian, RecordId: f.lab1.RecordId, Purpose: treat,
		})
		require.NoError(t, err)
		require.True(t, res.Allowed)
		require.Equal(t, id, res.GrantId)
		require.Equal(t, types.DecisionReason_DECISION_REASON_GRANTED, res.Reason)
		byCat, err := q.CheckAccess(ctx, &types.QueryCheckAccessRequest{Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), Category: lab, Purpose: treat})
		require.NoError(t, err)
		require.True(t, byCat.Allowed)
		missing, err := q.CheckAccess(ctx, &types.QueryCheckAccessRequest{
			Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), Custodian: f.lab1.Custodian, RecordId: testutil.RecordID("nope"), Purpose: treat,
		})
		require.NoError(t, err, "a missing record is a decision, not an error")
		require.Equal(t, types.DecisionReason_DECISION_REASON_RECORD_NOT_FOUND, missing.Reason)
		for name, req := range map[string]*types.QueryCheckAccessRequest{
			"bad accessor":    {Accessor: "x", Patient: f.Str("patient-1"), Category: lab, Purpose: treat},
			"bad patient":     {Accessor: f.Str("dr-a"), Patient: "", Category: lab, Purpose: treat},
			"no purpose":      {Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), Category: lab},
			"no target":       {Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), Purpose: treat},
			"readable record": {Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), Custodian: f.lab1.Custodian, RecordId: "lab-1", Purpose: treat},
			"no custodian":    {Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), RecordId: f.lab1.RecordId, Purpose: treat},
		} {
			_, err := q.CheckAccess(ctx, req)
			testutil.RequireStatus(t, err, codes.InvalidArgument, name)
		}
	})
}

// A store entry that does not decode is the node's fault: Internal.
func TestQueryStoreFailureIsInternal(t *testing.T) {
	f := newFixture(t)
	id := f.grant(t, f.grantMsg("dr-a"))
	key, err := collections.EncodeKeyWithPrefix(types.GrantsKey, collections.Uint64Key, id)
	require.NoError(t, err)
	f.Ctx.KVStore(f.Keys[types.StoreKey]).Set(key, []byte{0xff})
	_, err = f.queries.Grant(f.Ctx, &types.QueryGrantRequest{GrantId: id})
	testutil.RequireStatus(t, err, codes.Internal)
}
