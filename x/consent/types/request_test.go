package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var (
	lab     = recordstypes.Category_CATEGORY_LAB
	imaging = recordstypes.Category_CATEGORY_IMAGING
	treatP  = types.Purpose_PURPOSE_TREAT
	reschP  = types.Purpose_PURPOSE_HRESCH
)

func ref(name string) recordstypes.RecordRef {
	return recordstypes.RecordRef{Custodian: testutil.Addr("hospital").String(), RecordId: testutil.RecordID(name)}
}

func msgDuration(d time.Duration) *time.Duration { return &d }

// Every stateless rule of the three request messages, each broken once.
func TestRequestMessagesValidateBasic(t *testing.T) {
	p, d := testutil.Addr("patient").String(), testutil.Addr("doctor").String()
	ask := func(edit func(*types.MsgRequestConsent)) *types.MsgRequestConsent {
		m := &types.MsgRequestConsent{Requester: d, Patient: p, Categories: []recordstypes.Category{lab},
			Purposes: []types.Purpose{treatP}, Duration: time.Hour, NoteCode: types.RequestReason_REQUEST_REASON_CLAIM}
		edit(m)
		return m
	}
	answer := func(edit func(*types.MsgRespondConsentRequest)) *types.MsgRespondConsentRequest {
		m := &types.MsgRespondConsentRequest{Patient: p, RequestId: 1, Response: types.Response_RESPONSE_APPROVE}
		edit(m)
		return m
	}
	same := func(*types.MsgRequestConsent) {}
	testutil.RequireMsgCases(t,
		testutil.Case("request", ask(same), nil),
		testutil.Case("request: bad requester", ask(func(m *types.MsgRequestConsent) { m.Requester = "cosmos1xyz" }), types.ErrInvalidAddress),
		testutil.Case("request: bad patient", ask(func(m *types.MsgRequestConsent) { m.Patient = "" }), types.ErrInvalidAddress),
		testutil.Case("request: to oneself", ask(func(m *types.MsgRequestConsent) { m.Patient = d }), types.ErrNotRequester),
		testutil.Case("request: no purpose", ask(func(m *types.MsgRequestConsent) { m.Purposes = nil }), types.ErrInvalidPurpose),
		testutil.Case("request: restricted category", ask(func(m *types.MsgRequestConsent) {
			m.Categories = []recordstypes.Category{recordstypes.Category_CATEGORY_RESTRICTED}
		}), types.ErrRestricted),
		testutil.Case("request: 65 records", ask(func(m *types.MsgRequestConsent) {
			for i := range types.MaxRecords + 1 {
				m.Records = append(m.Records, ref(string(rune('a'+i%26))+string(rune('a'+i/26))))
			}
		}), types.ErrTooMany),
		testutil.Case("request: zero duration", ask(func(m *types.MsgRequestConsent) { m.Duration = 0 }), types.ErrInvalidDuration),
		testutil.Case("request: negative duration", ask(func(m *types.MsgRequestConsent) { m.Duration = -time.Hour }), types.ErrInvalidDuration),
		testutil.Case("request: fraction of a second", ask(func(m *types.MsgRequestConsent) { m.Duration = time.Hour + time.Millisecond }), types.ErrInvalidDuration),
		testutil.Case("request: ten years", ask(func(m *types.MsgRequestConsent) { m.Duration = types.MaxRequestDuration }), nil),
		testutil.Case("request: over ten years", ask(func(m *types.MsgRequestConsent) { m.Duration = types.MaxRequestDuration + time.Second }), types.ErrInvalidDuration),
		testutil.Case("request: no reason", ask(func(m *types.MsgRequestConsent) { m.NoteCode = 0 }), types.ErrInvalidReason),
		testutil.Case("request: unknown reason", ask(func(m *types.MsgRequestConsent) { m.NoteCode = 99 }), types.ErrInvalidReason),

		testutil.Case("approve as asked", answer(func(*types.MsgRespondConsentRequest) {}), nil),
		testutil.Case("approve narrower and shorter", answer(func(m *types.MsgRespondConsentRequest) {
			m.Scope, m.Duration = &types.Scope{Categories: []recordstypes.Category{lab}, Purposes: []types.Purpose{treatP}}, msgDuration(time.Minute)
		}), nil),
		testutil.Case("answer: bad patient", answer(func(m *types.MsgRespondConsentRequest) { m.Patient = "med1" }), types.ErrInvalidAddress),
		testutil.Case("answer: request 0", answer(func(m *types.MsgRespondConsentRequest) { m.RequestId = 0 }), types.ErrRequestNotFound),
		testutil.Case("answer: unspecified", answer(func(m *types.MsgRespondConsentRequest) { m.Response = 0 }), types.ErrInvalidResponse),
		testutil.Case("answer: unknown", answer(func(m *types.MsgRespondConsentRequest) { m.Response = 9 }), types.ErrInvalidResponse),
		testutil.Case("decline with a scope", answer(func(m *types.MsgRespondConsentRequest) {
			m.Response, m.Scope = types.Response_RESPONSE_DECLINE, &types.Scope{Purposes: []types.Purpose{treatP}}
		}), types.ErrInvalidResponse),
		testutil.Case("decline with a duration", answer(func(m *types.MsgRespondConsentRequest) {
			m.Response, m.Duration = types.Response_RESPONSE_DECLINE, msgDuration(time.Hour)
		}), types.ErrInvalidResponse),
		testutil.Case("decline", answer(func(m *types.MsgRespondConsentRequest) { m.Response = types.Response_RESPONSE_DECLINE }), nil),
		testutil.Case("approve: scope without purpose", answer(func(m *types.MsgRespondConsentRequest) {
			m.Scope = &types.Scope{Categories: []recordstypes.Category{lab}}
		}), types.ErrInvalidPurpose),
		testutil.Case("approve: zero duration", answer(func(m *types.MsgRespondConsentRequest) { m.Duration = msgDuration(0) }), types.ErrInvalidDuration),

		testutil.Case("withdraw", &types.MsgWithdrawConsentRequest{Requester: d, RequestId: 1}, nil),
		testutil.Case("withdraw: bad requester", &types.MsgWithdrawConsentRequest{Requester: "x", RequestId: 1}, types.ErrInvalidAddress),
		testutil.Case("withdraw: request 0", &types.MsgWithdrawConsentRequest{Requester: d}, types.ErrRequestNotFound),
	)
}

