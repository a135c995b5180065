package keeper_test

import (
	"slices"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/types/bech32"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
)

type listing func(*types.EventFilter, *query.PageRequest) (*types.QueryEventsResponse, error)

// lists are the five listings, for patient-1, cardio, mh-1, hospital-b and
// break-glass.
func lists(f *fixture) map[string]listing {
	q, ctx := f.Queries, f.Ctx
	return map[string]listing{
		"EventsByPatient": func(fl *types.EventFilter, p *query.PageRequest) (*types.QueryEventsResponse, error) {
			return q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: f.Str("patient-1"), Filter: fl, Pagination: p})
		},
		"EventsByAccessor": func(fl *types.EventFilter, p *query.PageRequest) (*types.QueryEventsResponse, error) {
			return q.EventsByAccessor(ctx, &types.QueryEventsByAccessorRequest{Accessor: f.Str("cardio"), Filter: fl, Pagination: p})
		},
		"EventsByRecord": func(fl *types.EventFilter, p *query.PageRequest) (*types.QueryEventsResponse, error) {
			return q.EventsByRecord(ctx, &types.QueryEventsByRecordRequest{Custodian: f.mh1.Custodian, RecordId: f.mh1.RecordId, Filter: fl, Pagination: p})
		},
		"EventsByMember": func(fl *types.EventFilter, p *query.PageRequest) (*types.QueryEventsResponse, error) {
			return q.EventsByMember(ctx, &types.QueryEventsByMemberRequest{Member: f.Str("hospital-b"), Filter: fl, Pagination: p})
		},
		"EmergencyEvents": func(fl *types.EventFilter, p *query.PageRequest) (*types.QueryEventsResponse, error) {
			return q.EmergencyEvents(ctx, &types.QueryEmergencyEventsRequest{Filter: fl, Pagination: p})
		},
	}
}

// Every listing takes up to 1000 events a page and refuses more; takes the
// decision and time filters; and pages newest first when reversed.
func TestListingFiltersAndPages(t *testing.T) {
	f := trail(t)
	ids := idsOf(t)
	at := func(d time.Duration) *time.Time { x := t0.Add(d); return &x }
	want := map[string]struct{ all, emergency, fromMinute3, beforeMinute3 []uint64 }{
		"EventsByPatient":  {[]uint64{1, 2, 3, 4, 5}, []uint64{5}, []uint64{4, 5}, []uint64{1, 2, 3}},
		"EventsByAccessor": {[]uint64{1, 2, 4}, nil, []uint64{4}, []uint64{1, 2}},
		"EventsByRecord":   {[]uint64{2, 5}, []uint64{5}, []uint64{5}, []uint64{2}},
		"EventsByMember":   {[]uint64{1, 2, 4}, nil, []uint64{4}, []uint64{1, 2}},
		"EmergencyEvents":  {[]uint64{5}, []uint64{5}, []uint64{5}, nil},
	}
	for name, list := range lists(f) {
		t.Run(name, func(t *testing.T) {
			w := want[name]
			require.Equal(t, w.all, ids(list(nil, &query.PageRequest{Limit: 1000})))
			_, err := list(nil, &query.PageRequest{Limit: 1001})
			testutil.RequireStatus(t, err, codes.InvalidArgument)
			require.Equal(t, w.emergency, ids(list(&types.EventFilter{Decision: types.Decision_DECISION_EMERGENCY}, nil)))
			require.Equal(t, w.fromMinute3, ids(list(&types.EventFilter{From: at(3 * time.Minute)}, nil)), "from is inclusive")
			require.Equal(t, w.beforeMinute3, ids(list(&types.EventFilter{To: at(3 * time.Minute)}, nil)), "to is exclusive")
			require.Empty(t, ids(list(&types.EventFilter{From: at(time.Minute), To: at(time.Minute)}, nil)))

			newestFirst := slices.Clone(w.all)
			slices.Reverse(newestFirst)
			require.Equal(t, newestFirst, ids(list(nil, &query.PageRequest{Reverse: true})))
		})
	}
}

// EventsByMember lists the accesses of a member's operator and of each of
// its agents, and of no other member.
func TestEventsByMemberCoversOperatorAndAgents(t *testing.T) {
	f := newFixture(t)
	for _, who := range []string{"hospital-b", "cardio", "gw-b", "dr-a"} {
		_, err := f.request(who, f.lab1, treat)
		require.NoError(t, err)
	}
	ids := idsOf(t)
	require.Equal(t, []uint64{1, 2, 3}, ids(f.Queries.EventsByMember(f.Ctx, &types.QueryEventsByMemberRequest{Member: f.Str("hospital-b")})))
	require.Equal(t, []uint64{4}, ids(f.Queries.EventsByMember(f.Ctx, &types.QueryEventsByMemberRequest{Member: f.Str("hospital-a")})))
	require.Empty(t, ids(f.Queries.EventsByMember(f.Ctx, &types.QueryEventsByMemberRequest{Member: f.Str("cardio")})),
		"an agent is not a member")
}

// Nil requests and malformed arguments are InvalidArgument.
func TestListingArguments(t *testing.T) {
	f := trail(t)
	q, ctx := f.Queries, f.Ctx
	foreign, err := bech32.ConvertAndEncode("cosmos", f.Addr("patient-1"))
	require.NoError(t, err)
	for name, call := range map[string]func() (*types.QueryEventsResponse, error){
		"nil by patient":  func() (*types.QueryEventsResponse, error) { return q.EventsByPatient(ctx, nil) },
		"nil by accessor": func() (*types.QueryEventsResponse, error) { return q.EventsByAccessor(ctx, nil) },
		"nil by record":   func() (*types.QueryEventsResponse, error) { return q.EventsByRecord(ctx, nil) },
		"nil by member":   func() (*types.QueryEventsResponse, error) { return q.EventsByMember(ctx, nil) },
		"another chain's prefix": func() (*types.QueryEventsResponse, error) {
			return q.EventsByPatient(ctx, &types.QueryEventsByPatientRequest{Patient: foreign})
		},
		"no custodian": func() (*types.QueryEventsResponse, error) {
			return q.EventsByRecord(ctx, &types.QueryEventsByRecordRequest{RecordId: f.lab1.RecordId})
		},
		"an upper-case record id": func() (*types.QueryEventsResponse, error) {
			return q.EventsByRecord(ctx, &types.QueryEventsByRecordRequest{Custodian: f.lab1.Custodian, RecordId: "ABCDEF0123456789ABCDEF0123456789"})
		},
	} {
		_, err := call()
		testutil.RequireStatus(t, err, codes.InvalidArgument, name)
	}
}
