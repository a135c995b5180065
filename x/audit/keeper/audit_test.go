package keeper_test

import (
	"crypto/sha256"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	medtestutil "github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/keeper"
	"github.com/medchain/medchain/x/audit/types"
	consentkeeper "github.com/medchain/medchain/x/consent/keeper"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordskeeper "github.com/medchain/medchain/x/records/keeper"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var t0 = time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)

const (
	treat  = consenttypes.Purpose_PURPOSE_TREAT
	read   = types.Action_ACTION_READ
	lab    = recordstypes.Category_CATEGORY_LAB
	denied = types.Decision_DECISION_DENIED
)

type fixture struct {
	ctx     sdk.Context
	k       keeper.Keeper
	consent consentkeeper.Keeper
	msgs    types.MsgServer
	queries types.QueryServer
	str     func(string) string
}

func addr(name string) sdk.AccAddress { return medtestutil.Addr(name) }

// newFixture: hospital-a holds lab-1 (lab) and mh-1 (mental health) of
// patient-1, with clinician dr-a and data gateway gw-a; hospital-b has
// cardiologist cardio and gateway gw-b; er-hospital (emergency role) has
// er-doc.
func newFixture(t testing.TB) *fixture {
	keys := storetypes.NewKVStoreKeys(consortiumtypes.StoreKey, recordstypes.StoreKey, consenttypes.StoreKey, types.StoreKey)
	return newFixtureOn(t, keys, testutil.DefaultContextWithKeys(keys, nil, nil))
}

func newFixtureOn(t testing.TB, keys map[string]*storetypes.KVStoreKey, ctx sdk.Context) *fixture {
	ctx = ctx.WithBlockTime(t0).WithBlockHeight(10)
	ac := addresscodec.NewBech32Codec("med")
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	str := func(name string) string { return medtestutil.Bech32(ac, name) }
	authority, _ := ac.BytesToString(authtypes.NewModuleAddress(consortiumtypes.ModuleName))
	ck := consortiumkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[consortiumtypes.StoreKey]), ac, medtestutil.NewAccounts(), authority)
	rk := recordskeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[recordstypes.StoreKey]), ac, ck)
	cons := consentkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[consenttypes.StoreKey]), ac, ck, rk)
	k := keeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[types.StoreKey]), ac, cons, ck, rk)

	member := func(name string, key byte, roles ...consortiumtypes.Role) consortiumtypes.Member {
		return medtestutil.Member(ac, name, key, roles...)
	}
	agent := func(name, member string, role consortiumtypes.AgentRole) consortiumtypes.Agent {
		return medtestutil.Agent(ac, name, member, role)
	}
	clin, gw := consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN, consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY
	_, err := ck.InitGenesis(ctx, consortiumtypes.GenesisState{
		Params: consortiumtypes.DefaultParams(),
		Members: []consortiumtypes.Member{
			member("hospital-a", 1, consortiumtypes.Role_ROLE_HOSPITAL),
			member("hospital-b", 2, consortiumtypes.Role_ROLE_HOSPITAL),
			member("er-hospital", 3, consortiumtypes.Role_ROLE_HOSPITAL, consortiumtypes.Role_ROLE_EMERGENCY),
		},
		Agents: []consortiumtypes.Agent{
			agent("dr-a", "hospital-a", clin), agent("gw-a", "hospital-a", gw),
			agent("cardio", "hospital-b", clin), agent("gw-b", "hospital-b", gw), agent("er-doc", "er-hospital", clin),
		},
	})
	require.NoError(t, err)
	require.NoError(t, cons.Params.Set(ctx, consenttypes.DefaultParams()))
	for id, c := range map[string]recordstypes.Category{"lab-1": lab, "mh-1": recordstypes.Category_CATEGORY_MENTAL_HEALTH} {
		d := sha256.Sum256([]byte(id))
		require.NoError(t, rk.Anchor(ctx, addr("dr-a"), addr("patient-1"), id, c,
			recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: d[:]}, "https://fhir.a.example/"+id))
	}
	return &fixture{ctx: ctx, k: k, consent: cons, msgs: keeper.NewMsgServer(k), queries: keeper.NewQueryServer(k), str: str}
}

// grant: patient-1 grants grantee labs for TREAT until expires.
func (f *fixture) grant(t *testing.T, grantee string, expires time.Time) uint64 {
	id, err := f.consent.Grant(f.ctx, consentkeeper.GrantRequest{
		Patient: addr("patient-1"), Grantee: addr(grantee), Categories: []recordstypes.Category{lab},
		Purposes: []consenttypes.Purpose{treat}, ExpiresAt: expires,
	})
	require.NoError(t, err)
	return id
}

func (f *fixture) request(signer, accessor, record string, purpose consenttypes.Purpose) (*types.MsgRequestAccessResponse, error) {
	return f.msgs.RequestAccess(f.ctx, &types.MsgRequestAccess{
		Signer: f.str(signer), Accessor: f.str(accessor), Patient: f.str("patient-1"),
		RecordId: record, Action: read, Purpose: purpose,
	})
}

