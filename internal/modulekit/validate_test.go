package modulekit_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
)

var (
	errTestAddress = errorsmod.Register("modulekit_test", 2, "invalid address")
	errTestMissing = errorsmod.Register("modulekit_test", 3, "not found")
)

// A message naming an entry by id is refused before the mempool for a bad
// signer field first, then for id 0, each with the module's own error.
func TestCheckAddressAndID(t *testing.T) {
	modulekit.SetAddressPrefixes()
	good := sdk.AccAddress(make([]byte, 20)).String()
	for _, c := range []struct {
		name, addr string
		id         uint64
		want       *errorsmod.Error
		text       string
	}{
		{name: "good", addr: good, id: 1},
		{name: "largest id", addr: good, id: ^uint64(0)},
		{name: "id 0", addr: good, id: 0, want: errTestMissing, text: "grant ids start at 1"},
		{name: "no address", addr: "", id: 1, want: errTestAddress, text: "patient is required"},
		{name: "upper case", addr: strings.ToUpper(good), id: 1, want: errTestAddress, text: "lower case"},
		{name: "address before id", addr: "med1xyz", id: 0, want: errTestAddress, text: "patient"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := modulekit.CheckAddressAndID(errTestAddress, "patient", c.addr, errTestMissing, "grant", c.id)
			if c.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, c.want)
			require.ErrorContains(t, err, c.text)
		})
	}
	require.NoError(t, modulekit.CheckID(errTestMissing, "batch", 7))
	require.ErrorContains(t, modulekit.CheckID(errTestMissing, "batch", 0), "batch ids start at 1")
}