// Within: the table of what an approval may keep of what was asked.
func TestScopeWithin(t *testing.T) {
	stored := map[recordstypes.RecordRef]recordstypes.Category{ref("lab-1"): lab, ref("mh-1"): recordstypes.Category_CATEGORY_RESTRICTED, ref("img-1"): imaging}
	categoryOf := func(r recordstypes.RecordRef) recordstypes.Category { return stored[r] }
	scope := func(cats []recordstypes.Category, recs []recordstypes.RecordRef, purposes ...types.Purpose) types.Scope {
		return types.Scope{Categories: cats, Records: recs, Purposes: purposes}
	}
	labs := []recordstypes.Category{lab}
	all := scope(nil, nil, treatP, reschP)
	labsAsked := scope(labs, []recordstypes.RecordRef{ref("mh-1")}, treatP)
	cases := []struct {
		name        string
		got, asked  types.Scope
		withinAsked bool
	}{
		{"same", labsAsked, labsAsked, true},
		{"fewer purposes", scope(nil, nil, treatP), all, true},
		{"a purpose not asked", scope(labs, nil, reschP), labsAsked, false},
		{"the named restricted record only", scope(nil, []recordstypes.RecordRef{ref("mh-1")}, treatP), labsAsked, true},
		{"a lab record of a lab request", scope(nil, []recordstypes.RecordRef{ref("lab-1")}, treatP), labsAsked, true},
		{"an imaging record of a lab request", scope(nil, []recordstypes.RecordRef{ref("img-1")}, treatP), labsAsked, false},
		{"a category not asked", scope([]recordstypes.Category{imaging}, nil, treatP), labsAsked, false},
		{"empty = all, when labs were asked", scope(nil, nil, treatP), labsAsked, false},
		{"empty = all, when all was asked", scope(nil, nil, treatP), all, true},
		{"a category under all", scope([]recordstypes.Category{imaging}, nil, treatP), all, true},
		{"an unrestricted record under all", scope(nil, []recordstypes.RecordRef{ref("lab-1")}, reschP), all, true},
		{"a restricted record under all", scope(nil, []recordstypes.RecordRef{ref("mh-1")}, treatP), all, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.got.Within(c.asked, categoryOf)
			if c.withinAsked {
				require.NoError(t, err)
				return
			}
			testutil.RequireCode(t, err, types.ErrWiderThanAsked)
		})
	}
}

// Approve: nil keeps what was asked, a longer duration is refused, an equal
// one is kept, a zero one means as asked.
func TestApproveDurations(t *testing.T) {
	r := types.ConsentRequest{Categories: []recordstypes.Category{lab}, Purposes: []types.Purpose{treatP}, Duration: time.Hour}
	none := func(recordstypes.RecordRef) recordstypes.Category { return 0 }
	for _, c := range []struct {
		d    *time.Duration
		want time.Duration
		err  bool
	}{{nil, time.Hour, false}, {msgDuration(0), time.Hour, false}, {msgDuration(time.Hour), time.Hour, false},
		{msgDuration(time.Minute), time.Minute, false}, {msgDuration(time.Hour + time.Second), 0, true}} {
		s, d, err := r.Approve(nil, c.d, none)
		if c.err {
			testutil.RequireCode(t, err, types.ErrWiderThanAsked)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, c.want, d)
		require.Equal(t, r.AskedScope(), s)
	}
}

// Names parse back; labels are the metric's values.
func TestRequestEnums(t *testing.T) {
	for _, name := range []string{"referral", "follow-up", "FOLLOW_UP", "second-opinion", "care-transition", "scheduled-visit", "research-enrolment", "claim"} {
		r, err := types.ParseRequestReason(name)
		require.NoError(t, err, name)
		require.NoError(t, types.ValidateRequestReason(r))
	}
	_, err := types.ParseRequestReason("unspecified")
	require.ErrorContains(t, err, "one of referral, follow-up")
	st, err := types.ParseRequestStatus("withdrawn")
	require.NoError(t, err)
	require.Equal(t, "withdrawn", st.Label())
	require.Equal(t, "approved", types.RequestStatus_REQUEST_STATUS_APPROVED.Label())
}
