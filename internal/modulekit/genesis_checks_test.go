package modulekit_test

import (
	"bytes"
	"testing"

	"cosmossdk.io/core/address"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
)

// Genesis ids of one kind: none is 0, none repeats; another kind has its
// own set.
func TestIDsRefuseZeroAndRepeats(t *testing.T) {
	grants := modulekit.IDs{}
	require.NoError(t, grants.Add(errTestMissing, "grant", 1))
	require.NoError(t, grants.Add(errTestMissing, "grant", ^uint64(0)))
	require.ErrorContains(t, grants.Add(errTestMissing, "grant", 1), "grant id 1 is zero or repeated")
	require.ErrorIs(t, grants.Add(errTestMissing, "grant", 0), errTestMissing)
	require.NoError(t, modulekit.IDs{}.Add(errTestMissing, "request", 1), "ids of another kind are another set")
}

func addressCodec() address.Codec {
	modulekit.SetAddressPrefixes()
	return addresscodec.NewBech32Codec("med")
}

func TestCanonicalEachNamesTheEntry(t *testing.T) {
	ac := addressCodec()
	a, b := sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String(), sdk.AccAddress(bytes.Repeat([]byte{2}, 20)).String()
	require.NoError(t, modulekit.CanonicalEach(ac, errTestAddress, "grant", 7, a, b))
	err := modulekit.CanonicalEach(ac, errTestAddress, "grant", 7, a, "MED"+b[3:])
	require.ErrorIs(t, err, errTestAddress)
	require.ErrorContains(t, err, "grant 7")
	require.ErrorIs(t, modulekit.CanonicalEach(ac, errTestAddress, "batch", 1, ""), errTestAddress, "an empty address is not canonical")
}

func TestUniqueAddresses(t *testing.T) {
	ac := addressCodec()
	a, b := sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String(), sdk.AccAddress(bytes.Repeat([]byte{2}, 20)).String()
	set, err := modulekit.UniqueAddresses(ac, errTestAddress, errTestMissing, "patient", []string{a, b})
	require.NoError(t, err)
	require.Equal(t, map[string]bool{a: true, b: true}, set)

	_, err = modulekit.UniqueAddresses(ac, errTestAddress, errTestMissing, "patient", []string{a, b, a})
	require.ErrorIs(t, err, errTestMissing)
	require.ErrorContains(t, err, "patient "+a+" listed twice")

	_, err = modulekit.UniqueAddresses(ac, errTestAddress, errTestMissing, "former agent", []string{a, "med1notanaddress"})
	require.ErrorIs(t, err, errTestAddress)
	require.ErrorContains(t, err, "former agent")

	set, err = modulekit.UniqueAddresses(ac, errTestAddress, errTestMissing, "patient", nil)
	require.NoError(t, err)
	require.Empty(t, set)
}
