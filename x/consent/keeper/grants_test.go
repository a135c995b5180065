package keeper_test

import (
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

const treat = types.Purpose_PURPOSE_TREAT

func TestScopeMatching(t *testing.T) {
	lab, mh := recordstypes.Category_CATEGORY_LAB, recordstypes.Category_CATEGORY_MENTAL_HEALTH
	cases := []struct {
		name       string
		categories []recordstypes.Category
		recordIDs  []string
		lab1, mh1  bool
	}{
		{"category", []recordstypes.Category{lab}, nil, true, false},
		{"record id", nil, []string{"mh-1"}, false, true},
		{"both", []recordstypes.Category{lab}, []string{"mh-1"}, true, true},
		{"none: everything", nil, nil, true, true},
		{"other category", []recordstypes.Category{recordstypes.Category_CATEGORY_IMAGING}, nil, false, false},
		{"mental health only", []recordstypes.Category{mh}, nil, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			msg := f.grantMsg("dr-a")
			msg.Categories, msg.RecordIds = tc.categories, tc.recordIDs
			id := f.grant(t, msg)
			d := f.check(t, "dr-a", "lab-1", treat)
			require.Equal(t, tc.lab1, d.Allowed, d.Reason)
			if d.Allowed {
				require.Equal(t, id, d.GrantID)
			}
			require.Equal(t, tc.mh1, f.check(t, "dr-a", "mh-1", treat).Allowed)
			// A purpose outside the grant never matches.
			require.False(t, f.check(t, "dr-a", "lab-1", types.Purpose_PURPOSE_HMARKT).Allowed)
			// A category question (no record id) follows the category list.
			d, err := f.k.CheckAccess(f.ctx, types.AccessRequest{Accessor: addr("dr-a"), Patient: addr("patient-1"), Category: lab, Purpose: treat})
			require.NoError(t, err)
			require.Equal(t, tc.categories == nil && tc.recordIDs == nil || len(tc.categories) > 0 && tc.categories[0] == lab, d.Allowed)
		})
	}
}

func TestMemberGrantCoversItsAgents(t *testing.T) {
	f := newFixture(t)
	id := f.grant(t, f.grantMsg("hospital-a"))
	for _, who := range []string{"hospital-a", "dr-a", "nurse-a"} {
		d := f.check(t, who, "lab-1", treat)
		require.True(t, d.Allowed, who)
		require.Equal(t, id, d.GrantID)
	}
	for _, who := range []string{"dr-b", "hospital-b", "lab-c", "stranger"} {
		require.False(t, f.check(t, who, "lab-1", treat).Allowed, who)
	}
	// A grant to one agent covers only that agent.
	g := newFixture(t)
	g.grant(t, g.grantMsg("dr-a"))
	require.True(t, g.check(t, "dr-a", "lab-1", treat).Allowed)
	require.False(t, g.check(t, "nurse-a", "lab-1", treat).Allowed)
	require.False(t, g.check(t, "hospital-a", "lab-1", treat).Allowed)

	// A suspended member's agents lose access.
	m, err := f.consortium.GetMember(f.ctx, addr("hospital-a"))
	require.NoError(t, err)
	m.Status = consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.consortium.SetMember(f.ctx, m))
	require.False(t, f.check(t, "dr-a", "lab-1", treat).Allowed)
}

func TestExpiryBoundary(t *testing.T) {
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.ExpiresAt = t0.Add(time.Hour)
	f.grant(t, msg)
	at := func(ts time.Time) bool {
		f.ctx = f.ctx.WithBlockTime(ts)
		return f.check(t, "dr-a", "lab-1", treat).Allowed
	}
	require.True(t, at(t0.Add(time.Hour-time.Nanosecond)), "just before expiry")
	require.False(t, at(t0.Add(time.Hour)), "at expiry exactly: ended")
	d := f.check(t, "dr-a", "lab-1", treat)
	require.Contains(t, d.Reason, "expired")
	// Without BeginBlock having run, the grant still reads active, but decides no.
	g, err := f.k.GetGrant(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_ACTIVE, g.Status)
	require.NoError(t, f.k.MarkExpired(f.ctx))
	g, err = f.k.GetGrant(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_EXPIRED, g.Status)
	require.Equal(t, t0.Add(time.Hour), *g.EndedAt)
}

