package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// The story: a doctor asks, the patient approves for two days instead of
// seven; the grant goes to the doctor, links back to the request, allows
// within the two days and denies after.
func TestRequestApprovedShorter(t *testing.T) {
	f := newFixture(t)
	ctx := f.FreshEvents()
	id := f.ask(t, f.requestMsg("dr-a", "patient-1"))
	require.Contains(t, testutil.EventTypes(ctx), "medchain.consent.v1.EventConsentRequested")
	r := f.request(t, id)
	require.Equal(t, pending, r.Status)
	require.Equal(t, f.Str("hospital-a"), r.RequesterMember)
	require.Equal(t, t0.Add(types.DefaultRequestTTL), r.ExpiresAt)
	require.False(t, f.check(t, "dr-a", f.lab1, treat).Allowed, "a request grants nothing")

	f.At(t0.Add(time.Hour))
	ctx = f.FreshEvents()
	grantID, err := f.respond("patient-1", id, approve, nil, dur(48*time.Hour))
	require.NoError(t, err)
	require.Equal(t, []string{"medchain.consent.v1.EventConsentGranted", "medchain.consent.v1.EventConsentRequestApproved"}, testutil.EventTypes(ctx))
	g, err := f.K.GetGrant(f.Ctx, grantID)
	require.NoError(t, err)
	require.Equal(t, id, g.RequestId)
	require.Equal(t, f.Str("dr-a"), g.Grantee)
	require.Equal(t, t0.Add(49*time.Hour), g.ExpiresAt, "approved at t0+1h for 48h")
	require.Equal(t, []recordstypes.Category{lab}, g.Categories)
	r = f.request(t, id)
	require.Equal(t, types.RequestStatus_REQUEST_STATUS_APPROVED, r.Status)
	require.Equal(t, grantID, r.GrantId)

	d := f.check(t, "dr-a", f.lab1, treat)
	require.True(t, d.Allowed)
	require.Equal(t, grantID, d.GrantID)
	require.False(t, f.check(t, "dr-a", f.img1, treat).Allowed, "imaging was not asked")
	f.At(t0.Add(49*time.Hour - time.Nanosecond))
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed)
	f.At(t0.Add(49 * time.Hour))
	require.False(t, f.check(t, "dr-a", f.lab1, treat).Allowed, "denied from the shorter expiry on")
}

// A request is answered once: a second answer, an answer after a decline
// or a withdrawal, and a withdrawal after an answer are all refused.
func TestRequestAnsweredOnce(t *testing.T) {
	f := newFixture(t)
	id := f.ask(t, f.requestMsg("dr-a", "patient-1"))
	_, err := f.respond("patient-1", id, approve, nil, nil)
	require.NoError(t, err)
	_, err = f.respond("patient-1", id, approve, nil, nil)
	testutil.RequireCode(t, err, types.ErrNotPending, "approved twice")
	_, err = f.respond("patient-1", id, decline, nil, nil)
	testutil.RequireCode(t, err, types.ErrNotPending, "declined after approval")
	testutil.RequireCode(t, f.withdraw("dr-a", id), types.ErrNotPending, "withdrawn after approval")

	id2 := f.ask(t, f.requestMsg("dr-a", "patient-1"))
	ctx := f.FreshEvents()
	grant, err := f.respond("patient-1", id2, decline, nil, nil)
	require.NoError(t, err)
	require.Zero(t, grant)
	require.Equal(t, []string{"medchain.consent.v1.EventConsentRequestEnded"}, testutil.EventTypes(ctx))
	require.Equal(t, types.RequestStatus_REQUEST_STATUS_DECLINED, f.request(t, id2).Status)
	_, err = f.respond("patient-1", id2, approve, nil, nil)
	testutil.RequireCode(t, err, types.ErrNotPending, "approved after a decline")

	id3 := f.ask(t, f.requestMsg("dr-a", "patient-1"))
	require.NoError(t, f.withdraw("dr-a", id3))
	require.Equal(t, types.RequestStatus_REQUEST_STATUS_WITHDRAWN, f.request(t, id3).Status)
	_, err = f.respond("patient-1", id3, approve, nil, nil)
	testutil.RequireCode(t, err, types.ErrNotPending, "approved after withdrawal")
	testutil.RequireCode(t, f.withdraw("dr-a", id3), types.ErrNotPending, "withdrawn twice")
	_, err = f.respond("patient-1", 99, approve, nil, nil)
	testutil.RequireCode(t, err, types.ErrRequestNotFound)
}

