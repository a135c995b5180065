package cli

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
)

// export runs `medchaind consent export args...` with no node to ask.
func export(t *testing.T, args ...string) (string, error) {
	t.Helper()
	return testutil.RunCmd(Cmd(), append([]string{"export"}, args...)...)
}

// Export takes a grant (or, with --requests, a request) id or --patient,
// exactly one of them; the choice is refused before any node is asked.
func TestExportArguments(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"both an id and --patient":  {[]string{"12", "--patient", "med1patient"}, "give either a grant id or --patient"},
		"neither":                   {nil, "give either a grant id or --patient"},
		"an id that is no number":   {[]string{"twelve"}, `grant id "twelve"`},
		"a negative id":             {[]string{"-1"}, "unknown shorthand flag"},
		"two ids":                   {[]string{"1", "2"}, "accepts at most 1 arg(s), received 2"},
		"a request and --patient":   {[]string{"4", "--patient", "med1patient", "--requests"}, "give either a request id or --patient"},
		"requests of no one":        {[]string{"--requests"}, "give either a request id or --patient"},
		"a request id of no number": {[]string{"four", "--requests"}, `request id "four"`},
		"a request id too large":    {[]string{"18446744073709551616", "--requests"}, `request id "18446744073709551616": strconv.ParseUint: parsing "18446744073709551616": value out of range`},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := export(t, tc.args...)
			require.ErrorContains(t, err, tc.want, out)
			require.NotContains(t, out, `"resourceType"`, "nothing is printed")
		})
	}
}
