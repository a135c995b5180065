package cli

import (
	"encoding/json"
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/pairwise"
	"github.com/medchain/medchain/testutil"
)

const mnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

// run runs `medchaind patient args...` with stdin and returns its output.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := PatientCmd()
	cmd.SetIn(strings.NewReader(stdin))
	return testutil.RunCmd(cmd, args...)
}

// The patient's app derives one address per custodian from the mnemonic
// on standard input; each is the key at the printed path.
func TestPatientAddresses(t *testing.T) {
	a, b := sdk.AccAddress(testutil.Addr("hospital-a")).String(), sdk.AccAddress(testutil.Addr("hospital-b")).String()
	out, err := run(t, mnemonic+"\n", "address", a, b)
	require.NoError(t, err, out)
	var got []pairwiseAddress
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	require.Len(t, got, 2)
	require.NotEqual(t, got[0].Address, got[1].Address, "one address per custodian")
	for i, c := range []string{a, b} {
		key, err := pairwise.Key(mnemonic, "", c)
		require.NoError(t, err)
		require.Equal(t, c, got[i].Custodian)
		require.Equal(t, sdk.AccAddress(key.PubKey().Address()).String(), got[i].Address)
		require.Equal(t, pairwise.HDPath(c), got[i].HDPath)
	}

	out, err = run(t, "", "hd-path", a)
	require.NoError(t, err, out)
	require.Equal(t, pairwise.HDPath(a), strings.TrimSpace(out))
}

func TestPatientRefusals(t *testing.T) {
	a := sdk.AccAddress(testutil.Addr("hospital-a")).String()
	for name, tc := range map[string]struct {
		stdin string
		args  []string
		want  string
	}{
		"no mnemonic":                    {"", []string{"address", a}, "mnemonic on standard input"},
		"a mnemonic with a typo":         {strings.Replace(mnemonic, "about", "abuot", 1), []string{"address", a}, "not a valid BIP-39 mnemonic"},
		"an endless input":               {strings.Repeat("abandon ", 200), []string{"address", a}, "longer than a mnemonic"},
		"a custodian that is no address": {mnemonic, []string{"address", "hospital-a"}, "custodian"},
		"hd-path of no address":          {"", []string{"hd-path", "med1nope"}, "custodian"},
		"no custodian":                   {mnemonic, []string{"address"}, "requires at least 1 arg"},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := run(t, tc.stdin, tc.args...)
			require.ErrorContains(t, err, tc.want, out)
		})
	}
}