// A request expires at created_at + request_ttl exactly: answerable one
// nanosecond before, refused at that instant even before BeginBlock marks
// it; BeginBlock then marks it expired with an event.
func TestRequestExpiryBoundary(t *testing.T) {
	f := newFixture(t)
	id := f.ask(t, f.requestMsg("dr-a", "patient-1"))
	other := f.ask(t, f.requestMsg("dr-b", "patient-1"))
	f.At(t0.Add(types.DefaultRequestTTL - time.Nanosecond))
	_, err := f.respond("patient-1", other, decline, nil, nil)
	require.NoError(t, err, "answerable until the last instant")

	f.At(t0.Add(types.DefaultRequestTTL))
	_, err = f.respond("patient-1", id, approve, nil, nil)
	testutil.RequireCode(t, err, types.ErrNotPending, "answered at the expiry")
	require.Equal(t, pending, f.request(t, id).Status, "not marked yet")
	testutil.RequireCode(t, f.withdraw("dr-a", id), types.ErrNotPending, "withdrawn at the expiry")

	ctx := f.FreshEvents()
	require.NoError(t, f.K.MarkRequestsExpired(ctx))
	require.Equal(t, []string{"medchain.consent.v1.EventConsentRequestEnded"}, testutil.EventTypes(ctx))
	require.Equal(t, types.RequestStatus_REQUEST_STATUS_EXPIRED, f.request(t, id).Status)
	require.False(t, f.check(t, "dr-a", f.lab1, treat).Allowed)
	// The pair is free again: the doctor may ask anew.
	f.ask(t, f.requestMsg("dr-a", "patient-1"))
}

// An approval may narrow and shorten, never widen or lengthen; a refused
// approval leaves the request pending and creates no grant.
func TestApprovalNeverWiderThanAsked(t *testing.T) {
	f := newFixture(t)
	msg := f.requestMsg("dr-a", "patient-1")
	msg.Records = []recordstypes.RecordRef{f.mh1}
	id := f.ask(t, msg)
	asked := func(s types.Scope) *types.Scope { return &s }
	cases := []struct {
		name  string
		scope *types.Scope
		d     *time.Duration
	}{
		{"a longer duration", nil, dur(week + time.Second)},
		{"a purpose not asked", asked(types.Scope{Categories: []recordstypes.Category{lab}, Purposes: []types.Purpose{types.Purpose_PURPOSE_HRESCH}}), nil},
		{"an extra purpose", asked(types.Scope{Categories: []recordstypes.Category{lab}, Purposes: []types.Purpose{treat, types.Purpose_PURPOSE_HRESCH}}), nil},
		{"a category not asked", asked(types.Scope{Categories: []recordstypes.Category{imaging}, Purposes: []types.Purpose{treat}}), nil},
		{"an empty scope (all records)", asked(types.Scope{Purposes: []types.Purpose{treat}}), nil},
		{"a record of a category not asked", asked(types.Scope{Records: []recordstypes.RecordRef{f.img1}, Purposes: []types.Purpose{treat}}), nil},
		{"another patient's record in an asked category", asked(types.Scope{Records: []recordstypes.RecordRef{f.lab2}, Purposes: []types.Purpose{treat}}), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.respond("patient-1", id, approve, c.scope, c.d)
			require.Error(t, err)
			require.Equal(t, pending, f.request(t, id).Status)
		})
	}
	_, err := f.respond("patient-1", id, approve, nil, dur(week+time.Second))
	testutil.RequireCode(t, err, types.ErrWiderThanAsked)
	_, err = f.respond("patient-1", id, approve, asked(types.Scope{Records: []recordstypes.RecordRef{f.lab2}, Purposes: []types.Purpose{treat}}), nil)
	testutil.RequireCode(t, err, types.ErrNotPatients, "a record of patient-2 is not patient-1's to grant")
	_, err = f.K.GetGrant(f.Ctx, 1)
	testutil.RequireCode(t, err, types.ErrGrantNotFound, "no refused approval created a grant")

	// Narrower: only the mental-health record that was named, not the labs.
	grantID, err := f.respond("patient-1", id, approve, asked(types.Scope{Records: []recordstypes.RecordRef{f.mh1}, Purposes: []types.Purpose{treat}}), nil)
	require.NoError(t, err)
	require.True(t, f.check(t, "dr-a", f.mh1, treat).Allowed)
	require.False(t, f.check(t, "dr-a", f.lab1, treat).Allowed, "labs were left out")
	g, err := f.K.GetGrant(f.Ctx, grantID)
	require.NoError(t, err)
	require.Equal(t, t0.Add(week), g.ExpiresAt, "duration as asked")
}

