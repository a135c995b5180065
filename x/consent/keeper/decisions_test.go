package keeper_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// checkQuery asks the CheckAccess query about patient-1's record.
func (f *fixture) checkQuery(t *testing.T, accessor string, r recordstypes.RecordRef, p types.Purpose) *types.QueryCheckAccessResponse {
	t.Helper()
	res, err := f.Queries.CheckAccess(f.Ctx, &types.QueryCheckAccessRequest{
		Accessor: f.Str(accessor), Patient: f.Str("patient-1"), Custodian: r.Custodian, RecordId: r.RecordId, Purpose: p,
	})
	require.NoError(t, err)
	return res
}

// Every reason CheckAccess gives, through the query an integrator calls.
func TestCheckAccessQueryReasons(t *testing.T) {
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.ExpiresAt = t0.Add(time.Hour)
	id := f.grant(t, msg)
	missing := recordstypes.RecordRef{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("nope")}
	cases := []struct {
		name     string
		accessor string
		record   recordstypes.RecordRef
		purpose  types.Purpose
		reason   types.DecisionReason
	}{
		{"granted", "dr-a", f.lab1, treat, types.DecisionReason_DECISION_REASON_GRANTED},
		{"purpose not granted", "dr-a", f.lab1, types.Purpose_PURPOSE_HRESCH, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT},
		{"category not granted", "dr-a", f.img1, treat, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT},
		{"another agent of the member", "nurse-a", f.lab1, treat, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT},
		{"record not anchored", "dr-a", missing, treat, types.DecisionReason_DECISION_REASON_RECORD_NOT_FOUND},
		{"another patient's record", "dr-a", f.lab2, treat, types.DecisionReason_DECISION_REASON_RECORD_OF_ANOTHER_PATIENT},
		{"accessor acts for nobody", "patient-2", f.lab1, treat, types.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE},
		{"restricted record", "dr-a", f.mh1, treat, types.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT},
	}
	for _, tc := range cases {
		res := f.checkQuery(t, tc.accessor, tc.record, tc.purpose)
		require.Equal(t, tc.reason, res.Reason, tc.name)
		require.Equal(t, tc.reason == types.DecisionReason_DECISION_REASON_GRANTED, res.Allowed, tc.name)
		if res.Allowed {
			require.Equal(t, id, res.GrantId, tc.name)
		} else {
			require.Zero(t, res.GrantId, tc.name)
		}
	}

	// At expires_at exactly the grant is named as expired, until BeginBlock
	// marks it; from then no active grant matches.
	f.At(t0.Add(time.Hour))
	res := f.checkQuery(t, "dr-a", f.lab1, treat)
	require.False(t, res.Allowed)
	require.Equal(t, types.DecisionReason_DECISION_REASON_GRANT_EXPIRED, res.Reason)
	require.Equal(t, id, res.GrantId)
	require.NoError(t, f.K.MarkExpired(f.Ctx))
	res = f.checkQuery(t, "dr-a", f.lab1, treat)
	require.Equal(t, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, res.Reason)
	require.Zero(t, res.GrantId)
}

// An expired grant does not hide a live one: the decision goes on to the
// patient's other grants and names the one that allows.
func TestExpiredGrantDoesNotShadowALiveOne(t *testing.T) {
	f := newFixture(t)
	old := f.grantMsg("dr-a")
	old.ExpiresAt = t0.Add(time.Hour)
	f.grant(t, old)
	f.At(t0.Add(30 * time.Minute))
	live := f.grant(t, f.grantMsg("hospital-a"))
	f.At(t0.Add(time.Hour))
	d := f.check(t, "dr-a", f.lab1, treat)
	require.True(t, d.Allowed)
	require.Equal(t, live, d.GrantID)
}

// A restricted record named by a grant that has expired is reported as an
// expired grant, naming it, not as a record that needs a grant.
func TestRestrictedRecordGrantExpires(t *testing.T) {
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.Categories, msg.Records, msg.ExpiresAt = nil, []recordstypes.RecordRef{f.mh1}, t0.Add(time.Hour)
	id := f.grant(t, msg)
	d := f.check(t, "dr-a", f.mh1, treat)
	require.True(t, d.Allowed)
	require.Equal(t, recordstypes.Category_CATEGORY_RESTRICTED, d.Category)
	require.Equal(t, types.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT, f.checkCategory(t, "dr-a", recordstypes.Category_CATEGORY_RESTRICTED).Reason,
		"a record grant does not open the restricted category")
	f.At(t0.Add(time.Hour))
	d = f.check(t, "dr-a", f.mh1, treat)
	require.Equal(t, types.DecisionReason_DECISION_REASON_GRANT_EXPIRED, d.Reason)
	require.Equal(t, id, d.GrantID)
}

// A record question is decided by the record's own category; the category
// field of the request cannot widen it.
func TestRecordDecidedByItsOwnCategory(t *testing.T) {
	f, _ := granted(t, "dr-a")
	res, err := f.Queries.CheckAccess(f.Ctx, &types.QueryCheckAccessRequest{
		Accessor: f.Str("dr-a"), Patient: f.Str("patient-1"), Custodian: f.img1.Custodian, RecordId: f.img1.RecordId, Category: lab, Purpose: treat,
	})
	require.NoError(t, err)
	require.False(t, res.Allowed)
	require.Equal(t, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, res.Reason)
	d, err := f.K.CheckAccess(f.Ctx, types.AccessRequest{
		Accessor: f.Addr("dr-a"), Patient: f.Addr("patient-1"), Record: &f.img1, Category: lab, Purpose: treat,
	})
	require.NoError(t, err)
	require.Equal(t, imaging, d.Category, "what x/audit records is the record's category")
}

// Malformed requests are errors with the README codes, never decisions.
func TestCheckAccessErrorCodes(t *testing.T) {
	f, _ := granted(t, "dr-a")
	req := func(mutate func(r *types.AccessRequest)) error {
		r := types.AccessRequest{Accessor: f.Addr("dr-a"), Patient: f.Addr("patient-1"), Record: &f.lab1, Purpose: treat}
		mutate(&r)
		_, err := f.K.CheckAccess(f.Ctx, r)
		return err
	}
	cases := []struct {
		name   string
		mutate func(r *types.AccessRequest)
		want   *errorsmod.Error
	}{
		{"no patient", func(r *types.AccessRequest) { r.Patient = nil }, types.ErrInvalidRequest},
		{"unknown category, no record", func(r *types.AccessRequest) { r.Record, r.Category = nil, 99 }, types.ErrInvalidRequest},
		{"custodian no address", func(r *types.AccessRequest) {
			r.Record = &recordstypes.RecordRef{Custodian: "x", RecordId: f.lab1.RecordId}
		}, types.ErrInvalidRecord},
		{"upper-case record id", func(r *types.AccessRequest) {
			r.Record = &recordstypes.RecordRef{Custodian: f.lab1.Custodian, RecordId: "ABCDEF0123456789ABCDEF0123456789"}
		}, types.ErrInvalidRecord},
	}
	for _, tc := range cases {
		testutil.RequireCode(t, req(tc.mutate), tc.want, tc.name)
	}

	_, err := f.Queries.CheckAccess(f.Ctx, nil)
	testutil.RequireStatus(t, err, codes.InvalidArgument, "nil request")
}
