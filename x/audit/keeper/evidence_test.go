package keeper_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/audit/types"
)

// The evidence kind names the very key the keeper writes, and its subject
// bounds the patient and the time range [from, to).
func TestEvidenceKindNamesTheKeeperKey(t *testing.T) {
	f := newFixture(t)
	res, err := f.request("dr-a", f.lab1, treat)
	require.NoError(t, err)
	e, err := f.K.GetEvent(f.Ctx, res.EventId)
	require.NoError(t, err)
	raw := f.RequireEvidence(types.EventEvidence, strconv.FormatUint(res.EventId, 10), &e)

	at := e.Time.Format(time.RFC3339Nano)
	after := e.Time.Add(time.Nanosecond).Format(time.RFC3339Nano)
	patient := f.Str("patient-1")
	for subject, want := range map[*map[string]string]string{
		{"patient": patient}:                          "",
		{"patient": patient, "from": at, "to": after}: "",
		{"patient": f.Str("patient-2")}:               "patient",
		{"patient": patient, "from": after}:           "outside the range (from",
		{"patient": patient, "to": at}:                "outside the range (to",
		{"patient": patient, "from": "yesterday"}:     "subject from",
	} {
		err := types.EventEvidence.Match(*subject, raw)
		if want == "" {
			require.NoError(t, err, *subject)
		} else {
			require.ErrorContains(t, err, want, *subject)
		}
	}
}
