package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/keeper"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var t0 = testutil.T0

const (
	treat   = consenttypes.Purpose_PURPOSE_TREAT
	read    = types.Action_ACTION_READ
	lab     = recordstypes.Category_CATEGORY_LAB
	denied  = types.Decision_DECISION_DENIED
	allowed = types.Decision_DECISION_ALLOWED
)

// fixture is the keeper stack with the audit Msg and Query servers:
// hospital-a holds lab-1 (lab) and mh-1 (mental health, restricted) of
// patient-1, with clinician dr-a and data gateway gw-a; hospital-b has
// cardiologist cardio and gateway gw-b; er-hospital (emergency role) has
// clinician er-doc, gateway er-gw and staff er-staff.
type fixture struct {
	testutil.Module[keeper.Keeper, types.MsgServer, types.QueryServer]
	lab1, mh1 recordstypes.RecordRef
}

func newFixture(t testing.TB) *fixture {
	clin, gw := consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN, consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY
	s := testutil.NewStack(t).
		WithMember("hospital-a", consortiumtypes.Role_ROLE_HOSPITAL).
		WithMember("hospital-b", consortiumtypes.Role_ROLE_HOSPITAL).
		WithMember("er-hospital", consortiumtypes.Role_ROLE_HOSPITAL, consortiumtypes.Role_ROLE_EMERGENCY).
		WithAgent("dr-a", "hospital-a", clin).WithAgent("gw-a", "hospital-a", gw).
		WithAgent("cardio", "hospital-b", clin).WithAgent("gw-b", "hospital-b", gw).
		WithAgent("er-doc", "er-hospital", clin).WithAgent("er-gw", "er-hospital", gw).
		WithAgent("er-staff", "er-hospital", consortiumtypes.AgentRole_AGENT_ROLE_STAFF).
		Build()
	f := &fixture{Module: testutil.NewModule(s, s.Audit, keeper.NewMsgServer, keeper.NewQueryServer)}
	f.lab1 = s.Anchor("dr-a", "patient-1", "lab-1", lab)
	f.mh1 = s.Anchor("dr-a", "patient-1", "mh-1", recordstypes.Category_CATEGORY_MENTAL_HEALTH)
	return f
}

// grant: patient-1 grants grantee labs for TREAT until expires.
func (f *fixture) grant(t testing.TB, grantee string, expires time.Time) uint64 {
	t.Helper()
	return f.Grant("patient-1", grantee, []recordstypes.Category{lab}, nil, []consenttypes.Purpose{treat}, expires)
}

// request is accessor asking for a record of patient-1 for purpose.
func (f *fixture) request(accessor string, record recordstypes.RecordRef, purpose consenttypes.Purpose) (*types.MsgRequestAccessResponse, error) {
	return f.Msgs.RequestAccess(f.Ctx, &types.MsgRequestAccess{
		Accessor: f.Str(accessor), Patient: f.Str("patient-1"), Custodian: record.Custodian, RecordId: record.RecordId,
		Action: read, Purpose: purpose,
	})
}

// breakGlass is accessor's emergency access to a record of patient-1.
func (f *fixture) breakGlass(accessor string, record recordstypes.RecordRef) *types.MsgEmergencyAccess {
	return &types.MsgEmergencyAccess{
		Accessor: f.Str(accessor), Patient: f.Str("patient-1"), Custodian: record.Custodian, RecordId: record.RecordId,
		Reason: types.BreakGlassReason_BREAK_GLASS_REASON_PATIENT_UNABLE_TO_CONSENT, NoteHash: testutil.NoteHash("er note"),
	}
}

func (f *fixture) events(t testing.TB) []types.AccessEvent {
	t.Helper()
	gs, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	return gs.Events
}
