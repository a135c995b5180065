package keeper_test

import (
	"reflect"
	"testing"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/keeper"
	"github.com/medchain/medchain/x/consortium/types"
)

// The README's tables of errors, collections, parameters, messages,
// queries and events are the module's, row for row.
func TestREADME(t *testing.T) {
	testutil.RequireREADME(t, "../README.md", testutil.ModuleDocs{
		Codespace: types.ModuleName,
		Package:   "medchain.consortium.v1",
		Keeper:    keeper.Keeper{},
		Params:    true,
		Msg:       reflect.TypeFor[types.MsgServer](),
		Query:     reflect.TypeFor[types.QueryServer](),
	})
}
