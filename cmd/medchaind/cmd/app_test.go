package cmd

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/client"

	"cosmossdk.io/log/v2"
	dbm "github.com/cosmos/cosmos-db"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
)

// The node's app constructor reads app.toml's settings; export refuses a
// height the store does not have rather than exporting something else.
func TestNewAppAndExport(t *testing.T) {
	opts := simtestutil.AppOptionsMap{app.FlagMaxPendingPerSigner: uint64(7), "pruning": "nothing", "home": t.TempDir(), "chain-id": "medchain-test"}
	a, ok := newApp(log.NewNopLogger(), dbm.NewMemDB(), opts).(*app.App)
	require.True(t, ok)
	require.Equal(t, "medchain", a.Name())

	_, err := exportApp(log.NewNopLogger(), dbm.NewMemDB(), 5, false, nil, opts, nil)
	require.Error(t, err, "no height 5 in an empty store")
}

// The CLI's throwaway app answers no option: every setting takes its default.
func TestEmptyAppOptions(t *testing.T) {
	require.Nil(t, emptyAppOptions{}.Get("minimum-gas-prices"))
}

// autocli sees every module the app runs, with medchain's address prefixes.
func TestAutoCLIOptions(t *testing.T) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, emptyAppOptions{})
	opts := autoCLIOptions(a, client.Context{})
	for _, m := range []string{"consortium", "records", "consent", "audit", "bank", "feegrant", "authz"} {
		require.Contains(t, opts.Modules, m)
	}
	addr, err := opts.AddressCodec.BytesToString(make([]byte, 20))
	require.NoError(t, err)
	require.Regexp(t, `^med1`, addr)
	val, err := opts.ValidatorAddressCodec.BytesToString(make([]byte, 20))
	require.NoError(t, err)
	require.Regexp(t, `^medvaloper1`, val)
}
