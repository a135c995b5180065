package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consent/types"
)

// Decision reasons are shown and exported in kebab case, one code each.
func TestDecisionReasonCodes(t *testing.T) {
	want := map[types.DecisionReason]string{
		types.DecisionReason_DECISION_REASON_UNSPECIFIED:                   "",
		types.DecisionReason_DECISION_REASON_GRANTED:                       "granted",
		types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT:             "no-matching-grant",
		types.DecisionReason_DECISION_REASON_GRANT_EXPIRED:                 "grant-expired",
		types.DecisionReason_DECISION_REASON_RECORD_NOT_FOUND:              "record-not-found",
		types.DecisionReason_DECISION_REASON_RECORD_OF_ANOTHER_PATIENT:     "record-of-another-patient",
		types.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE:           "accessor-not-active",
		types.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT: "restricted-needs-record-grant",
		types.DecisionReason_DECISION_REASON_EMERGENCY:                     "emergency",
	}
	require.Len(t, want, len(types.DecisionReason_name), "every reason is listed")
	for r, code := range want {
		require.Equal(t, code, r.Code(), r.String())
	}
}
