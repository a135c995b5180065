package cli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// export runs `medchaind consent export args...` with no node to ask.
func export(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := Cmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(append([]string{"export"}, args...))
	err := cmd.Execute()
	return out.String(), err
}

// Export takes a grant id or --patient, exactly one of them; the choice is
// refused before any node is asked.
func TestExportArguments(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"both an id and --patient": {[]string{"12", "--patient", "med1patient"}, "give either a grant id or --patient"},
		"neither":                  {nil, "give either a grant id or --patient"},
		"an id that is no number":  {[]string{"twelve"}, `grant id "twelve"`},
		"two ids":                  {[]string{"1", "2"}, "accepts at most 1 arg(s), received 2"},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := export(t, tc.args...)
			require.ErrorContains(t, err, tc.want, out)
			require.NotContains(t, out, `"resourceType"`, "nothing is printed")
		})
	}
}
