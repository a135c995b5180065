package keeper_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Scope: categories, records, both, or everything — except that a
// restricted record is covered only by a grant naming it.
func TestScopeMatching(t *testing.T) {
	f0 := newFixture(t)
	cases := []struct {
		name                 string
		categories           []recordstypes.Category
		records              []recordstypes.RecordRef
		lab1, mh1, img1, cat bool
	}{
		{"category", []recordstypes.Category{lab}, nil, true, false, false, true},
		{"record", nil, []recordstypes.RecordRef{f0.mh1}, false, true, false, false},
		{"both", []recordstypes.Category{lab}, []recordstypes.RecordRef{f0.mh1}, true, true, false, true},
		{"none: everything but restricted", nil, nil, true, false, true, true},
		{"other category", []recordstypes.Category{imaging}, nil, false, false, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			msg := f.grantMsg("dr-a")
			msg.Categories, msg.Records = tc.categories, tc.records
			id := f.grant(t, msg)
			d := f.check(t, "dr-a", f.lab1, treat)
			require.Equal(t, tc.lab1, d.Allowed, d.Reason)
			if d.Allowed {
				require.Equal(t, id, d.GrantID)
				require.Equal(t, types.DecisionReason_DECISION_REASON_GRANTED, d.Reason)
				require.Equal(t, lab, d.Category)
				require.Equal(t, f.Str("hospital-a"), d.AccessorMember)
			}
			mh := f.check(t, "dr-a", f.mh1, treat)
			require.Equal(t, tc.mh1, mh.Allowed)
			if !mh.Allowed {
				require.Equal(t, types.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT, mh.Reason)
			}
			require.Equal(t, recordstypes.Category_CATEGORY_RESTRICTED, mh.Category, "the decision shows no real category")
			require.Equal(t, tc.img1, f.check(t, "dr-a", f.img1, treat).Allowed)
			require.Equal(t, tc.cat, f.checkCategory(t, "dr-a", lab).Allowed, "a question about the lab category")
			// A purpose outside the grant never matches.
			require.False(t, f.check(t, "dr-a", f.lab1, types.Purpose_PURPOSE_HMARKT).Allowed)
		})
	}
}

func TestGranteeCoverage(t *testing.T) {
	f, id := granted(t, "hospital-a")
	for _, who := range []string{"hospital-a", "dr-a", "nurse-a"} {
		d := f.check(t, who, f.lab1, treat)
		require.True(t, d.Allowed, who)
		require.Equal(t, id, d.GrantID)
	}
	for _, who := range []string{"dr-b", "hospital-b", "lab-c"} {
		require.Equal(t, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, f.check(t, who, f.lab1, treat).Reason, who)
	}
	require.Equal(t, types.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE, f.check(t, "stranger", f.lab1, treat).Reason)

	// A grant to one agent covers only that agent.
	g := newFixture(t)
	g.grant(t, g.grantMsg("dr-a"))
	require.True(t, g.check(t, "dr-a", g.lab1, treat).Allowed)
	require.False(t, g.check(t, "nurse-a", g.lab1, treat).Allowed)
	require.False(t, g.check(t, "hospital-a", g.lab1, treat).Allowed)

	// A suspended member's agents lose access.
	f.SetStatus(t, "hospital-a", consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED)
	require.Equal(t, types.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE, f.check(t, "dr-a", f.lab1, treat).Reason)
}

// A grant to an agent is bound to the member it acted for when granted:
// removed from hospital-a and enrolled by hospital-b, the agent's old grant
// does not follow it.
func TestAgentGrantDoesNotFollowTheAgentAcrossMembers(t *testing.T) {
	f, id := granted(t, "dr-a")
	g, err := f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, f.Str("hospital-a"), g.GranteeMember)
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed)

	require.NoError(t, f.Consortium.RemoveAgent(f.Ctx, f.Addr("hospital-a"), f.Addr("dr-a")))
	require.NoError(t, f.Consortium.AddAgent(f.Ctx, f.Addr("hospital-b"), f.Addr("dr-a"), consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN))
	require.NoError(t, f.Consortium.AcceptAgent(f.Ctx, f.Addr("dr-a"), f.Addr("hospital-b")))
	d := f.check(t, "dr-a", f.lab1, treat)
	require.False(t, d.Allowed, "the grant was for hospital-a's clinician")
	require.Equal(t, types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, d.Reason)

	// A grant made now, to the agent at hospital-b, does allow.
	f.grant(t, f.grantMsg("dr-a"))
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed)
}

func TestExpiryBoundary(t *testing.T) {
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.ExpiresAt = t0.Add(time.Hour)
	id := f.grant(t, msg)
	at := func(ts time.Time) types.Decision {
		f.At(ts)
		return f.check(t, "dr-a", f.lab1, treat)
	}
	require.True(t, at(t0.Add(time.Hour-time.Nanosecond)).Allowed, "just before expiry")
	d := at(t0.Add(time.Hour))
	require.False(t, d.Allowed, "at expiry exactly: ended")
	require.Equal(t, types.DecisionReason_DECISION_REASON_GRANT_EXPIRED, d.Reason)
	require.Equal(t, id, d.GrantID)
	// Without BeginBlock having run, the grant still reads active, but decides no.
	g, err := f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_ACTIVE, g.Status)
	require.NoError(t, f.K.MarkExpired(f.Ctx))
	g, err = f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_EXPIRED, g.Status)
	require.Equal(t, t0.Add(time.Hour), *g.EndedAt)
}

