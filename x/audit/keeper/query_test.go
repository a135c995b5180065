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
	_, err := f.msgs.EmergencyAccess(f.Ctx, f.breakGlass("er-doc", f.mh1))
	require.NoError(t, err)
	return f
}

// idsOf lists the ids of a listing's events.
func idsOf(t *testing.T) func(*types.QueryEventsResponse, error) []uint64 {
	return func(res *types.QueryEventsResponse, err error) []uint64 {
		t.Helper()
		require.NoError(t, err)
		var out []uint64
		for _, e := range res.Events {
			out = append(out, e.Id)
		}
		return out
	}
}

func TestListings(t *testing.T) {
	f := trail(t)
	q, ctx, p, ids := f.queries, f.Ctx, f.Str("patient-1"), idsOf(t)
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
	q, ctx := f.queries, f.Ctx
	t.Run("Event", func(t *testing.T) {
		res, err := q.Event(ctx, &types.QueryEventRequest{EventId: 1})
		require.NoError(t, err)
		require.Equal(t, f.Str("cardio"), res.Event.Accessor)
		_, err = q.Event(ctx, &types.QueryEventRequest{EventId: 99})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.Event(ctx, &types.QueryEventRequest{})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.Event(ctx, nil)
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	lists := []struct {
		name      string
		good, bad func() (*types.QueryEventsResponse, error)
		empty     func() (*types.QueryEventsResponse, error)
	}{
		{"EventsByPatient",
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: f.Str("patient-1")})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: "x"})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: f.Str("nobody")})
			}},
		{"EventsByAccessor",
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByAccessor(ctx, &types.QueryEventsByAccessorRequest{Accessor: f.Str("cardio")})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByAccessor(ctx, &types.QueryEventsByAccessorRequest{Accessor: ""})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByAccessor(ctx, &types.QueryEventsByAccessorRequest{Accessor: f.Str("gw-b")})
			}},
		{"EventsByRecord",
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByRecord(ctx, &types.QueryEventsByRecordRequest{Custodian: f.lab1.Custodian, RecordId: f.lab1.RecordId})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByRecord(ctx, &types.QueryEventsByRecordRequest{Custodian: f.lab1.Custodian, RecordId: "lab-1"})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByRecord(ctx, &types.QueryEventsByRecordRequest{Custodian: f.Str("hospital-b"), RecordId: f.lab1.RecordId})
			}},
		{"EventsByMember",
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByMember(ctx, &types.QueryEventsByMemberRequest{Member: f.Str("hospital-b")})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByMember(ctx, &types.QueryEventsByMemberRequest{Member: "m"})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EventsByMember(ctx, &types.QueryEventsByMemberRequest{Member: f.Str("regulator")})
			}},
		{"EmergencyEvents",
			func() (*types.QueryEventsResponse, error) {
				return q.EmergencyEvents(ctx, &types.QueryEmergencyEventsRequest{})
			},
			func() (*types.QueryEventsResponse, error) {
				return q.EmergencyEvents(ctx, &types.QueryEmergencyEventsRequest{Pagination: &query.PageRequest{Limit: 100_000}})
			},
			func() (*types.QueryEventsResponse, error) {
				later := t0.Add(time.Hour)
				return q.EmergencyEvents(ctx, &types.QueryEmergencyEventsRequest{Filter: &types.EventFilter{From: &later}})
			}},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			good, err := l.good()
			require.NoError(t, err)
			require.NotEmpty(t, good.Events)
			empty, err := l.empty()
			require.NoError(t, err)
			require.Empty(t, empty.Events)
			_, err = l.bad()
			testutil.RequireStatus(t, err, codes.InvalidArgument)
		})
	}
}

// A store entry that does not decode is the node's fault: Internal.
func TestQueryStoreFailureIsInternal(t *testing.T) {
	f := trail(t)
	key, err := collections.EncodeKeyWithPrefix(types.EventsKey, collections.Uint64Key, uint64(1))
	require.NoError(t, err)
	f.Ctx.KVStore(f.Keys[types.StoreKey]).Set(key, []byte{0xff})
	_, err = f.queries.Event(f.Ctx, &types.QueryEventRequest{EventId: 1})
	testutil.RequireStatus(t, err, codes.Internal)
}
