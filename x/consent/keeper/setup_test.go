package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

const (
	treat        = types.Purpose_PURPOSE_TREAT
	lab          = recordstypes.Category_CATEGORY_LAB
	imaging      = recordstypes.Category_CATEGORY_IMAGING
	mentalHealth = recordstypes.Category_CATEGORY_MENTAL_HEALTH
)

var t0 = testutil.T0

// fixture is the keeper stack with the consent Msg and Query servers and
// records of two patients: patient-1 has lab-1 (lab) and mh-1 (mental
// health, anchored as restricted) at hospital-a; patient-2 has lab-2.
type fixture struct {
	*testutil.Stack
	k                     keeper.Keeper
	msgs                  types.MsgServer
	queries               types.QueryServer
	lab1, mh1, lab2, img1 recordstypes.RecordRef
}

// newFixture: hospital-a (agents dr-a, nurse-a), hospital-b (agent dr-b),
// lab-c, and any more agents of a member named "member/prefix-N".
func newFixture(t testing.TB, more ...string) *fixture {
	clin := consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN
	s := testutil.NewStack(t)
	for _, a := range more {
		member, name, _ := strings.Cut(a, "/")
		s.WithAgent(name, member, clin)
	}
	s = s.
		WithMember("hospital-a", consortiumtypes.Role_ROLE_HOSPITAL).
		WithMember("hospital-b", consortiumtypes.Role_ROLE_HOSPITAL).
		WithObserver("lab-c", consortiumtypes.Role_ROLE_LAB).
		WithAgent("dr-a", "hospital-a", clin).
		WithAgent("nurse-a", "hospital-a", clin).
		WithAgent("dr-b", "hospital-b", clin).
		Build()
	f := &fixture{Stack: s, k: s.Consent, msgs: keeper.NewMsgServer(s.Consent), queries: keeper.NewQueryServer(s.Consent)}
	f.lab1 = s.Anchor("dr-a", "patient-1", "lab-1", lab)
	f.mh1 = s.Anchor("dr-a", "patient-1", "mh-1", mentalHealth)
	f.img1 = s.Anchor("dr-a", "patient-1", "img-1", imaging)
	f.lab2 = s.Anchor("dr-a", "patient-2", "lab-2", lab)
	return f
}

// grantMsg is patient-1 granting grantee labs for TREAT for 7 days.
func (f *fixture) grantMsg(grantee string) *types.MsgGrantConsent {
	return &types.MsgGrantConsent{
		Patient: f.Str("patient-1"), Grantee: f.Str(grantee),
		Categories: []recordstypes.Category{lab},
		Purposes:   []types.Purpose{treat}, ExpiresAt: t0.Add(7 * 24 * time.Hour),
	}
}

func (f *fixture) grant(t testing.TB, msg *types.MsgGrantConsent) uint64 {
	t.Helper()
	res, err := f.msgs.GrantConsent(f.Ctx, msg)
	require.NoError(t, err)
	return res.GrantId
}

func (f *fixture) revoke(t testing.TB, patient string, id uint64) error {
	t.Helper()
	_, err := f.msgs.RevokeConsent(f.Ctx, &types.MsgRevokeConsent{Patient: f.Str(patient), GrantId: id})
	return err
}

// check asks whether accessor may read patient-1's record for purpose.
func (f *fixture) check(t testing.TB, accessor string, record recordstypes.RecordRef, purpose types.Purpose) types.Decision {
	t.Helper()
	d, err := f.k.CheckAccess(f.Ctx, types.AccessRequest{
		Accessor: f.Addr(accessor), Patient: f.Addr("patient-1"), Record: &record, Purpose: purpose,
	})
	require.NoError(t, err)
	return d
}

// checkCategory asks whether accessor may read patient-1's category.
func (f *fixture) checkCategory(t testing.TB, accessor string, c recordstypes.Category) types.Decision {
	t.Helper()
	d, err := f.k.CheckAccess(f.Ctx, types.AccessRequest{
		Accessor: f.Addr(accessor), Patient: f.Addr("patient-1"), Category: c, Purpose: treat,
	})
	require.NoError(t, err)
	return d
}

func (f *fixture) setStatus(t testing.TB, name string, status consortiumtypes.MemberStatus) {
	t.Helper()
	m, err := f.Consortium.GetMember(f.Ctx, f.Addr(name))
	require.NoError(t, err)
	m.Status = status
	require.NoError(t, f.Consortium.SetMember(f.Ctx, m))
}