func TestRevoke(t *testing.T) {
	f, id := granted(t, "dr-a")
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed)

	testutil.RequireCode(t, f.revoke(t, "patient-2", id), types.ErrNotPatient, "only the patient revokes")
	testutil.RequireCode(t, f.revoke(t, "dr-a", id), types.ErrNotPatient, "not the grantee either")
	testutil.RequireCode(t, f.revoke(t, "patient-1", 99), types.ErrGrantNotFound)
	ctx := f.FreshEvents()
	require.NoError(t, f.revoke(t, "patient-1", id))
	require.Equal(t, []string{"medchain.consent.v1.EventConsentRevoked"}, testutil.EventTypes(ctx))
	require.False(t, f.check(t, "dr-a", f.lab1, treat).Allowed)
	testutil.RequireCode(t, f.revoke(t, "patient-1", id), types.ErrNotActive, "revoking twice")

	g, err := f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_REVOKED, g.Status)
	active, err := f.Queries.GrantsByPatient(f.Ctx, &types.QueryGrantsByPatientRequest{Patient: f.Str("patient-1"), Status: types.GrantStatus_GRANT_STATUS_ACTIVE})
	require.NoError(t, err)
	require.Empty(t, active.Grants)
	all, err := f.Queries.GrantsByGrantee(f.Ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.Str("dr-a")})
	require.NoError(t, err)
	require.Len(t, all.Grants, 1, "a revoked grant stays on record until the retention period ends")

	// A grant past its expiry cannot be revoked (it has ended).
	msg := f.grantMsg("dr-b")
	msg.ExpiresAt = t0.Add(time.Minute)
	late := f.grant(t, msg)
	f.At(t0.Add(time.Minute))
	testutil.RequireCode(t, f.revoke(t, "patient-1", late), types.ErrNotActive)
}

func TestGrantValidation(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name      string
		mutate    func(m *types.MsgGrantConsent)
		err       *errorsmod.Error
		stateless bool
	}{
		{"expiry now", func(m *types.MsgGrantConsent) { m.ExpiresAt = t0 }, types.ErrExpiryInPast, false},
		{"expiry in the past", func(m *types.MsgGrantConsent) { m.ExpiresAt = t0.Add(-time.Hour) }, types.ErrExpiryInPast, false},
		{"no expiry", func(m *types.MsgGrantConsent) { m.ExpiresAt = time.Time{} }, types.ErrExpiryInPast, true},
		{"expiry beyond max duration", func(m *types.MsgGrantConsent) { m.ExpiresAt = t0.Add(366 * 24 * time.Hour) }, types.ErrExpiryTooFar, false},
		{"no purpose", func(m *types.MsgGrantConsent) { m.Purposes = nil }, types.ErrInvalidPurpose, true},
		{"unknown purpose", func(m *types.MsgGrantConsent) { m.Purposes = []types.Purpose{77} }, types.ErrInvalidPurpose, true},
		{"repeated purpose", func(m *types.MsgGrantConsent) { m.Purposes = []types.Purpose{treat, treat} }, types.ErrDuplicate, true},
		{"too many purposes", func(m *types.MsgGrantConsent) { m.Purposes = []types.Purpose{1, 2, 3, 4, 5, 6, 7, 8, 9} }, types.ErrTooMany, true},
		{"unknown category", func(m *types.MsgGrantConsent) { m.Categories = []recordstypes.Category{99} }, types.ErrInvalidCategory, true},
		{"restricted by category", func(m *types.MsgGrantConsent) {
			m.Categories = []recordstypes.Category{recordstypes.Category_CATEGORY_RESTRICTED}
		}, types.ErrRestricted, true},
		{"mental health by category", func(m *types.MsgGrantConsent) { m.Categories = []recordstypes.Category{mentalHealth} }, types.ErrRestricted, true},
		{"repeated category", func(m *types.MsgGrantConsent) { m.Categories = []recordstypes.Category{lab, lab} }, types.ErrDuplicate, true},
		{"too many categories", func(m *types.MsgGrantConsent) { m.Categories = make([]recordstypes.Category, types.MaxCategories+1) }, types.ErrTooMany, true},
		{"unknown record", func(m *types.MsgGrantConsent) {
			m.Records = []recordstypes.RecordRef{{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("nope")}}
		}, types.ErrRecordNotFound, false},
		{"a record of another custodian's id", func(m *types.MsgGrantConsent) {
			m.Records = []recordstypes.RecordRef{{Custodian: f.Str("hospital-b"), RecordId: f.lab1.RecordId}}
		}, types.ErrRecordNotFound, false},
		{"readable record id", func(m *types.MsgGrantConsent) {
			m.Records = []recordstypes.RecordRef{{Custodian: f.Str("hospital-a"), RecordId: "lab-1"}}
		}, types.ErrInvalidRecord, true},
		{"bad custodian", func(m *types.MsgGrantConsent) {
			m.Records = []recordstypes.RecordRef{{Custodian: "x", RecordId: f.lab1.RecordId}}
		}, types.ErrInvalidRecord, true},
		{"another patient's record", func(m *types.MsgGrantConsent) { m.Records = []recordstypes.RecordRef{f.lab2} }, types.ErrNotPatients, false},
		{"repeated record", func(m *types.MsgGrantConsent) { m.Records = []recordstypes.RecordRef{f.lab1, f.lab1} }, types.ErrDuplicate, true},
		{"too many records", func(m *types.MsgGrantConsent) {
			for range types.MaxRecords + 1 {
				m.Records = append(m.Records, f.lab1)
			}
		}, types.ErrTooMany, true},
		{"grantee not a member", func(m *types.MsgGrantConsent) { m.Grantee = f.Str("stranger") }, types.ErrInvalidGrantee, false},
		{"grantee is the patient", func(m *types.MsgGrantConsent) { m.Grantee = m.Patient }, types.ErrInvalidGrantee, true},
		{"bad grantee address", func(m *types.MsgGrantConsent) { m.Grantee = "med1xx" }, types.ErrInvalidAddress, true},
		{"bad patient address", func(m *types.MsgGrantConsent) { m.Patient = "" }, types.ErrInvalidAddress, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := f.grantMsg("dr-a")
			tc.mutate(msg)
			if tc.stateless {
				testutil.RequireCode(t, msg.ValidateBasic(), tc.err, "refused before the mempool")
			}
			_, err := f.Msgs.GrantConsent(f.Ctx, msg)
			testutil.RequireCode(t, err, tc.err)
		})
	}
	_, err := f.K.GetGrant(f.Ctx, 1)
	testutil.RequireCode(t, err, types.ErrGrantNotFound, "no refused grant was stored")
}