// A restricted record is never inside an "all records" request, and a
// lab record is inside a request for the lab category.
func TestApprovalRecordWithinCategory(t *testing.T) {
	f := newFixture(t)
	all := f.requestMsg("dr-a", "patient-1")
	all.Categories = nil
	id := f.ask(t, all)
	_, err := f.respond("patient-1", id, approve, &types.Scope{Records: []recordstypes.RecordRef{f.mh1}, Purposes: []types.Purpose{treat}}, nil)
	testutil.RequireCode(t, err, types.ErrWiderThanAsked, "restricted record under an all-records request")
	grant, err := f.respond("patient-1", id, approve, &types.Scope{Records: []recordstypes.RecordRef{f.lab1}, Purposes: []types.Purpose{treat}}, nil)
	require.NoError(t, err)
	require.NotZero(t, grant)

	id = f.ask(t, f.requestMsg("dr-b", "patient-1"))
	_, err = f.respond("patient-1", id, approve, &types.Scope{Records: []recordstypes.RecordRef{f.lab1}, Purposes: []types.Purpose{treat}}, nil)
	require.NoError(t, err, "one lab record of a lab request is narrower")
	require.True(t, f.check(t, "dr-b", f.lab1, treat).Allowed)
}

// Only the patient answers, only the requester withdraws: another
// patient, the requester, another agent of the same member and the member's
// operator are refused.
func TestRequestPartiesOnly(t *testing.T) {
	f := newFixture(t)
	id := f.ask(t, f.requestMsg("dr-a", "patient-1"))
	for _, who := range []string{"patient-2", "dr-a", "nurse-a", "hospital-a"} {
		_, err := f.respond(who, id, approve, nil, nil)
		testutil.RequireCode(t, err, types.ErrNotRequestParty, who+" answers")
	}
	for _, who := range []string{"patient-1", "nurse-a", "hospital-a", "dr-b"} {
		testutil.RequireCode(t, f.withdraw(who, id), types.ErrNotRequestParty, who+" withdraws")
	}
	require.Equal(t, pending, f.request(t, id).Status)
	require.NoError(t, f.withdraw("dr-a", id))
}

