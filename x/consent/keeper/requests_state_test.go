package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
)

// withRequests: a pending request of dr-a, one of dr-b approved (grant 1),
// and one of nurse-a declined, all to patient-1.
func withRequests(t *testing.T) (*fixture, [3]uint64) {
	f := newFixture(t)
	ids := [3]uint64{f.ask(t, f.requestMsg("dr-a", "patient-1")), f.ask(t, f.requestMsg("dr-b", "patient-1")), f.ask(t, f.requestMsg("nurse-a", "patient-1"))}
	_, err := f.respond("patient-1", ids[1], approve, nil, nil)
	require.NoError(t, err)
	_, err = f.respond("patient-1", ids[2], decline, nil, nil)
	require.NoError(t, err)
	return f, ids
}

// The request queries answer a good request, NotFound for a missing id (an
// empty page for a list) and InvalidArgument for a malformed argument.
func TestRequestQueries(t *testing.T) {
	f, ids := withRequests(t)
	q, ctx := f.Queries, f.Ctx
	t.Run("ConsentRequest", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.ConsentRequest, testutil.Answers[*types.QueryConsentRequestRequest]{
			codes.OK:              {{RequestId: ids[1]}},
			codes.NotFound:        {{RequestId: 99}},
			codes.InvalidArgument: {{}, nil},
		})
		require.Equal(t, types.RequestStatus_REQUEST_STATUS_APPROVED, res[0].Request.Status)
		require.EqualValues(t, 1, res[0].Request.GrantId)
	})
	t.Run("RequestsByPatient", func(t *testing.T) {
		patient1 := f.Str("patient-1")
		res := testutil.RequireAnswers(t, ctx, q.RequestsByPatient, testutil.Answers[*types.QueryRequestsByPatientRequest]{
			codes.OK: {
				{Patient: patient1},
				{Patient: patient1, Pagination: &query.PageRequest{Limit: 2}},
				{Patient: f.Str("patient-2")},
				{Patient: patient1, Status: pending},
				{Patient: patient1, Status: types.RequestStatus_REQUEST_STATUS_APPROVED},
				{Patient: patient1, Status: types.RequestStatus_REQUEST_STATUS_DECLINED},
			},
			codes.InvalidArgument: {
				{Patient: "med1nope"},
				{Patient: patient1, Pagination: &query.PageRequest{Limit: 5000}},
				nil,
			},
		})
		all, page, none := res[0], res[1], res[2]
		require.Len(t, all.Requests, 3)
		require.Len(t, page.Requests, 2)
		require.NotNil(t, page.Pagination.NextKey)
		require.Empty(t, none.Requests)
		for i, byStatus := range res[3:] {
			require.Len(t, byStatus.Requests, 1, i)
			require.Equal(t, ids[i], byStatus.Requests[0].Id, "pending, approved, declined")
		}
	})
	t.Run("RequestsByRequester", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.RequestsByRequester, testutil.Answers[*types.QueryRequestsByRequesterRequest]{
			codes.OK:              {{Requester: f.Str("dr-b")}, {Requester: f.Str("dr-b"), Status: pending}},
			codes.InvalidArgument: {{Requester: ""}, nil},
		})
		require.Len(t, res[0].Requests, 1)
		require.Equal(t, ids[1], res[0].Requests[0].Id)
		require.Empty(t, res[1].Requests)
	})
}

// Requests survive export and import: the pending one is still pending,
// answerable and expiring, the pair is still taken, ids continue.
func TestRequestGenesisRoundTrip(t *testing.T) {
	f, ids := withRequests(t)
	gs := testutil.ConsentGenesis.MustExport(t, f.Stack)
	require.Len(t, gs.Requests, 3)

	g := newFixture(t)
	testutil.ConsentGenesis.RequireRoundTrip(t, g.Stack, gs)
	_, err := g.Msgs.RequestConsent(g.Ctx, g.requestMsg("dr-a", "patient-1"))
	testutil.RequireCode(t, err, types.ErrRequestOpen, "the pending pair is rebuilt")
	require.EqualValues(t, 4, g.ask(t, g.requestMsg("dr-b", "patient-1")), "ids continue after genesis")
	g.At(t0.Add(types.DefaultRequestTTL))
	require.NoError(t, g.K.MarkRequestsExpired(g.Ctx))
	require.Equal(t, types.RequestStatus_REQUEST_STATUS_EXPIRED, g.request(t, ids[0]).Status, "the expiry queue is rebuilt")
}