func TestMaxActiveGrants(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.MaxActiveGrantsPerPatient = 2 })
	id := f.grant(t, f.grantMsg("dr-a"))
	f.grant(t, f.grantMsg("dr-b"))
	_, err := f.Msgs.GrantConsent(f.Ctx, f.grantMsg("nurse-a"))
	testutil.RequireCode(t, err, types.ErrTooManyGrants)
	require.NoError(t, f.revoke(t, "patient-1", id))
	f.grant(t, f.grantMsg("nurse-a"))
}

func TestCheckAccessRequests(t *testing.T) {
	f, _ := granted(t, "dr-a")
	missing := recordstypes.RecordRef{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("nope")}
	require.Equal(t, types.DecisionReason_DECISION_REASON_RECORD_NOT_FOUND, f.check(t, "dr-a", missing, treat).Reason)
	d, err := f.K.CheckAccess(f.Ctx, types.AccessRequest{Accessor: f.Addr("dr-a"), Patient: f.Addr("patient-2"), Record: &f.lab1, Purpose: treat})
	require.NoError(t, err)
	require.False(t, d.Allowed)
	require.Equal(t, types.DecisionReason_DECISION_REASON_RECORD_OF_ANOTHER_PATIENT, d.Reason)
	_, err = f.K.CheckAccess(f.Ctx, types.AccessRequest{Accessor: f.Addr("dr-a"), Patient: f.Addr("patient-1"), Purpose: treat})
	testutil.RequireCode(t, err, types.ErrInvalidRequest, "neither record nor category")
	_, err = f.K.CheckAccess(f.Ctx, types.AccessRequest{Accessor: f.Addr("dr-a"), Patient: f.Addr("patient-1"), Category: mentalHealth, Purpose: treat})
	testutil.RequireCode(t, err, types.ErrInvalidRequest, "a sensitive category is never asked about on chain")
	_, err = f.K.CheckAccess(f.Ctx, types.AccessRequest{Accessor: f.Addr("dr-a"), Patient: f.Addr("patient-1"), Record: &f.lab1})
	testutil.RequireCode(t, err, types.ErrInvalidPurpose)
	_, err = f.K.CheckAccess(f.Ctx, types.AccessRequest{Accessor: f.Addr("dr-a"), Patient: f.Addr("patient-1"), Record: &recordstypes.RecordRef{RecordId: "x"}, Purpose: treat})
	require.Error(t, err, "a malformed record reference")
	_, err = f.K.CheckAccess(f.Ctx, types.AccessRequest{Patient: f.Addr("patient-1"), Record: &f.lab1, Purpose: treat})
	testutil.RequireCode(t, err, types.ErrInvalidRequest, "no accessor")
	require.Equal(t, types.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT, f.checkCategory(t, "dr-a", recordstypes.Category_CATEGORY_RESTRICTED).Reason)
}
