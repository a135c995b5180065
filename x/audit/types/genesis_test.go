package types_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// genesis: an allowed read of a record, a denied category request without
// a member, and a break-glass access.
func genesis() types.GenesisState {
	ac := addresscodec.NewBech32Codec(modulekit.Bech32Prefix)
	str := func(name string) string { return testutil.Bech32(ac, name) }
	allowed := types.AccessEvent{
		Id: 1, Patient: str("patient-1"), Custodian: str("hospital-a"), RecordId: testutil.RecordID("lab-1"),
		Category: recordstypes.Category_CATEGORY_LAB, Accessor: str("cardio"), AccessorMember: str("hospital-b"),
		Action: types.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT, Decision: types.Decision_DECISION_ALLOWED,
		GrantId: 1, Reason: consenttypes.DecisionReason_DECISION_REASON_GRANTED, Time: testutil.T0, Height: 10,
	}
	category := allowed
	category.Id, category.Custodian, category.RecordId, category.AccessorMember = 4, "", "", ""
	category.Category, category.Decision = recordstypes.Category_CATEGORY_IMAGING, types.Decision_DECISION_DENIED
	category.GrantId, category.Reason = 0, consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT
	glass := allowed
	glass.Id, glass.Accessor, glass.AccessorMember, glass.Purpose = 7, str("er-doc"), str("er-hospital"), consenttypes.Purpose_PURPOSE_ETREAT
	glass.Category, glass.Decision, glass.GrantId = recordstypes.Category_CATEGORY_RESTRICTED, types.Decision_DECISION_EMERGENCY, 0
	glass.Reason, glass.BreakGlassReason = consenttypes.DecisionReason_DECISION_REASON_EMERGENCY, types.BreakGlassReason_BREAK_GLASS_REASON_URGENT_TREATMENT
	glass.NoteHash = testutil.NoteHash("er note")
	return types.GenesisState{Events: []types.AccessEvent{allowed, category, glass}}
}

func TestGenesisValidate(t *testing.T) {
	ac := addresscodec.NewBech32Codec(modulekit.Bech32Prefix)
	require.NoError(t, types.DefaultGenesis().Validate(ac))
	require.NoError(t, genesis().Validate(ac), "ids may skip; only break-glass carries a justification; a category event names no record")

	cases := []struct {
		name   string
		mutate func(e []types.AccessEvent)
		err    *errorsmod.Error
	}{
		{"a zero id", func(e []types.AccessEvent) { e[0].Id = 0 }, types.ErrInvalidGenesis},
		{"a duplicate id", func(e []types.AccessEvent) { e[1].Id = e[0].Id }, types.ErrInvalidGenesis},
		{"ids out of order", func(e []types.AccessEvent) { e[2].Id = 2 }, types.ErrInvalidGenesis},
		{"an unknown decision", func(e []types.AccessEvent) { e[0].Decision = 9 }, types.ErrInvalidGenesis},
		{"an unknown decision reason", func(e []types.AccessEvent) { e[1].Reason = 99 }, types.ErrInvalidGenesis},
		{"an unknown action", func(e []types.AccessEvent) { e[1].Action = 6 }, types.ErrInvalidAction},
		{"an unknown purpose", func(e []types.AccessEvent) { e[0].Purpose = 99 }, consenttypes.ErrInvalidPurpose},
		{"a malformed accessor", func(e []types.AccessEvent) { e[1].Accessor = "cardio" }, types.ErrInvalidAddress},
		{"a malformed member", func(e []types.AccessEvent) { e[2].AccessorMember = "er-hospital" }, types.ErrInvalidAddress},
		{"a custodian without a record id", func(e []types.AccessEvent) { e[1].Custodian = e[0].Custodian }, recordstypes.ErrInvalidRecordID},
		{"a readable record id", func(e []types.AccessEvent) { e[0].RecordId = "lab-1" }, recordstypes.ErrInvalidRecordID},
		{"a sensitive category in the clear", func(e []types.AccessEvent) { e[0].Category = recordstypes.Category_CATEGORY_GENOMIC }, recordstypes.ErrSensitiveCategory},
		{"break-glass without a reason code", func(e []types.AccessEvent) { e[2].BreakGlassReason = 0 }, types.ErrInvalidJustification},
		{"break-glass with an unknown reason code", func(e []types.AccessEvent) { e[2].BreakGlassReason = 5 }, types.ErrInvalidJustification},
		{"break-glass with a 31-byte note hash", func(e []types.AccessEvent) { e[2].NoteHash = e[2].NoteHash[:31] }, types.ErrInvalidJustification},
		{"neither a record nor a category", func(e []types.AccessEvent) { e[1].Category = 0 }, types.ErrInvalidTarget},
		{"a reason that is never recorded", func(e []types.AccessEvent) {
			e[1].Reason = consenttypes.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE
		}, types.ErrInvalidGenesis},
		{"break-glass with a consent reason", func(e []types.AccessEvent) { e[2].Reason = consenttypes.DecisionReason_DECISION_REASON_GRANTED }, types.ErrInvalidGenesis},
		{"an allowed access claiming emergency", func(e []types.AccessEvent) { e[0].Reason = consenttypes.DecisionReason_DECISION_REASON_EMERGENCY }, types.ErrInvalidGenesis},
		{"break-glass that is not a read", func(e []types.AccessEvent) { e[2].Action = types.Action_ACTION_QUERY }, types.ErrInvalidGenesis},
		{"break-glass of a whole category", func(e []types.AccessEvent) { e[2].Custodian, e[2].RecordId = "", "" }, types.ErrInvalidGenesis},
		{"a note hash on an ordinary access", func(e []types.AccessEvent) { e[0].NoteHash = testutil.NoteHash("x") }, types.ErrInvalidGenesis},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := genesis()
			tc.mutate(gs.Events)
			testutil.RequireCode(t, gs.Validate(ac), tc.err)
		})
	}
}
