package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// trail: cardio reads lab-1 (allowed), mh-1 (denied), dr-a lab-1
// (denied), cardio lab-1 again (allowed), one minute apart; then er-doc
// breaks the glass on mh-1.
func trail(t testing.TB) *fixture {
	f := newFixture(t)
	f.grant(t, "cardio", t0.Add(24*time.Hour))
	for i, tc := range []struct {
		who    string
		record recordstypes.RecordRef
	}{{"cardio", f.lab1}, {"cardio", f.mh1}, {"dr-a", f.lab1}, {"cardio", f.lab1}} {
		f.At(t0.Add(time.Duration(i) * time.Minute))
		_, err := f.request(tc.who, tc.record, treat)
		require.NoError(t, err)
	}
	_, err := f.Msgs.EmergencyAccess(f.Ctx, f.breakGlass("er-doc", f.mh1))
	require.NoError(t, err)
	return f
}

// idsOf lists the ids of a listing's events.
func idsOf(t *testing.T) func(*types.QueryEventsResponse, error) []uint64 {
	return func(res *types.QueryEventsResponse, err error) []uint64 {
		t.Helper()
		require.NoError(t, err)
		return testutil.IDs(res.Events)
	}
}

func TestListings(t *testing.T) {
	f := trail(t)
	q, ctx, p, ids := f.Queries, f.Ctx, f.Str("patient-1"), idsOf(t)
	require.Equal(t, []uint64{1, 2, 3, 4, 5}, ids(q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: p})))
	require.Equal(t, []uint64{5, 4}, ids(q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: p, Pagination: &query.PageRequest{Reverse: true, Limit: 2}})))
	require.Equal(t, []uint64{2, 3}, ids(q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: p, Filter: &types.EventFilter{Decision: denied}})))
	from, to := t0.Add(time.Minute), t0.Add(3*time.Minute)
	require.Equal(t, []uint64{2, 3}, ids(q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: p, Filter: &types.EventFilter{From: &from, To: &to}})))
	require.Equal(t, []uint64{1, 2, 4}, ids(q.EventsByAccessor(ctx, &types.QueryEventsByAccessorRequest{Accessor: f.Str("cardio")})))
	require.Equal(t, []uint64{2, 5}, ids(q.EventsByRecord(ctx, &types.QueryEventsByRecordRequest{Custodian: f.mh1.Custodian, RecordId: f.mh1.RecordId})))
	require.Equal(t, []uint64{3}, ids(q.EventsByMember(ctx, &types.QueryEventsByMemberRequest{Member: f.Str("hospital-a")})))
	require.Equal(t, []uint64{5}, ids(q.EventsByMember(ctx, &types.QueryEventsByMemberRequest{Member: f.Str("er-hospital")})))
	require.Equal(t, []uint64{5}, ids(q.EmergencyEvents(ctx, &types.QueryEmergencyEventsRequest{})))
	require.Equal(t, []uint64{5}, ids(q.EmergencyEvents(ctx, nil)))
}

// Every query answers a good request, NotFound for a missing key (or an
// empty page for a list), and InvalidArgument for a malformed argument.
func TestQueryStatusCodes(t *testing.T) {
	f := trail(t)
	q, ctx := f.Queries, f.Ctx
	t.Run("Event", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.Event, testutil.Answers[*types.QueryEventRequest]{
			codes.OK:              {{EventId: 1}},
			codes.NotFound:        {{EventId: 99}},
			codes.InvalidArgument: {{}, nil},
		})
		require.Equal(t, f.Str("cardio"), res[0].Event.Accessor)
	})
	// Each listing: a good request, one that matches nothing (an empty
	// page), and a malformed one.
	requireEvents := func(t *testing.T, res []*types.QueryEventsResponse) {
		t.Helper()
		require.NotEmpty(t, res[0].Events)
		require.Empty(t, res[1].Events)
	}
	t.Run("EventsByPatient", func(t *testing.T) {
		requireEvents(t, testutil.RequireAnswers(t, ctx, q.EventsByPatient, testutil.Answers[*types.QueryEventsByPatientRequest]{
			codes.OK:              {{Patient: f.Str("patient-1")}, {Patient: f.Str("nobody")}},
			codes.InvalidArgument: {{Patient: "x"}},
		}))
	})
	t.Run("EventsByAccessor", func(t *testing.T) {
		requireEvents(t, testutil.RequireAnswers(t, ctx, q.EventsByAccessor, testutil.Answers[*types.QueryEventsByAccessorRequest]{
			codes.OK:              {{Accessor: f.Str("cardio")}, {Accessor: f.Str("gw-b")}},
			codes.InvalidArgument: {{Accessor: ""}},
		}))
	})
	t.Run("EventsByRecord", func(t *testing.T) {
		requireEvents(t, testutil.RequireAnswers(t, ctx, q.EventsByRecord, testutil.Answers[*types.QueryEventsByRecordRequest]{
			codes.OK: {
				{Custodian: f.lab1.Custodian, RecordId: f.lab1.RecordId},
				{Custodian: f.Str("hospital-b"), RecordId: f.lab1.RecordId},
			},
			codes.InvalidArgument: {{Custodian: f.lab1.Custodian, RecordId: "lab-1"}},
		}))
	})
	t.Run("EventsByMember", func(t *testing.T) {
		requireEvents(t, testutil.RequireAnswers(t, ctx, q.EventsByMember, testutil.Answers[*types.QueryEventsByMemberRequest]{
			codes.OK:              {{Member: f.Str("hospital-b")}, {Member: f.Str("regulator")}},
			codes.InvalidArgument: {{Member: "m"}},
		}))
	})
	t.Run("EmergencyEvents", func(t *testing.T) {
		later := t0.Add(time.Hour)
		requireEvents(t, testutil.RequireAnswers(t, ctx, q.EmergencyEvents, testutil.Answers[*types.QueryEmergencyEventsRequest]{
			codes.OK:              {{}, {Filter: &types.EventFilter{From: &later}}},
			codes.InvalidArgument: {{Pagination: &query.PageRequest{Limit: 100_000}}},
		}))
	})
}

// A store entry that does not decode is the node's fault: Internal.
func TestQueryStoreFailureIsInternal(t *testing.T) {
	f := trail(t)
	key, err := collections.EncodeKeyWithPrefix(types.EventsKey, collections.Uint64Key, uint64(1))
	require.NoError(t, err)
	f.Ctx.KVStore(f.Keys[types.StoreKey]).Set(key, []byte{0xff})
	_, err = f.Queries.Event(f.Ctx, &types.QueryEventRequest{EventId: 1})
	testutil.RequireStatus(t, err, codes.Internal)
}