func TestDecisionMatrix(t *testing.T) {
	f := newFixture(t)
	week := t0.Add(7 * 24 * time.Hour)
	cardioGrant := f.grant(t, "cardio", week)

	cases := []struct {
		name, signer, accessor, record string
		purpose                        consenttypes.Purpose
		setup                          func()
		want                           types.Decision
		grant                          uint64
	}{
		{name: "allowed by grant", signer: "cardio", accessor: "cardio", record: "lab-1", purpose: treat, want: types.Decision_DECISION_ALLOWED, grant: cardioGrant},
		{name: "denied without grant", signer: "dr-a", accessor: "dr-a", record: "lab-1", purpose: treat, want: denied},
		{name: "denied out of scope", signer: "cardio", accessor: "cardio", record: "mh-1", purpose: treat, want: denied},
		{name: "denied for the wrong purpose", signer: "cardio", accessor: "cardio", record: "lab-1", purpose: consenttypes.Purpose_PURPOSE_HRESCH, want: denied},
		{name: "gateway of the custodian naming the accessor", signer: "gw-a", accessor: "cardio", record: "lab-1", purpose: treat, want: types.Decision_DECISION_ALLOWED, grant: cardioGrant},
		{name: "denied expired", signer: "er-doc", accessor: "er-doc", record: "lab-1", purpose: treat, setup: func() {
			f.grant(t, "er-doc", t0.Add(time.Hour))
			f.ctx = f.ctx.WithBlockTime(t0.Add(time.Hour))
		}, want: denied},
		{name: "denied revoked", signer: "dr-a", accessor: "dr-a", record: "lab-1", purpose: treat, setup: func() {
			id := f.grant(t, "dr-a", week)
			require.NoError(t, f.consent.Revoke(f.ctx, addr("patient-1"), id))
		}, want: denied},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			res, err := f.request(tc.signer, tc.accessor, tc.record, tc.purpose)
			require.NoError(t, err, "a denial is a successful, recorded transaction")
			require.Equal(t, tc.want, res.Decision, res.Reason)
			require.Equal(t, tc.grant, res.GrantId)
			require.NotEmpty(t, res.Reason)
			require.EqualValues(t, i+1, res.EventId)
			e, err := f.k.GetEvent(f.ctx, res.EventId)
			require.NoError(t, err)
			require.Equal(t, tc.want, e.Decision)
			require.Equal(t, f.str(tc.accessor), e.Accessor)
			require.Equal(t, f.str(tc.signer), e.Signer)
			require.Equal(t, f.ctx.BlockTime(), e.Time)
		})
	}
}

func TestSignerRules(t *testing.T) {
	f := newFixture(t)
	f.grant(t, "cardio", t0.Add(24*time.Hour))
	for name, tc := range map[string]struct{ signer, accessor, record string }{
		"gateway of another member":  {"gw-b", "cardio", "lab-1"},
		"a clinician naming another": {"dr-a", "cardio", "lab-1"},
		"gateway without a record":   {"gw-a", "cardio", ""},
		"stranger for itself":        {"stranger", "stranger", "lab-1"},
	} {
		t.Run(name, func(t *testing.T) {
			msg := &types.MsgRequestAccess{Signer: f.str(tc.signer), Accessor: f.str(tc.accessor), Patient: f.str("patient-1"),
				RecordId: tc.record, Category: lab, Action: read, Purpose: treat}
			_, err := f.msgs.RequestAccess(f.ctx, msg)
			require.ErrorIs(t, err, types.ErrNotAllowed)
		})
	}
	_, err := f.msgs.RequestAccess(f.ctx, &types.MsgRequestAccess{Signer: f.str("cardio"), Accessor: f.str("cardio"), Patient: f.str("patient-1"), RecordId: "lab-1", Purpose: treat})
	require.ErrorIs(t, err, types.ErrInvalidAction)
	_, err = f.msgs.RequestAccess(f.ctx, &types.MsgRequestAccess{Signer: f.str("cardio"), Accessor: f.str("cardio"), Patient: f.str("patient-1"), Action: read, Purpose: treat})
	require.ErrorIs(t, err, types.ErrInvalidTarget)
	_, err = f.request("cardio", "cardio", "lab-1", 0)
	require.ErrorIs(t, err, consenttypes.ErrInvalidPurpose)
	events, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Empty(t, events.Events, "refused requests record nothing")
}

