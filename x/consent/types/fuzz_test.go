package types_test

import (
	"fmt"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Arbitrary bytes decoded as any consent message never panic its checks,
// and whatever passes them keeps the scope bounds.
//
//	go test -fuzz FuzzMsgValidation -fuzztime 10m ./x/consent/types
func FuzzMsgValidation(f *testing.F) {
	p, g := sdk.AccAddress(testutil.Addr("patient")).String(), sdk.AccAddress(testutil.Addr("grantee")).String()
	seeds := []testutil.ValidatedMsg{
		&types.MsgGrantConsent{Patient: p, Grantee: g, Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
			Records: []recordstypes.RecordRef{{Custodian: g, RecordId: testutil.RecordID("lab-1")}}, Purposes: []types.Purpose{types.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Unix(1_800_000_000, 0).UTC()},
		&types.MsgRevokeConsent{Patient: p, GrantId: 1},
	}
	testutil.FuzzValidateBasic(f, seeds, func(m testutil.ValidatedMsg) error {
		switch m := m.(type) {
		case *types.MsgGrantConsent:
			if len(m.Categories) > types.MaxCategories || len(m.Records) > types.MaxRecords ||
				len(m.Purposes) == 0 || len(m.Purposes) > types.MaxPurposes {
				return fmt.Errorf("scope of %d categories, %d records, %d purposes", len(m.Categories), len(m.Records), len(m.Purposes))
			}
			for _, c := range m.Categories {
				if c.IsSensitive() || c == recordstypes.Category_CATEGORY_RESTRICTED {
					return fmt.Errorf("category grant of %s", c)
				}
			}
			for _, r := range m.Records {
				if recordstypes.ValidateRecordID(r.RecordId) != nil {
					return fmt.Errorf("record id %q", r.RecordId)
				}
			}
			if m.Patient == m.Grantee || m.ExpiresAt.IsZero() {
				return fmt.Errorf("grant to self or without expiry")
			}
		case *types.MsgRevokeConsent:
			if m.GrantId == 0 {
				return fmt.Errorf("grant 0")
			}
		}
		return nil
	})
}
