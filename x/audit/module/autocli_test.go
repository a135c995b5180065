package module_test

import (
	"testing"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/module"
)

func TestAutoCLINamesRealMethodsAndFields(t *testing.T) {
	testutil.RequireAutoCLI(t, module.AppModule{}.AutoCLIOptions())
}
