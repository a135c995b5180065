package modulekit_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
)

func TestCheckNoteHashTakesOnlyASha256(t *testing.T) {
	require.NoError(t, modulekit.CheckNoteHash(errTestAddress, bytes.Repeat([]byte{1}, 32)))
	for _, n := range []int{0, 1, 31, 33, 64} {
		err := modulekit.CheckNoteHash(errTestAddress, make([]byte, n))
		require.ErrorIs(t, err, errTestAddress, "%d bytes", n)
		require.ErrorContains(t, err, "32-byte sha-256")
	}
}

// A justification needs a named reason code (not 0, not one the enum lacks)
// and a note hash; the error names the act.
func TestCheckJustification(t *testing.T) {
	names := map[int32]string{0: "REASON_UNSPECIFIED", 1: "REASON_TYPO", 2: "REASON_CORRECTION"}
	note := bytes.Repeat([]byte{9}, 32)
	require.NoError(t, modulekit.CheckJustification(errTestAddress, "amendment", names, int32(2), note))
	for _, reason := range []int32{0, 3, -1} {
		err := modulekit.CheckJustification(errTestAddress, "amendment", names, reason, note)
		require.ErrorIs(t, err, errTestAddress)
		require.ErrorContains(t, err, "unknown amendment reason")
	}
	err := modulekit.CheckJustification(errTestAddress, "break-glass", names, int32(1), note[:31])
	require.ErrorIs(t, err, errTestAddress)
	require.ErrorContains(t, err, "note hash")
}
