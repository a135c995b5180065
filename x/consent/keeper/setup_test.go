package keeper_test

import (
	"fmt"
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

// Short names of the values the tests use most.
const (
	treat        = types.Purpose_PURPOSE_TREAT
	lab          = recordstypes.Category_CATEGORY_LAB
	imaging      = recordstypes.Category_CATEGORY_IMAGING
	mentalHealth = recordstypes.Category_CATEGORY_MENTAL_HEALTH
	pending      = types.RequestStatus_REQUEST_STATUS_PENDING
	approve      = types.Response_RESPONSE_APPROVE
	decline      = types.Response_RESPONSE_DECLINE
	referral     = types.RequestReason_REQUEST_REASON_REFERRAL
	week         = 7 * 24 * time.Hour
)

var t0 = testutil.T0

// fixture is the keeper stack with the consent Msg and Query servers and
// records of two patients: patient-1 has lab-1 (lab) and mh-1 (mental
// health, anchored as restricted) at hospital-a; patient-2 has lab-2.
type fixture struct {
	testutil.Module[keeper.Keeper, types.MsgServer, types.QueryServer]
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
	f := &fixture{Module: testutil.NewModule(s, s.Consent, keeper.NewMsgServer, keeper.NewQueryServer)}
	f.lab1 = s.Anchor("dr-a", "patient-1", "lab-1", lab)
	f.mh1 = s.Anchor("dr-a", "patient-1", "mh-1", mentalHealth)
	f.img1 = s.Anchor("dr-a", "patient-1", "img-1", imaging)
	f.lab2 = s.Anchor("dr-a", "patient-2", "lab-2", lab)
	return f
}

// granted: newFixture, and grantMsg(grantee) granted; it returns the grant id.
func granted(t testing.TB, grantee string) (*fixture, uint64) {
	f := newFixture(t)
	return f, f.grant(t, f.grantMsg(grantee))
}

// withGrants: granted dr-a, and grantMsg(hospital-b) granted and revoked; it
// returns both grant ids.
func withGrants(t testing.TB) (f *fixture, active, revoked uint64) {
	f, active = granted(t, "dr-a")
	revoked = f.grant(t, f.grantMsg("hospital-b"))
	require.NoError(t, f.revoke(t, "patient-1", revoked))
	return f, active, revoked
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
	res, err := f.Msgs.GrantConsent(f.Ctx, msg)
	require.NoError(t, err)
	return res.GrantId
}

func (f *fixture) revoke(t testing.TB, patient string, id uint64) error {
	t.Helper()
	_, err := f.Msgs.RevokeConsent(f.Ctx, &types.MsgRevokeConsent{Patient: f.Str(patient), GrantId: id})
	return err
}

// check asks whether accessor may read patient-1's record for purpose.
func (f *fixture) check(t testing.TB, accessor string, record recordstypes.RecordRef, purpose types.Purpose) types.Decision {
	t.Helper()
	return testutil.Get(t, f.Ctx, f.K.CheckAccess, types.AccessRequest{Accessor: f.Addr(accessor), Patient: f.Addr("patient-1"), Record: &record, Purpose: purpose})
}

// checkCategory asks whether accessor may read patient-1's category.
func (f *fixture) checkCategory(t testing.TB, accessor string, c recordstypes.Category) types.Decision {
	t.Helper()
	return testutil.Get(t, f.Ctx, f.K.CheckAccess, types.AccessRequest{Accessor: f.Addr(accessor), Patient: f.Addr("patient-1"), Category: c, Purpose: treat})
}

// grantMany has patient-0 … patient-(patients-1) each make perPatient
// grants, each as req makes it for the patient; each patient's grants are
// made with fresh events, as in a block of their own.
func (f *fixture) grantMany(t testing.TB, patients, perPatient int, req func() keeper.GrantRequest) {
	t.Helper()
	for p := range patients {
		f.FreshEvents()
		for range perPatient {
			r := req()
			r.Patient = f.Addr(fmt.Sprint("patient-", p))
			if _, err := f.K.Grant(f.Ctx, r); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// setParams sets, and returns, the default params changed by set.
func (f *fixture) setParams(t testing.TB, set func(p *types.Params)) types.Params {
	t.Helper()
	p := types.DefaultParams()
	set(&p)
	require.NoError(t, f.K.Params.Set(f.Ctx, p))
	return p
}
