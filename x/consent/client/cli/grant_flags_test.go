package cli

import (
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var flagNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// parseGrant builds the grant message `tx consent grant` would send for args.
func parseGrant(t *testing.T, args ...string) (*types.MsgGrantConsent, error) {
	t.Helper()
	cmd := GrantCmd()
	require.NoError(t, cmd.ParseFlags(args))
	return grantMsg(cmd, "med1patient", "med1grantee", flagNow)
}

// Each flag mistake is refused with a message that says how to fix it.
func TestGrantFlagErrors(t *testing.T) {
	id := strings.Repeat("b", 40)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"--for and --until", []string{"--purposes", "treat", "--for", "1h", "--until", "2026-04-01T00:00:00Z"}, "give --for or --until, not both"},
		{"no end", []string{"--purposes", "treat", "--categories", "lab"}, "a grant needs an end: --for 7d or --until"},
		{"--until without a time", []string{"--purposes", "treat", "--until", "2026-04-01"}, "--until"},
		{"--for in days and hours", []string{"--purposes", "treat", "--for", "1d12h"}, `invalid duration "1d12h"`},
		{"record without custodian", []string{"--purposes", "treat", "--for", "1d", "--records", "/" + id}, "give a record as CUSTODIAN/RECORD_ID"},
		{"record without a slash", []string{"--purposes", "treat", "--for", "1d", "--records", "med1h" + id}, "give a record as CUSTODIAN/RECORD_ID"},
		{"upper-case record id", []string{"--purposes", "treat", "--for", "1d", "--records", "med1h/" + strings.ToUpper(id)}, "lower-case UUID or 32..64 lower-case hex digits"},
		{"second record bad", []string{"--purposes", "treat", "--for", "1d", "--records", "med1h/" + id + ",med1h/short"}, `"short"`},
		{"unknown category", []string{"--purposes", "treat", "--for", "1d", "--categories", "lab,bloodwork"},
			`unknown category "bloodwork": one of lab, imaging, medication, allergy`},
		{"unknown purpose", []string{"--purposes", "treat,research", "--for", "1d"},
			`unknown purpose "research": one of treat, etreat, caremgt, hpaymt`},
		{"unspecified purpose", []string{"--purposes", "unspecified", "--for", "1d"}, `unknown purpose "unspecified"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg, err := parseGrant(t, tc.args...)
			require.ErrorContains(t, err, tc.want)
			require.Nil(t, msg)
		})
	}
}

// Names are read in any case with '-' or '_'; --until keeps its instant in
// UTC; no --categories and no --records is the whole-record scope.
func TestGrantFlagSpellings(t *testing.T) {
	msg, err := parseGrant(t, "--purposes", "Treat, PURPOSE_ETREAT", "--categories", "VITAL_SIGNS,clinical-note,Allergy",
		"--until", "2026-03-08T14:00:00+02:00")
	require.NoError(t, err)
	require.Equal(t, []types.Purpose{types.Purpose_PURPOSE_TREAT, types.Purpose_PURPOSE_ETREAT}, msg.Purposes)
	require.Equal(t, []recordstypes.Category{recordstypes.Category_CATEGORY_VITAL_SIGNS, recordstypes.Category_CATEGORY_CLINICAL_NOTE,
		recordstypes.Category_CATEGORY_ALLERGY}, msg.Categories)
	require.Equal(t, time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC), msg.ExpiresAt)
	require.Equal(t, time.UTC, msg.ExpiresAt.Location())
	require.Equal(t, "med1patient", msg.Patient)
	require.Equal(t, "med1grantee", msg.Grantee)

	all, err := parseGrant(t, "--purposes", "treat", "--for", "2w")
	require.NoError(t, err)
	require.Nil(t, all.Categories)
	require.Nil(t, all.Records)
	require.Equal(t, flagNow.Add(14*24*time.Hour), all.ExpiresAt)
}

// The CLI parses a sensitive category name, and the message it builds is
// refused before the mempool: such records are granted only by --records.
func TestGrantFlagSensitiveCategoryRefusedByMessage(t *testing.T) {
	patient, grantee := sdk.AccAddress(testutil.Addr("patient-1")).String(), sdk.AccAddress(testutil.Addr("dr-a")).String()
	for _, name := range []string{"mental-health", "genomic", "reproductive", "substance-use", "sexual-health", "restricted"} {
		cmd := GrantCmd()
		require.NoError(t, cmd.ParseFlags([]string{"--purposes", "treat", "--for", "7d", "--categories", name}))
		msg, err := grantMsg(cmd, patient, grantee, flagNow)
		require.NoError(t, err, name)
		testutil.RequireCode(t, msg.ValidateBasic(), types.ErrRestricted, name)
	}
}
