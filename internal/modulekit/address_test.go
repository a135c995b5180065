package modulekit_test

import (
	"os"
	"testing"

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
