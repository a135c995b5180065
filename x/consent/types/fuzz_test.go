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
	hour := time.Hour
	p, g := sdk.AccAddress(testutil.Addr("patient")).String(), sdk.AccAddress(testutil.Addr("grantee")).String()
	seeds := []testutil.ValidatedMsg{
		&types.MsgGrantConsent{Patient: p, Grantee: g, Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
			Records: []recordstypes.RecordRef{{Custodian: g, RecordId: testutil.RecordID("lab-1")}}, Purposes: []types.Purpose{types.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Unix(1_800_000_000, 0).UTC()},
		&types.MsgRevokeConsent{Patient: p, GrantId: 1},
		&types.MsgRequestConsent{Requester: g, Patient: p, Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
			Purposes: []types.Purpose{types.Purpose_PURPOSE_TREAT}, Duration: time.Hour, NoteCode: types.RequestReason_REQUEST_REASON_REFERRAL},
		&types.MsgRespondConsentRequest{Patient: p, RequestId: 1, Response: types.Response_RESPONSE_APPROVE,
			Scope: &types.Scope{Purposes: []types.Purpose{types.Purpose_PURPOSE_TREAT}}, Duration: &hour},
		&types.MsgWithdrawConsentRequest{Requester: g, RequestId: 1},
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
		case *types.MsgRequestConsent:
			if len(m.Purposes) == 0 || m.Duration <= 0 || m.Duration > types.MaxRequestDuration || m.NoteCode == 0 || m.Requester == m.Patient {
				return fmt.Errorf("request with %d purposes, duration %s, reason %d", len(m.Purposes), m.Duration, m.NoteCode)
			}
		case *types.MsgRespondConsentRequest:
			if m.RequestId == 0 || (m.Response != types.Response_RESPONSE_APPROVE && (m.Scope != nil || m.Duration != nil)) {
				return fmt.Errorf("answer %s to request %d with scope %v", m.Response, m.RequestId, m.Scope)
			}
			if m.Duration != nil && (*m.Duration <= 0 || *m.Duration > types.MaxRequestDuration) {
				return fmt.Errorf("approved duration %s", *m.Duration)
			}
		case *types.MsgWithdrawConsentRequest:
			if m.RequestId == 0 {
				return fmt.Errorf("request 0")
			}
		}
		return nil
	})
}
