package types_test

import (
	"fmt"
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
	seeds := []testutil.ValidatedMsg{
		&types.MsgRequestAccess{Signer: a, Accessor: a, Patient: p, RecordId: "lab-1", Action: types.Action_ACTION_READ,
			Purpose: consenttypes.Purpose_PURPOSE_TREAT},
		&types.MsgEmergencyAccess{Signer: a, Accessor: a, Patient: p, Category: recordstypes.Category_CATEGORY_LAB, Justification: "unresponsive"},
	}
	testutil.FuzzValidateBasic(f, seeds, func(m testutil.ValidatedMsg) error {
		var id string
		var category recordstypes.Category
		switch m := m.(type) {
		case *types.MsgRequestAccess:
			id, category = m.RecordId, m.Category
			if m.Action == types.Action_ACTION_UNSPECIFIED || m.Purpose == consenttypes.Purpose_PURPOSE_UNSPECIFIED {
				return fmt.Errorf("action %d purpose %d", m.Action, m.Purpose)
			}
		case *types.MsgEmergencyAccess:
			id, category = m.RecordId, m.Category
			if len(m.Justification) == 0 || len(m.Justification) > types.MaxJustificationLength {
				return fmt.Errorf("justification of %d bytes", len(m.Justification))
			}
		}
		if id == "" && (category == recordstypes.Category_CATEGORY_UNSPECIFIED || recordstypes.Category_name[int32(category)] == "") {
			return fmt.Errorf("no record and category %d", category)
		}
		if len(id) > recordstypes.MaxRecordIDLength {
			return fmt.Errorf("record id of %d bytes", len(id))
		}
		return nil
	})
}
