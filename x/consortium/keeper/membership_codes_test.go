package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// At the min_validators floor a passed proposal may not take a validator
// away: suspending or removing a validating member, or updating it without
// its consensus key, is refused with code 36 and changes nothing. The same
// change goes through one validator above the floor, and a change that
// keeps the count (a non-validator, a kept key) goes through at it.
func TestValidatorFloorCodes(t *testing.T) {
	floor := func(min uint32) func(*testutil.Stack) {
		return func(s *testutil.Stack) { s.Genesis.Params.MinValidators = min }
	}
	for name, change := range map[string]func(f *fixture) error{
		"suspend": func(f *fixture) error { return f.K.SuspendMember(f.Ctx, f.Addr("hospital-a")) },
		"remove":  func(f *fixture) error { return f.K.RemoveMember(f.Ctx, f.Addr("hospital-a")) },
		"update without its key": func(f *fixture) error {
			return f.K.UpdateMember(f.Ctx, f.NewMember("hospital-a", false, hospital, emergency))
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, floor(2))
			before := testutil.ConsortiumGenesis.MustExport(t, f.Stack)
			testutil.RequireCode(t, change(f), types.ErrTooFewValidators)
			require.Equal(t, before, testutil.ConsortiumGenesis.MustExport(t, f.Stack), "a refused change changes nothing")
			require.True(t, f.allowed(t, "hospital-a"))

			require.NoError(t, change(newFixture(t, floor(1))), "one validator above the floor")
		})
	}
	f := newFixture(t, floor(2))
	require.NoError(t, f.K.UpdateMember(f.Ctx, f.NewMember("hospital-a", true, hospital)), "a kept key keeps the count")
	require.NoError(t, f.K.SuspendMember(f.Ctx, f.Addr("regulator")), "a regulator does not validate")
	require.NoError(t, f.K.RemoveMember(f.Ctx, f.Addr("regulator")))
}

// Removal is final: removing a removed member again, or updating it, is
// refused with code 38; reinstating it is refused too, as it is not
// suspended. None of them changes anything.
func TestRemovedMemberCodes(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.K.RemoveMember(f.Ctx, f.Addr("regulator")))
	before := testutil.ConsortiumGenesis.MustExport(t, f.Stack)
	testutil.RequireCode(t, f.K.RemoveMember(f.Ctx, f.Addr("regulator")), types.ErrMemberRemoved)
	testutil.RequireCode(t, f.K.UpdateMember(f.Ctx, f.NewMember("regulator", false, types.Role_ROLE_REGULATOR)), types.ErrMemberRemoved)
	testutil.RequireCode(t, f.K.ReinstateMember(f.Ctx, f.Addr("regulator")), types.ErrMemberNotActive)
	testutil.RequireCode(t, f.K.SuspendMember(f.Ctx, f.Addr("regulator")), types.ErrMemberNotActive)
	require.Equal(t, before, testutil.ConsortiumGenesis.MustExport(t, f.Stack))
	require.False(t, f.allowed(t, "regulator"), "its operator never signs again")

	for name, err := range map[string]error{
		"remove":    f.K.RemoveMember(f.Ctx, f.Addr("stranger")),
		"reinstate": f.K.ReinstateMember(f.Ctx, f.Addr("stranger")),
		"suspend":   f.K.SuspendMember(f.Ctx, f.Addr("stranger")),
		"update":    f.K.UpdateMember(f.Ctx, f.NewMember("stranger", false, types.Role_ROLE_LAB)),
	} {
		testutil.RequireCode(t, err, types.ErrMemberNotFound, name)
	}
	testutil.RequireCode(t, f.K.UpdateMember(f.Ctx, types.Member{Operator: "med1nope"}), types.ErrInvalidAddress)
}
