package modulekit_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
	consenttypes "github.com/medchain/medchain/x/consent/types"
)

// configurator records the migrations a module registers.
type configurator struct {
	module.Configurator
	registered map[uint64]module.MigrationHandler
}

func (c *configurator) RegisterMigration(name string, from uint64, h module.MigrationHandler) error {
	if name != consenttypes.ModuleName {
		panic(name)
	}
	c.registered[from] = h
	return nil
}

// A module at version 3 registers its migrations from 1 and from 2 with
// the module manager's configurator; one missing is an error at start, not
// a chain that cannot upgrade.
func TestMigrationsRegistered(t *testing.T) {
	var ran []uint64
	step := func(v uint64) func(sdk.Context) error {
		return func(sdk.Context) error { ran = append(ran, v); return nil }
	}
	var registered []string
	spec := func(migrations map[uint64]func(sdk.Context) error) modulekit.Module[*consenttypes.GenesisState] {
		return newModule(&fakeKeeper{}, &registered, migrations)
	}
	cfg := &configurator{registered: map[uint64]module.MigrationHandler{}}
	require.NoError(t, spec(map[uint64]func(sdk.Context) error{1: step(1), 2: step(2)}).RegisterServices(cfg))
	require.Len(t, cfg.registered, 2)
	for v := uint64(1); v <= 2; v++ {
		require.NoError(t, cfg.registered[v](sdk.Context{}))
	}
	require.Equal(t, []uint64{1, 2}, ran)

	err := spec(map[uint64]func(sdk.Context) error{1: step(1)}).RegisterServices(&configurator{registered: map[uint64]module.MigrationHandler{}})
	require.ErrorContains(t, err, "no migration from version 2")
}