func TestRevoke(t *testing.T) {
	f := newFixture(t)
	id := f.grant(t, f.grantMsg("dr-a"))
	require.True(t, f.check(t, "dr-a", "lab-1", treat).Allowed)

	_, err := f.msgs.RevokeConsent(f.ctx, &types.MsgRevokeConsent{Patient: f.str("patient-2"), GrantId: id})
	require.ErrorIs(t, err, types.ErrNotPatient, "only the patient revokes")
	_, err = f.msgs.RevokeConsent(f.ctx, &types.MsgRevokeConsent{Patient: f.str("patient-1"), GrantId: 99})
	require.ErrorIs(t, err, types.ErrGrantNotFound)
	_, err = f.msgs.RevokeConsent(f.ctx, &types.MsgRevokeConsent{Patient: f.str("patient-1"), GrantId: id})
	require.NoError(t, err)
	require.False(t, f.check(t, "dr-a", "lab-1", treat).Allowed)
	_, err = f.msgs.RevokeConsent(f.ctx, &types.MsgRevokeConsent{Patient: f.str("patient-1"), GrantId: id})
	require.ErrorIs(t, err, types.ErrNotActive, "revoking twice")

	g, err := f.k.GetGrant(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.GrantStatus_GRANT_STATUS_REVOKED, g.Status)
	active, err := f.queries.GrantsByPatient(f.ctx, &types.QueryGrantsByPatientRequest{Patient: f.str("patient-1"), Status: types.GrantStatus_GRANT_STATUS_ACTIVE})
	require.NoError(t, err)
	require.Empty(t, active.Grants)
	all, err := f.queries.GrantsByGrantee(f.ctx, &types.QueryGrantsByGranteeRequest{Grantee: f.str("dr-a")})
	require.NoError(t, err)
	require.Len(t, all.Grants, 1, "a revoked grant stays on record")
}

func TestGrantValidation(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name   string
		mutate func(m *types.MsgGrantConsent)
		err    *errorsmod.Error
	}{
		{"expiry now", func(m *types.MsgGrantConsent) { m.ExpiresAt = t0 }, types.ErrExpiryInPast},
		{"expiry in the past", func(m *types.MsgGrantConsent) { m.ExpiresAt = t0.Add(-time.Hour) }, types.ErrExpiryInPast},
		{"expiry beyond max duration", func(m *types.MsgGrantConsent) { m.ExpiresAt = t0.Add(366 * 24 * time.Hour) }, types.ErrExpiryTooFar},
		{"no purpose", func(m *types.MsgGrantConsent) { m.Purposes = nil }, types.ErrInvalidPurpose},
		{"unknown purpose", func(m *types.MsgGrantConsent) { m.Purposes = []types.Purpose{77} }, types.ErrInvalidPurpose},
		{"repeated purpose", func(m *types.MsgGrantConsent) { m.Purposes = []types.Purpose{treat, treat} }, types.ErrDuplicate},
		{"too many purposes", func(m *types.MsgGrantConsent) {
			m.Purposes = []types.Purpose{1, 2, 3, 4, 5, 6, 7, 8, 9}
		}, types.ErrTooMany},
		{"unknown category", func(m *types.MsgGrantConsent) { m.Categories = []recordstypes.Category{99} }, types.ErrInvalidCategory},
		{"too many categories", func(m *types.MsgGrantConsent) {
			m.Categories = make([]recordstypes.Category, types.MaxCategories+1)
		}, types.ErrTooMany},
		{"unknown record", func(m *types.MsgGrantConsent) { m.RecordIds = []string{"nope"} }, types.ErrRecordNotFound},
		{"another patient's record", func(m *types.MsgGrantConsent) { m.RecordIds = []string{"lab-2"} }, types.ErrNotPatients},
		{"too many record ids", func(m *types.MsgGrantConsent) {
			m.RecordIds = strings.Split(strings.Repeat("x,", types.MaxRecordIDs+1), ",")
		}, types.ErrTooMany},
		{"grantee not a member", func(m *types.MsgGrantConsent) { m.Grantee = f.str("stranger") }, types.ErrInvalidGrantee},
		{"bad grantee address", func(m *types.MsgGrantConsent) { m.Grantee = "med1xx" }, types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := f.grantMsg("dr-a")
			tc.mutate(msg)
			_, err := f.msgs.GrantConsent(f.ctx, msg)
			require.ErrorIs(t, err, tc.err)
			_, code, _ := errorsmod.ABCIInfo(err, false)
			require.Equal(t, tc.err.ABCICode(), code)
		})
	}
	_, err := f.k.GetGrant(f.ctx, 1)
	require.ErrorIs(t, err, types.ErrGrantNotFound, "no refused grant was stored")
}

