package keeper_test

import (
	"testing"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
)

// The README's error table is the module's: every registered code, its
// text and the gRPC status a query answers it with.
func TestREADMEErrorTable(t *testing.T) {
	testutil.RequireErrorTable(t, "../README.md", types.ModuleName)
}
