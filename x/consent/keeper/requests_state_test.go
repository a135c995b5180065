package keeper_test

import (
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
	q, ctx := f.queries, f.Ctx
	t.Run("ConsentRequest", func(t *testing.T) {
		res, err := q.ConsentRequest(ctx, &types.QueryConsentRequestRequest{RequestId: ids[1]})
		require.NoError(t, err)
		require.Equal(t, types.RequestStatus_REQUEST_STATUS_APPROVED, res.Request.Status)
		require.EqualValues(t, 1, res.Request.GrantId)
		_, err = q.ConsentRequest(ctx, &types.QueryConsentRequestRequest{RequestId: 99})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.ConsentRequest(ctx, &types.QueryConsentRequestRequest{})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.ConsentRequest(ctx, nil)
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("RequestsByPatient", func(t *testing.T) {
		all, err := q.RequestsByPatient(ctx, &types.QueryRequestsByPatientRequest{Patient: f.Str("patient-1")})
		require.NoError(t, err)
		require.Len(t, all.Requests, 3)
		for status, want := range map[types.RequestStatus]uint64{pending: ids[0], types.RequestStatus_REQUEST_STATUS_APPROVED: ids[1], types.RequestStatus_REQUEST_STATUS_DECLINED: ids[2]} {
			res, err := q.RequestsByPatient(ctx, &types.QueryRequestsByPatientRequest{Patient: f.Str("patient-1"), Status: status})
			require.NoError(t, err)
			require.Len(t, res.Requests, 1, status)
			require.Equal(t, want, res.Requests[0].Id)
		}
		page, err := q.RequestsByPatient(ctx, &types.QueryRequestsByPatientRequest{Patient: f.Str("patient-1"), Pagination: &query.PageRequest{Limit: 2}})
		require.NoError(t, err)
		require.Len(t, page.Requests, 2)
		require.NotNil(t, page.Pagination.NextKey)
		none, err := q.RequestsByPatient(ctx, &types.QueryRequestsByPatientRequest{Patient: f.Str("patient-2")})
		require.NoError(t, err)
		require.Empty(t, none.Requests)
		_, err = q.RequestsByPatient(ctx, &types.QueryRequestsByPatientRequest{Patient: "med1nope"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.RequestsByPatient(ctx, &types.QueryRequestsByPatientRequest{Patient: f.Str("patient-1"), Pagination: &query.PageRequest{Limit: 5000}})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.RequestsByPatient(ctx, nil)
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("RequestsByRequester", func(t *testing.T) {
		res, err := q.RequestsByRequester(ctx, &types.QueryRequestsByRequesterRequest{Requester: f.Str("dr-b")})
		require.NoError(t, err)
		require.Len(t, res.Requests, 1)
		require.Equal(t, ids[1], res.Requests[0].Id)
		none, err := q.RequestsByRequester(ctx, &types.QueryRequestsByRequesterRequest{Requester: f.Str("dr-b"), Status: pending})
		require.NoError(t, err)
		require.Empty(t, none.Requests)
		_, err = q.RequestsByRequester(ctx, &types.QueryRequestsByRequesterRequest{Requester: ""})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.RequestsByRequester(ctx, nil)
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
}

// Requests survive export and import: the pending one is still pending,
// answerable and expiring, the pair is still taken, ids continue.
func TestRequestGenesisRoundTrip(t *testing.T) {
	f, ids := withRequests(t)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.Requests, 3)

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.Ctx, *gs))
	again, err := g.k.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)
	_, err = g.msgs.RequestConsent(g.Ctx, g.requestMsg("dr-a", "patient-1"))
	testutil.RequireCode(t, err, types.ErrRequestOpen, "the pending pair is rebuilt")
	require.EqualValues(t, 4, g.ask(t, g.requestMsg("dr-b", "patient-1")), "ids continue after genesis")
	g.At(t0.Add(types.DefaultRequestTTL))
	require.NoError(t, g.k.MarkRequestsExpired(g.Ctx))
	require.Equal(t, types.RequestStatus_REQUEST_STATUS_EXPIRED, g.request(t, ids[0]).Status, "the expiry queue is rebuilt")
}

// Genesis requests are checked as the keeper would have made them.
func TestRequestGenesisValidation(t *testing.T) {
	f, _ := withRequests(t)
	cases := []genesisCase{
		{"id 0", func(gs *types.GenesisState) { gs.Requests[0].Id = 0 }, types.ErrInvalidGenesis},
		{"id twice", func(gs *types.GenesisState) { gs.Requests[1].Id = gs.Requests[0].Id }, types.ErrInvalidGenesis},
		{"bad requester", func(gs *types.GenesisState) { gs.Requests[0].Requester = "doc" }, types.ErrInvalidAddress},
		{"bad requester member", func(gs *types.GenesisState) { gs.Requests[0].RequesterMember = "" }, types.ErrInvalidAddress},
		{"no status", func(gs *types.GenesisState) { gs.Requests[0].Status = 0 }, types.ErrInvalidGenesis},
		{"ended without an end time", func(gs *types.GenesisState) { gs.Requests[2].EndedAt = nil }, types.ErrInvalidGenesis},
		{"approved without a grant", func(gs *types.GenesisState) { gs.Requests[1].GrantId = 0 }, types.ErrInvalidGenesis},
		{"declined with a grant", func(gs *types.GenesisState) { gs.Requests[2].GrantId = 1 }, types.ErrInvalidGenesis},
		{"expiring before it starts", func(gs *types.GenesisState) { gs.Requests[0].ExpiresAt = gs.Requests[0].CreatedAt }, types.ErrInvalidGenesis},
		{"no duration", func(gs *types.GenesisState) { gs.Requests[0].Duration = 0 }, types.ErrInvalidDuration},
		{"no reason", func(gs *types.GenesisState) { gs.Requests[0].NoteCode = 0 }, types.ErrInvalidReason},
		{"no purpose", func(gs *types.GenesisState) { gs.Requests[0].Purposes = nil }, types.ErrInvalidPurpose},
		{"two pending of one pair", func(gs *types.GenesisState) {
			r := gs.Requests[0]
			r.Id = 10
			gs.Requests = append(gs.Requests, r)
		}, types.ErrInvalidGenesis},
		{"request_ttl 0", func(gs *types.GenesisState) { gs.Params.RequestTtl = 0 }, types.ErrInvalidParams},
	}
	requireGenesisCases(t, f, cases)
}

// A chain from before requests (state version 1, params without the two
// request params) gets their defaults from the migration, and requests work.
func TestMigrateRequestParams(t *testing.T) {
	f := newFixture(t)
	old := types.DefaultParams()
	old.RequestTtl, old.MaxOpenRequestsPerPatient = 0, 0
	old.MaxGrantDuration = 30 * 24 * time.Hour
	require.NoError(t, f.k.Params.Set(f.Ctx, old))
	require.NoError(t, f.k.MigrateRequestParams(f.Ctx))
	p, err := f.k.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultRequestTTL, p.RequestTtl)
	require.EqualValues(t, types.DefaultMaxOpenRequests, p.MaxOpenRequestsPerPatient)
	require.Equal(t, 30*24*time.Hour, p.MaxGrantDuration, "the other params are kept")
	require.NoError(t, p.Validate())
	f.ask(t, f.requestMsg("dr-a", "patient-1"))

	custom := p
	custom.RequestTtl = time.Hour
	require.NoError(t, f.k.Params.Set(f.Ctx, custom))
	require.NoError(t, f.k.MigrateRequestParams(f.Ctx))
	p, err = f.k.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, time.Hour, p.RequestTtl, "a value already set is kept")
}
