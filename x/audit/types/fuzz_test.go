package types_test

import (
	"fmt"
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Arbitrary bytes decoded as any audit message never panic its checks, and
// whatever passes them names a well-formed target and bounded text.
//
//	go test -fuzz FuzzMsgValidation -fuzztime 10m ./x/audit/types
func FuzzMsgValidation(f *testing.F) {
	a, p := sdk.AccAddress(testutil.Addr("accessor")).String(), sdk.AccAddress(testutil.Addr("patient")).String()
	c := sdk.AccAddress(testutil.Addr("custodian")).String()
	seeds := []testutil.ValidatedMsg{
		&types.MsgRequestAccess{Accessor: a, Patient: p, Custodian: c, RecordId: testutil.RecordID("lab-1"), Action: types.Action_ACTION_READ,
			Purpose: consenttypes.Purpose_PURPOSE_TREAT},
		&types.MsgRequestAccess{Accessor: a, Patient: p, Category: recordstypes.Category_CATEGORY_LAB, Action: types.Action_ACTION_COPY,
			Purpose: consenttypes.Purpose_PURPOSE_HPAYMT},
		&types.MsgEmergencyAccess{Accessor: a, Patient: p, Custodian: c, RecordId: testutil.RecordID("lab-1"),
			Reason: types.BreakGlassReason_BREAK_GLASS_REASON_LIFE_THREATENING, NoteHash: testutil.NoteHash("er note")},
	}
	testutil.FuzzValidateBasic(f, seeds, func(m testutil.ValidatedMsg) error {
		switch m := m.(type) {
		case *types.MsgRequestAccess:
			if m.Action == types.Action_ACTION_UNSPECIFIED || m.Purpose == consenttypes.Purpose_PURPOSE_UNSPECIFIED {
				return fmt.Errorf("action %d purpose %d", m.Action, m.Purpose)
			}
			if m.RecordId == "" && (m.Category == recordstypes.Category_CATEGORY_UNSPECIFIED || recordstypes.Category_name[int32(m.Category)] == "") {
				return fmt.Errorf("no record and category %d", m.Category)
			}
			return opaque(m.Custodian, m.RecordId)
		case *types.MsgEmergencyAccess:
			if m.Reason == types.BreakGlassReason_BREAK_GLASS_REASON_UNSPECIFIED || len(m.NoteHash) != types.NoteHashSize {
				return fmt.Errorf("break-glass reason %d, note hash of %d bytes", m.Reason, len(m.NoteHash))
			}
			if m.RecordId == "" {
				return fmt.Errorf("break-glass without a record")
			}
			return opaque(m.Custodian, m.RecordId)
		}
		return nil
	})
}

// opaque: a named record has a custodian and an id of at most the maximum
// length drawn from the opaque-id alphabet.
func opaque(custodian, id string) error {
	if id == "" {
		return nil
	}
	if custodian == "" || len(id) > recordstypes.MaxRecordIDLength {
		return fmt.Errorf("record %q/%q", custodian, id)
	}
	if strings.Trim(id, "0123456789abcdef-") != "" {
		return fmt.Errorf("record id %q is not opaque", id)
	}
	return nil
}