// Who may ask: an active member's operator or agent, of a known patient.
func TestWhoMayRequest(t *testing.T) {
	f := newFixture(t)
	_, err := f.Msgs.RequestConsent(f.Ctx, f.requestMsg("patient-2", "patient-1"))
	testutil.RequireCode(t, err, types.ErrNotRequester, "a patient")
	_, err = f.Msgs.RequestConsent(f.Ctx, f.requestMsg("stranger", "patient-1"))
	testutil.RequireCode(t, err, types.ErrNotRequester, "an unknown key")
	_, err = f.Msgs.RequestConsent(f.Ctx, f.requestMsg("dr-a", "nobody"))
	testutil.RequireCode(t, err, types.ErrUnknownPatient, "an address no record names")
	other := f.requestMsg("dr-a", "patient-1")
	other.Records = []recordstypes.RecordRef{f.lab2}
	_, err = f.Msgs.RequestConsent(f.Ctx, other)
	testutil.RequireCode(t, err, types.ErrNotPatients, "another patient's record")
	long := f.requestMsg("dr-a", "patient-1")
	long.Duration = types.DefaultMaxGrantDuration + time.Second
	_, err = f.Msgs.RequestConsent(f.Ctx, long)
	testutil.RequireCode(t, err, types.ErrExpiryTooFar)

	f.ask(t, f.requestMsg("hospital-a", "patient-1"))
	f.SetStatus(t, "hospital-b", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
	_, err = f.Msgs.RequestConsent(f.Ctx, f.requestMsg("dr-b", "patient-1"))
	testutil.RequireCode(t, err, types.ErrNotRequester, "a suspended member's agent")
}

// A requester suspended after asking cannot receive the grant: the
// approval is refused and the request stays pending.
func TestApprovalAfterRequesterSuspended(t *testing.T) {
	f := newFixture(t)
	id := f.ask(t, f.requestMsg("dr-b", "patient-1"))
	f.SetStatus(t, "hospital-b", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
	_, err := f.respond("patient-1", id, approve, nil, nil)
	testutil.RequireCode(t, err, types.ErrInvalidGrantee)
	require.Equal(t, pending, f.request(t, id).Status)
}

// One pending request per (requester, patient); another requester or
// another patient is unaffected.
func TestOnePendingRequestPerPair(t *testing.T) {
	f := newFixture(t)
	id := f.ask(t, f.requestMsg("dr-a", "patient-1"))
	_, err := f.Msgs.RequestConsent(f.Ctx, f.requestMsg("dr-a", "patient-1"))
	testutil.RequireCode(t, err, types.ErrRequestOpen)
	f.ask(t, f.requestMsg("nurse-a", "patient-1"))
	f.ask(t, f.requestMsg("dr-a", "patient-2"))
	require.NoError(t, f.withdraw("dr-a", id))
	f.ask(t, f.requestMsg("dr-a", "patient-1"))
}

// No one floods a patient's inbox: past max_open_requests_per_patient
// pending requests the next is refused; one answered frees a place, and
// requests past their expiry do not count even before BeginBlock marks them.
func TestRequestFloodCap(t *testing.T) {
	f := newFixture(t, agents("hospital-b", "flood", 3)...)
	f.setParams(t, func(p *types.Params) { p.MaxOpenRequestsPerPatient = 3 })
	for i := range 3 {
		f.ask(t, f.requestMsg(fmt.Sprint("flood-", i), "patient-1"))
	}
	_, err := f.Msgs.RequestConsent(f.Ctx, f.requestMsg("dr-a", "patient-1"))
	testutil.RequireCode(t, err, types.ErrTooManyRequests)
	f.ask(t, f.requestMsg("dr-a", "patient-2")) // another patient's inbox is free

	_, err = f.respond("patient-1", 1, decline, nil, nil)
	require.NoError(t, err)
	f.ask(t, f.requestMsg("dr-a", "patient-1"))
	_, err = f.Msgs.RequestConsent(f.Ctx, f.requestMsg("nurse-a", "patient-1"))
	testutil.RequireCode(t, err, types.ErrTooManyRequests)

	f.At(t0.Add(types.DefaultRequestTTL))
	ctx := f.FreshEvents()
	f.ask(t, f.requestMsg("nurse-a", "patient-1"))
	require.Contains(t, testutil.EventTypes(ctx), "medchain.consent.v1.EventConsentRequestEnded", "overdue requests are marked on the way")
}
