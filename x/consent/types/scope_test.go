package types_test

import (
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var (
	treat     = []types.Purpose{types.Purpose_PURPOSE_TREAT}
	custodian = sdk.AccAddress(testutil.Addr("hospital-a")).String()
)

// A record reference is a custodian address of this chain and a lower-case
// UUID or 32..64 lower-case hex digits; anything else is code 20.
func TestRecordRefFormat(t *testing.T) {
	other := sdk.MustBech32ifyAddressBytes("cosmos", testutil.Addr("hospital-a"))
	uuid := "0f8fad5b-d9cb-469f-a165-70867728950e"
	cases := []struct {
		name, custodian, id string
		ok                  bool
	}{
		{"uuid", custodian, uuid, true},
		{"32 hex digits", custodian, strings.Repeat("a", 32), true},
		{"64 hex digits", custodian, strings.Repeat("0", 64), true},
		{"31 hex digits", custodian, strings.Repeat("a", 31), false},
		{"65 hex digits", custodian, strings.Repeat("a", 65), false},
		{"upper-case hex", custodian, strings.Repeat("A", 32), false},
		{"upper-case uuid", custodian, strings.ToUpper(uuid), false},
		{"text before the hex digits", custodian, "lab-" + strings.Repeat("a", 32), false},
		{"empty id", custodian, "", false},
		{"no custodian", "", uuid, false},
		{"custodian of another chain", other, uuid, false},
	}
	for _, tc := range cases {
		err := types.ValidateRecordRef(recordstypes.RecordRef{Custodian: tc.custodian, RecordId: tc.id})
		if tc.ok {
			require.NoError(t, err, tc.name)
			continue
		}
		testutil.RequireCode(t, err, types.ErrInvalidRecord, tc.name)
	}
}

// The stateless message checks give the README codes.
func TestMsgValidateBasicCodes(t *testing.T) {
	patient, grantee := sdk.AccAddress(testutil.Addr("patient-1")).String(), custodian
	grant := func(mutate func(m *types.MsgGrantConsent)) error {
		m := &types.MsgGrantConsent{Patient: patient, Grantee: grantee, Purposes: treat, ExpiresAt: time.Unix(1_800_000_000, 0)}
		mutate(m)
		return m.ValidateBasic()
	}
	require.NoError(t, grant(func(*types.MsgGrantConsent) {}))
	cases := []struct {
		name string
		err  error
		want *errorsmod.Error
	}{
		{"grant: expiry at the unix epoch", grant(func(m *types.MsgGrantConsent) { m.ExpiresAt = time.Unix(0, 0) }), types.ErrExpiryInPast},
		{"grant: patient of another chain", grant(func(m *types.MsgGrantConsent) {
			m.Patient = sdk.MustBech32ifyAddressBytes("cosmos", testutil.Addr("patient-1"))
		}), types.ErrInvalidAddress},
		{"revoke: grant 0", (&types.MsgRevokeConsent{Patient: patient}).ValidateBasic(), types.ErrGrantNotFound},
		{"revoke: no patient", (&types.MsgRevokeConsent{GrantId: 1}).ValidateBasic(), types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		testutil.RequireCode(t, tc.err, tc.want, tc.name)
	}
	require.NoError(t, (&types.MsgRevokeConsent{Patient: patient, GrantId: 1}).ValidateBasic())
}
