package keeper_test

import (
	"fmt"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// A grant may name up to 64 of the patient's records, and every one of
// them is then covered; a 65th is refused before anything is stored.
func TestGrantRecordListBound(t *testing.T) {
	f := newFixture(t)
	var recs []recordstypes.RecordRef
	for i := range types.MaxRecords + 1 {
		recs = append(recs, f.Anchor("dr-a", "patient-1", fmt.Sprint("bulk-", i), imaging))
	}
	msg := f.grantMsg("dr-b")
	msg.Categories, msg.Records = nil, recs
	_, err := f.Msgs.GrantConsent(f.Ctx, msg)
	testutil.RequireCode(t, err, types.ErrTooMany, "65 records")
	_, err = f.K.GetGrant(f.Ctx, 1)
	testutil.RequireCode(t, err, types.ErrGrantNotFound)

	msg.Records = recs[:types.MaxRecords]
	id := f.grant(t, msg)
	for _, r := range []recordstypes.RecordRef{recs[0], recs[types.MaxRecords-1]} {
		d := f.check(t, "dr-b", r, treat)
		require.True(t, d.Allowed)
		require.Equal(t, id, d.GrantID)
	}
	require.False(t, f.check(t, "dr-b", recs[types.MaxRecords], treat).Allowed, "the record left out")
	require.False(t, f.check(t, "dr-b", f.img1, treat).Allowed, "a record grant is no category grant")
}

// Up to 8 purposes, each of them then allowed; 9 are refused. Every
// grantable category may be named at once; as only ten are grantable, 16
// entries must repeat one (refused as a repetition) and 17 are too many.
func TestGrantPurposeAndCategoryBounds(t *testing.T) {
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.Purposes = []types.Purpose{1, 2, 3, 4, 5, 6, 7, 8, 9}
	_, err := f.Msgs.GrantConsent(f.Ctx, msg)
	testutil.RequireCode(t, err, types.ErrTooMany)

	msg.Purposes = msg.Purposes[:types.MaxPurposes]
	msg.Categories = []recordstypes.Category{
		lab, imaging, recordstypes.Category_CATEGORY_MEDICATION, recordstypes.Category_CATEGORY_ALLERGY,
		recordstypes.Category_CATEGORY_CONDITION, recordstypes.Category_CATEGORY_PROCEDURE, recordstypes.Category_CATEGORY_IMMUNIZATION,
		recordstypes.Category_CATEGORY_VITAL_SIGNS, recordstypes.Category_CATEGORY_CLINICAL_NOTE, recordstypes.Category_CATEGORY_ENCOUNTER,
	}
	cats := msg.Categories
	msg.Categories = append(cats[:len(cats):len(cats)], cats[:6]...)
	_, err = f.Msgs.GrantConsent(f.Ctx, msg)
	testutil.RequireCode(t, err, types.ErrDuplicate, "16 categories")
	msg.Categories = append(msg.Categories, cats[6])
	_, err = f.Msgs.GrantConsent(f.Ctx, msg)
	testutil.RequireCode(t, err, types.ErrTooMany, "17 categories")

	msg.Categories = cats
	f.grant(t, msg)
	require.True(t, f.check(t, "dr-a", f.lab1, types.Purpose(types.MaxPurposes)).Allowed, "the 8th purpose")
	require.False(t, f.check(t, "dr-a", f.lab1, types.Purpose(types.MaxPurposes+1)).Allowed, "the 9th was not granted")
	require.True(t, f.checkCategory(t, "dr-a", recordstypes.Category_CATEGORY_ENCOUNTER).Allowed)
	require.False(t, f.check(t, "dr-a", f.mh1, treat).Allowed, "all categories still leave restricted records out")
}

// expires_at must lie in (block time, block time + max_grant_duration].
func TestGrantExpiryWindow(t *testing.T) {
	maxDur := types.DefaultMaxGrantDuration
	cases := []struct {
		name    string
		maxDur  time.Duration
		expires time.Time
		err     *errorsmod.Error
	}{
		{"one ns after the block time", maxDur, t0.Add(time.Nanosecond), nil},
		{"exactly the max duration", maxDur, t0.Add(maxDur), nil},
		{"one ns over the max duration", maxDur, t0.Add(maxDur + time.Nanosecond), types.ErrExpiryTooFar},
		{"a lowered max duration, at it", time.Minute, t0.Add(time.Minute), nil},
		{"a lowered max duration, past it", time.Minute, t0.Add(time.Minute + time.Nanosecond), types.ErrExpiryTooFar},
		{"a raised max duration, at it", 10 * 365 * 24 * time.Hour, t0.Add(10 * 365 * 24 * time.Hour), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.setParams(t, func(p *types.Params) { p.MaxGrantDuration = tc.maxDur })
			msg := f.grantMsg("dr-a")
			msg.ExpiresAt = tc.expires
			res, err := f.Msgs.GrantConsent(f.Ctx, msg)
			if tc.err != nil {
				testutil.RequireCode(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			g, err := f.K.GetGrant(f.Ctx, res.GrantId)
			require.NoError(t, err)
			require.Equal(t, tc.expires, g.ExpiresAt)
			require.Equal(t, t0, g.CreatedAt)
		})
	}

	// A grant for one nanosecond allows at the block it is made and no later.
	f := newFixture(t)
	msg := f.grantMsg("dr-a")
	msg.ExpiresAt = t0.Add(time.Nanosecond)
	id := f.grant(t, msg)
	require.True(t, f.check(t, "dr-a", f.lab1, treat).Allowed)
	f.At(t0.Add(time.Nanosecond))
	d := f.check(t, "dr-a", f.lab1, treat)
	require.Equal(t, types.DecisionReason_DECISION_REASON_GRANT_EXPIRED, d.Reason)
	require.Equal(t, id, d.GrantID)
}

// The active-grant limit is per patient: one patient at the limit does not
// hold back another, and a grant marked expired frees its slot.
func TestMaxActiveGrantsPerPatient(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.MaxActiveGrantsPerPatient = 2 })
	short := f.grantMsg("dr-a")
	short.ExpiresAt = t0.Add(time.Hour)
	f.grant(t, short)
	f.grant(t, f.grantMsg("dr-b"))
	_, err := f.Msgs.GrantConsent(f.Ctx, f.grantMsg("nurse-a"))
	testutil.RequireCode(t, err, types.ErrTooManyGrants)

	other := f.grantMsg("dr-a")
	other.Patient, other.Categories = f.Str("patient-2"), nil
	require.EqualValues(t, 3, f.grant(t, other), "another patient grants; the refused grant took no id")

	f.At(t0.Add(time.Hour))
	require.NoError(t, f.K.MarkExpired(f.Ctx))
	n, err := f.K.ActiveCount.Get(f.Ctx, f.Addr("patient-1"))
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	f.grant(t, f.grantMsg("nurse-a"))
	_, err = f.Msgs.GrantConsent(f.Ctx, f.grantMsg("hospital-b"))
	testutil.RequireCode(t, err, types.ErrTooManyGrants, "the freed slot is taken again")
}
