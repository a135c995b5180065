package testutil

import (
	"fmt"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"
)

// ParamCase changes the default parameters one way; OK says whether the
// result is valid.
type ParamCase[P any] struct {
	Name string
	Set  func(*P)
	OK   bool
}

// Param is a single ParamCase.
func Param[P any](name string, set func(*P), ok bool) []ParamCase[P] {
	return []ParamCase[P]{{Name: name, Set: set, OK: ok}}
}

type integer interface {
	~int32 | ~int64 | ~uint32 | ~uint64
}

// Range is the ParamCases of the parameter name, which field points to and
// which is valid from lo to hi: lo and hi are accepted, lo-1 and hi+1
// refused, where the field's type holds them.
func Range[P any, N integer](name string, field func(*P) *N, lo, hi N) []ParamCase[P] {
	one := func(v N, ok bool) ParamCase[P] {
		return ParamCase[P]{Name: fmt.Sprintf("%s %v", name, v), Set: func(p *P) { *field(p) = v }, OK: ok}
	}
	cases := []ParamCase[P]{one(lo, true), one(hi, true)}
	if lo-1 < lo {
		cases = append(cases, one(lo-1, false))
	}
	if hi+1 > hi {
		cases = append(cases, one(hi+1, false))
	}
	return cases
}

// RequireParamCases validates each case's change of defaults() in its own
// subtest: valid, or refused with want.
func RequireParamCases[P interface{ Validate() error }](t *testing.T, defaults func() P, want *errorsmod.Error, groups ...[]ParamCase[P]) {
	t.Helper()
	for _, cases := range groups {
		for _, tc := range cases {
			t.Run(tc.Name, func(t *testing.T) {
				p := defaults()
				tc.Set(&p)
				err := p.Validate()
				if tc.OK {
					require.NoError(t, err)
					return
				}
				RequireCode(t, err, want)
			})
		}
	}
}