func TestBreakGlass(t *testing.T) {
	f := newFixture(t)
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	msg := func(signer, accessor, record, why string) *types.MsgEmergencyAccess {
		return &types.MsgEmergencyAccess{Signer: f.str(signer), Accessor: f.str(accessor), Patient: f.str("patient-1"), RecordId: record, Justification: why}
	}
	res, err := f.msgs.EmergencyAccess(f.ctx, msg("er-doc", "er-doc", "mh-1", "unconscious patient, suspected overdose"))
	require.NoError(t, err)
	e, err := f.k.GetEvent(f.ctx, res.EventId)
	require.NoError(t, err)
	require.Equal(t, types.Decision_DECISION_EMERGENCY, e.Decision)
	require.Equal(t, consenttypes.Purpose_PURPOSE_ETREAT, e.Purpose)
	require.Equal(t, f.str("er-hospital"), e.AccessorMember)
	require.Equal(t, "unconscious patient, suspected overdose", e.Justification)
	var kinds []string
	for _, ev := range f.ctx.EventManager().Events() {
		kinds = append(kinds, ev.Type)
	}
	require.Contains(t, kinds, "medchain.audit.v1.EventEmergencyAccess")

	for name, tc := range map[string]struct {
		m   *types.MsgEmergencyAccess
		err *errorsmod.Error
	}{
		"agent of a member without the emergency role":  {msg("cardio", "cardio", "lab-1", "why"), types.ErrNotEmergencyMember},
		"the emergency member's operator, not an agent": {msg("er-hospital", "er-hospital", "lab-1", "why"), types.ErrNotEmergencyMember},
		"signed for someone else":                       {msg("er-doc", "cardio", "lab-1", "why"), types.ErrNotAllowed},
		"no justification":                              {msg("er-doc", "er-doc", "lab-1", "  "), types.ErrInvalidJustification},
		"justification too long":                        {msg("er-doc", "er-doc", "lab-1", string(make([]byte, 513))), types.ErrInvalidJustification},
		"unknown record":                                {msg("er-doc", "er-doc", "nope", "why"), types.ErrRecordNotFound},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.msgs.EmergencyAccess(f.ctx, tc.m)
			require.ErrorIs(t, err, tc.err)
		})
	}
	list, err := f.queries.EmergencyEvents(f.ctx, &types.QueryEmergencyEventsRequest{})
	require.NoError(t, err)
	require.Len(t, list.Events, 1)
}

func TestQueries(t *testing.T) {
	f := newFixture(t)
	f.grant(t, "cardio", t0.Add(24*time.Hour))
	for i, tc := range []struct{ who, record string }{{"cardio", "lab-1"}, {"cardio", "mh-1"}, {"dr-a", "lab-1"}, {"cardio", "lab-1"}} {
		f.ctx = f.ctx.WithBlockTime(t0.Add(time.Duration(i) * time.Minute))
		_, err := f.request(tc.who, tc.who, tc.record, treat)
		require.NoError(t, err)
	}
	_, err := f.msgs.EmergencyAccess(f.ctx, &types.MsgEmergencyAccess{Signer: f.str("er-doc"), Accessor: f.str("er-doc"), Patient: f.str("patient-1"), RecordId: "mh-1", Justification: "cardiac arrest"})
	require.NoError(t, err)

	ids := func(res *types.QueryEventsResponse, err error) []uint64 {
		require.NoError(t, err)
		var out []uint64
		for _, e := range res.Events {
			out = append(out, e.Id)
		}
		return out
	}
	p := f.str("patient-1")
	require.Equal(t, []uint64{1, 2, 3, 4, 5}, ids(f.queries.EventsByPatient(f.ctx, &types.QueryEventsByPatientRequest{Patient: p})))
	require.Equal(t, []uint64{5, 4}, ids(f.queries.EventsByPatient(f.ctx, &types.QueryEventsByPatientRequest{Patient: p, Pagination: &query.PageRequest{Reverse: true, Limit: 2}})))
	require.Equal(t, []uint64{2, 3}, ids(f.queries.EventsByPatient(f.ctx, &types.QueryEventsByPatientRequest{Patient: p, Filter: &types.EventFilter{Decision: denied}})))
	from, to := t0.Add(time.Minute), t0.Add(3*time.Minute)
	require.Equal(t, []uint64{2, 3}, ids(f.queries.EventsByPatient(f.ctx, &types.QueryEventsByPatientRequest{Patient: p, Filter: &types.EventFilter{From: &from, To: &to}})))
	require.Equal(t, []uint64{1, 2, 4}, ids(f.queries.EventsByAccessor(f.ctx, &types.QueryEventsByAccessorRequest{Accessor: f.str("cardio")})))
	require.Equal(t, []uint64{2, 5}, ids(f.queries.EventsByRecord(f.ctx, &types.QueryEventsByRecordRequest{RecordId: "mh-1"})))
	require.Equal(t, []uint64{3}, ids(f.queries.EventsByMember(f.ctx, &types.QueryEventsByMemberRequest{Member: f.str("hospital-a")})))
	require.Equal(t, []uint64{5}, ids(f.queries.EmergencyEvents(f.ctx, &types.QueryEmergencyEventsRequest{})))
	_, err = f.queries.Event(f.ctx, &types.QueryEventRequest{EventId: 99})
	require.ErrorContains(t, err, "not found")

	// The trail survives export and import unchanged.
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *gs))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)
	require.Equal(t, []uint64{5}, ids(g.queries.EmergencyEvents(g.ctx, &types.QueryEmergencyEventsRequest{})))
}