func TestMaxActiveGrants(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxActiveGrantsPerPatient = 2
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	id := f.grant(t, f.grantMsg("dr-a"))
	f.grant(t, f.grantMsg("dr-b"))
	_, err := f.msgs.GrantConsent(f.ctx, f.grantMsg("nurse-a"))
	require.ErrorIs(t, err, types.ErrTooManyGrants)
	_, err = f.msgs.RevokeConsent(f.ctx, &types.MsgRevokeConsent{Patient: f.str("patient-1"), GrantId: id})
	require.NoError(t, err)
	f.grant(t, f.grantMsg("nurse-a"))
}

func TestCheckAccessRequests(t *testing.T) {
	f := newFixture(t)
	f.grant(t, f.grantMsg("dr-a"))
	require.Contains(t, f.check(t, "dr-a", "nope", treat).Reason, "not found")
	d, err := f.k.CheckAccess(f.ctx, types.AccessRequest{Accessor: addr("dr-a"), Patient: addr("patient-2"), RecordID: "lab-1", Purpose: treat})
	require.NoError(t, err)
	require.False(t, d.Allowed)
	require.Contains(t, d.Reason, "another patient")
	_, err = f.k.CheckAccess(f.ctx, types.AccessRequest{Accessor: addr("dr-a"), Patient: addr("patient-1"), Purpose: treat})
	require.ErrorIs(t, err, types.ErrInvalidRequest, "neither record nor category")
	_, err = f.k.CheckAccess(f.ctx, types.AccessRequest{Accessor: addr("dr-a"), Patient: addr("patient-1"), RecordID: "lab-1"})
	require.ErrorIs(t, err, types.ErrInvalidPurpose)

	res, err := f.queries.CheckAccess(f.ctx, &types.QueryCheckAccessRequest{
		Accessor: f.str("dr-a"), Patient: f.str("patient-1"), RecordId: "lab-1", Purpose: treat,
	})
	require.NoError(t, err)
	require.True(t, res.Allowed)
	require.EqualValues(t, 1, res.GrantId)
}

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.grant(t, f.grantMsg("dr-a"))
	id := f.grant(t, f.grantMsg("hospital-b"))
	_, err := f.msgs.RevokeConsent(f.ctx, &types.MsgRevokeConsent{Patient: f.str("patient-1"), GrantId: id})
	require.NoError(t, err)
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *gs))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)
	require.True(t, g.check(t, "dr-a", "lab-1", treat).Allowed)
	require.False(t, g.check(t, "dr-b", "lab-1", treat).Allowed)
	require.EqualValues(t, 3, g.grant(t, g.grantMsg("nurse-a")), "ids continue after genesis")
}
