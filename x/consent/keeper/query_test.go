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
	f, id, _ := withGrants(t)
	q, ctx := f.Queries, f.Ctx
	testutil.RequireParamsAnswer(t, ctx, q.Params, types.DefaultParams())
	t.Run("Grant", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.Grant, testutil.Answers[*types.QueryGrantRequest]{
			codes.OK:              {{GrantId: id}},
			codes.NotFound:        {{GrantId: 99}},
			codes.InvalidArgument: {{GrantId: 0}, nil},
		})
		require.Equal(t, f.Str("dr-a"), res[0].Grant.Grantee)
	})
	t.Run("GrantsByPatient", func(t *testing.T) {
		patient1 := f.Str("patient-1")
		res := testutil.RequireAnswers(t, ctx, q.GrantsByPatient, testutil.Answers[*types.QueryGrantsByPatientRequest]{
			codes.OK: {
				{Patient: patient1},
				{Patient: patient1, Status: types.GrantStatus_GRANT_STATUS_ACTIVE},
				{Patient: patient1, Pagination: &query.PageRequest{Limit: 1}},
				{Patient: f.Str("patient-2")},
			},
			codes.InvalidArgument: {{Patient: "p"}},
		})
		all, active, page, none := res[0], res[1], res[2], res[3]
		require.Len(t, all.Grants, 2)
		require.Len(t, active.Grants, 1)
		require.Len(t, page.Grants, 1)
		require.NotNil(t, page.Pagination.NextKey)
		require.Empty(t, none.Grants)
	})
	t.Run("GrantsByGrantee", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.GrantsByGrantee, testutil.Answers[*types.QueryGrantsByGranteeRequest]{
			codes.OK: {{Grantee: f.Str("hospital-b"), Status: types.GrantStatus_GRANT_STATUS_REVOKED}, {Grantee: f.Str("lab-c")}},
			codes.InvalidArgument: {
				{Grantee: ""},
				{Grantee: f.Str("dr-a"), Pagination: &query.PageRequest{Limit: 1001}},
			},
		})
		require.Len(t, res[0].Grants, 1)
		require.Empty(t, res[1].Grants)
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
	f, id := granted(t, "dr-a")
	key, err := collections.EncodeKeyWithPrefix(types.GrantsKey, collections.Uint64Key, id)
	require.NoError(t, err)
	f.Ctx.KVStore(f.Keys[types.StoreKey]).Set(key, []byte{0xff})
	_, err = f.Queries.Grant(f.Ctx, &types.QueryGrantRequest{GrantId: id})
	testutil.RequireStatus(t, err, codes.Internal)
}
