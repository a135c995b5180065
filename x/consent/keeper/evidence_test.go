package keeper_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/consent/types"
)

// The evidence kinds name the very keys the keeper writes.
func TestEvidenceKindsNameTheKeeperKeys(t *testing.T) {
	f, id := granted(t, "hospital-b")
	g, err := f.K.GetGrant(f.Ctx, id)
	require.NoError(t, err)
	raw := f.RequireEvidence(types.GrantEvidence, strconv.FormatUint(id, 10), &g)
	require.NoError(t, types.GrantEvidence.Match(map[string]string{"patient": f.Str("patient-1")}, raw))
	require.ErrorContains(t, types.GrantEvidence.Match(map[string]string{"patient": f.Str("patient-2")}, raw), "patient")

	rid := f.ask(t, f.requestMsg("dr-b", "patient-1"))
	r := f.request(t, rid)
	raw = f.RequireEvidence(types.RequestEvidence, strconv.FormatUint(rid, 10), &r)
	require.NoError(t, types.RequestEvidence.Match(map[string]string{"patient": f.Str("patient-1")}, raw))
	require.ErrorContains(t, types.RequestEvidence.Match(map[string]string{"patient": f.Str("patient-2")}, raw), "patient")

	for _, bad := range []string{"", "0", "01", "-1", "x", "18446744073709551616"} {
		_, err := types.GrantEvidence.Key(bad)
		require.Error(t, err, bad)
	}
}
