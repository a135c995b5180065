package keeper_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// genesisGrant is patient-1's lab grant to dr-a (of hospital-a), made a day
// before t0, with the given id, expiry and status.
func (f *fixture) genesisGrant(id uint64, expires time.Time, status types.GrantStatus, endedAt *time.Time) types.Grant {
	return types.Grant{
		Id: id, Patient: f.Str("patient-1"), Grantee: f.Str("dr-a"), GranteeMember: f.Str("hospital-a"),
		Categories: []recordstypes.Category{lab}, Purposes: []types.Purpose{treat},
		CreatedAt: t0.Add(-24 * time.Hour), ExpiresAt: expires, Status: status, EndedAt: endedAt,
	}
}

// InitGenesis rebuilds what the grants imply: the active count the limit
// reads, the expiry queue and the queue of ended grants to prune.
func TestInitGenesisRebuildsQueuesAndCounts(t *testing.T) {
	f := newFixture(t)
	ended := t0.Add(-time.Hour)
	gs := types.GenesisState{Params: types.DefaultParams(), Grants: []types.Grant{
		f.genesisGrant(3, t0.Add(time.Hour), types.GrantStatus_GRANT_STATUS_ACTIVE, nil),
		f.genesisGrant(7, t0.Add(-time.Minute), types.GrantStatus_GRANT_STATUS_ACTIVE, nil), // due, not yet marked
		f.genesisGrant(9, t0.Add(time.Hour), types.GrantStatus_GRANT_STATUS_REVOKED, &ended),
	}}
	gs.Params.MaxActiveGrantsPerPatient = 2
	require.NoError(t, f.K.InitGenesis(f.Ctx, gs))

	d := f.check(t, "dr-a", f.lab1, treat)
	require.True(t, d.Allowed)
	require.EqualValues(t, 3, d.GrantID)
	count, err := f.K.ActiveCount.Get(f.Ctx, f.Addr("patient-1"))
	require.NoError(t, err)
	require.EqualValues(t, 2, count, "both active genesis grants count")

	// At the limit, the grant past its expiry is marked on the spot and
	// frees its slot; ids continue after the highest.
	ctx := f.FreshEvents()
	require.EqualValues(t, 10, f.grant(t, f.grantMsg("dr-b")))
	require.Contains(t, testutil.EventTypes(ctx), "medchain.consent.v1.EventConsentExpired")
	_, err = f.Msgs.GrantConsent(f.Ctx, f.grantMsg("nurse-a"))
	testutil.RequireCode(t, err, types.ErrTooManyGrants, "grants 3 and 10 are live")
	require.Empty(t, f.beginBlock(t, t0), "nothing left to mark")

	events := f.beginBlock(t, ended.Add(types.DefaultEndedGrantRetention))
	require.Contains(t, events, &types.EventConsentPruned{GrantId: 9, Patient: f.Str("patient-1")})
	_, err = f.K.GetGrant(f.Ctx, 9)
	testutil.RequireCode(t, err, types.ErrGrantNotFound, "the ended genesis grant is pruned from its end time")
}

// Genesis grants break the same scope and address rules as messages, with
// the same codes; InitGenesis refuses them too.
func TestGenesisGrantRules(t *testing.T) {
	f := newFixture(t)
	ended := t0
	cases := []struct {
		name   string
		mutate func(g *types.Grant)
		want   *errorsmod.Error
	}{
		{"bad grantee", func(g *types.Grant) { g.Grantee = "med1nope" }, types.ErrInvalidAddress},
		{"unknown status with an end time", func(g *types.Grant) { g.Status, g.EndedAt = 9, &ended }, types.ErrInvalidGenesis},
		{"expires when it starts", func(g *types.Grant) { g.ExpiresAt = g.CreatedAt }, types.ErrInvalidGenesis},
		{"too many purposes", func(g *types.Grant) { g.Purposes = []types.Purpose{1, 2, 3, 4, 5, 6, 7, 8, 9} }, types.ErrTooMany},
		{"repeated category", func(g *types.Grant) { g.Categories = []recordstypes.Category{lab, lab} }, types.ErrDuplicate},
		{"unknown category", func(g *types.Grant) { g.Categories = []recordstypes.Category{0} }, types.ErrInvalidCategory},
		{"sensitive category", func(g *types.Grant) { g.Categories = []recordstypes.Category{recordstypes.Category_CATEGORY_GENOMIC} }, types.ErrRestricted},
		{"bad record reference", func(g *types.Grant) {
			g.Records = []recordstypes.RecordRef{{Custodian: f.Str("hospital-a"), RecordId: "lab-1"}}
		}, types.ErrInvalidRecord},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := f.genesisGrant(1, t0.Add(time.Hour), types.GrantStatus_GRANT_STATUS_ACTIVE, nil)
			tc.mutate(&g)
			gs := types.GenesisState{Params: types.DefaultParams(), Grants: []types.Grant{g}}
			testutil.RequireCode(t, gs.Validate(f.AC), tc.want)
			fresh := newFixture(t)
			testutil.RequireCode(t, fresh.K.InitGenesis(fresh.Ctx, gs), tc.want)
			_, err := fresh.K.GetGrant(fresh.Ctx, 1)
			testutil.RequireCode(t, err, types.ErrGrantNotFound, "nothing of a refused genesis is loaded")
		})
	}
}