// Genesis requests are checked as the keeper would have made them.
func TestRequestGenesisValidation(t *testing.T) {
	f, _ := withRequests(t)
	cases := []testutil.GenesisCase[types.GenesisState]{
		testutil.Refuse("id 0", func(gs *types.GenesisState) { gs.Requests[0].Id = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("id twice", func(gs *types.GenesisState) { gs.Requests[1].Id = gs.Requests[0].Id }, types.ErrInvalidGenesis),
		testutil.Refuse("bad requester", func(gs *types.GenesisState) { gs.Requests[0].Requester = "doc" }, types.ErrInvalidAddress),
		testutil.Refuse("bad requester member", func(gs *types.GenesisState) { gs.Requests[0].RequesterMember = "" }, types.ErrInvalidAddress),
		testutil.Refuse("no status", func(gs *types.GenesisState) { gs.Requests[0].Status = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("ended without an end time", func(gs *types.GenesisState) { gs.Requests[2].EndedAt = nil }, types.ErrInvalidGenesis),
		testutil.Refuse("approved without a grant", func(gs *types.GenesisState) { gs.Requests[1].GrantId = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("declined with a grant", func(gs *types.GenesisState) { gs.Requests[2].GrantId = 1 }, types.ErrInvalidGenesis),
		testutil.Refuse("expiring before it starts", func(gs *types.GenesisState) { gs.Requests[0].ExpiresAt = gs.Requests[0].CreatedAt }, types.ErrInvalidGenesis),
		testutil.Refuse("no duration", func(gs *types.GenesisState) { gs.Requests[0].Duration = 0 }, types.ErrInvalidDuration),
		testutil.Refuse("no reason", func(gs *types.GenesisState) { gs.Requests[0].NoteCode = 0 }, types.ErrInvalidReason),
		testutil.Refuse("no purpose", func(gs *types.GenesisState) { gs.Requests[0].Purposes = nil }, types.ErrInvalidPurpose),
		testutil.Refuse("two pending of one pair", func(gs *types.GenesisState) {
			r := gs.Requests[0]
			r.Id = 10
			gs.Requests = append(gs.Requests, r)
		}, types.ErrInvalidGenesis),
		testutil.Refuse("request_ttl 0", func(gs *types.GenesisState) { gs.Params.RequestTtl = 0 }, types.ErrInvalidParams),
	}
	testutil.ConsentGenesis.RequireRefused(t, testutil.ConsentGenesis.Exported(f.Stack), fresh, cases)
}

// A chain from before requests (state version 1, params without the two
// request params) gets their defaults from the migration, and requests work.
func TestMigrateRequestParams(t *testing.T) {
	f := newFixture(t)
	old := types.DefaultParams()
	old.RequestTtl, old.MaxOpenRequestsPerPatient = 0, 0
	old.MaxGrantDuration = 30 * 24 * time.Hour
	require.NoError(t, f.K.Params.Set(f.Ctx, old))
	require.NoError(t, f.K.MigrateRequestParams(f.Ctx))
	p, err := f.K.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultRequestTTL, p.RequestTtl)
	require.EqualValues(t, types.DefaultMaxOpenRequests, p.MaxOpenRequestsPerPatient)
	require.Equal(t, 30*24*time.Hour, p.MaxGrantDuration, "the other params are kept")
	require.NoError(t, p.Validate())
	f.ask(t, f.requestMsg("dr-a", "patient-1"))

	custom := p
	custom.RequestTtl = time.Hour
	require.NoError(t, f.K.Params.Set(f.Ctx, custom))
	require.NoError(t, f.K.MigrateRequestParams(f.Ctx))
	p, err = f.K.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, time.Hour, p.RequestTtl, "a value already set is kept")
}

// Expiry work is capped per block: 250 overdue requests take three blocks
// at a limit of 100; ended requests are deleted after the retention period.
func TestRequestExpiryAndPruneCapped(t *testing.T) {
	const total = 250
	f := newFixture(t, agents("hospital-a", "asker", total)...)
	p := f.setParams(t, func(p *types.Params) { p.ExpiryPruneLimit, p.MaxOpenRequestsPerPatient = 100, 1000 })
	for i := range total {
		f.ask(t, f.requestMsg(fmt.Sprint("asker-", i), "patient-1"))
	}
	f.At(t0.Add(p.RequestTtl))
	for block, want := range []int{100, 100, 50, 0} {
		ctx := f.FreshEvents()
		require.NoError(t, f.K.MarkRequestsExpired(ctx))
		require.Len(t, testutil.EventTypes(ctx), want, "block %d", block)
	}
	left, err := f.Queries.RequestsByPatient(f.Ctx, &types.QueryRequestsByPatientRequest{Patient: f.Str("patient-1"), Status: pending})
	require.NoError(t, err)
	require.Empty(t, left.Requests)

	f.At(t0.Add(p.RequestTtl + p.EndedGrantRetention - time.Nanosecond))
	ctx := f.FreshEvents()
	require.NoError(t, f.K.PruneEndedRequests(ctx))
	require.Empty(t, testutil.EventTypes(ctx), "kept until the retention period passes")
	f.At(t0.Add(p.RequestTtl + p.EndedGrantRetention))
	for block, want := range []int{100, 100, 50, 0} {
		ctx := f.FreshEvents()
		require.NoError(t, f.K.PruneEndedRequests(ctx))
		require.Len(t, testutil.EventTypes(ctx), want, "block %d", block)
	}
	_, err = f.K.GetRequest(f.Ctx, 1)
	testutil.RequireCode(t, err, types.ErrRequestNotFound)
	all, err := f.Queries.RequestsByRequester(f.Ctx, &types.QueryRequestsByRequesterRequest{Requester: f.Str("asker-0")})
	require.NoError(t, err)
	require.Empty(t, all.Requests, "indexes are cleaned with the request")
}
