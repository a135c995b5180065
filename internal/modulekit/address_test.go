package modulekit_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"cosmossdk.io/core/address"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
)

// The prefixes live under a fixed scope, so sdk.GetConfig never asks the
// system who and where the process is; a scope the environment names wins.
func TestAddressPrefixesUnderAFixedScope(t *testing.T) {
	t.Setenv(sdk.EnvConfigScope, "")
	modulekit.SetAddressPrefixes()
	require.Equal(t, modulekit.ConfigScope, os.Getenv(sdk.EnvConfigScope))
	require.Equal(t, "med", sdk.GetConfig().GetBech32AccountAddrPrefix())
	require.Equal(t, "medvaloper", sdk.GetConfig().GetBech32ValidatorAddrPrefix())

	t.Setenv(sdk.EnvConfigScope, "hospital-tools")
	modulekit.SetAddressPrefixes()
	require.Equal(t, "hospital-tools", os.Getenv(sdk.EnvConfigScope))
	require.Equal(t, "medvalcons", sdk.GetConfig().GetBech32ConsensusAddrPrefix())
}

func TestAddressStringsInOrder(t *testing.T) {
	modulekit.SetAddressPrefixes()
	ac := addresscodec.NewBech32Codec("med")
	a, b := sdk.AccAddress(bytes.Repeat([]byte{1}, 20)), sdk.AccAddress(bytes.Repeat([]byte{2}, 20))
	got, err := modulekit.AddressStrings(ac, b, a)
	require.NoError(t, err)
	require.Equal(t, []string{b.String(), a.String()}, got)
	none, err := modulekit.AddressStrings(ac)
	require.NoError(t, err)
	require.Empty(t, none)
	_, err = modulekit.AddressStrings(failingCodec{ac}, a, b)
	require.EqualError(t, err, "cannot encode", "the codec's error is returned, not a partial list")
}

// failingCodec encodes nothing.
type failingCodec struct{ address.Codec }

func (failingCodec) BytesToString([]byte) (string, error) { return "", errors.New("cannot encode") }
