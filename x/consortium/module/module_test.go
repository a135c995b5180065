package module_test

import (
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/medchain/medchain/testutil"
	consortiummodule "github.com/medchain/medchain/x/consortium/module"
	"github.com/medchain/medchain/x/consortium/types"
)

// configurator records the migrations the module registers.
type configurator struct {
	module.Configurator
	from []uint64
}

func (c *configurator) RegisterMigration(_ string, from uint64, _ module.MigrationHandler) error {
	c.from = append(c.from, from)
	return nil
}

func (c *configurator) RegisterService(*grpc.ServiceDesc, any) {}

// The module is at state version 2 and registers the migration from 1,
// which an upgrade runs on a chain that predates patient identities.
func TestConsortiumMigrationRegistered(t *testing.T) {
	s := testutil.NewStack(t).WithMember("hospital-a", types.Role_ROLE_HOSPITAL).Build()
	m := consortiummodule.NewAppModule(s.Consortium)
	require.EqualValues(t, 2, m.ConsensusVersion())
	cfg := &configurator{}
	require.NoError(t, m.RegisterServices(cfg))
	require.Equal(t, []uint64{1}, cfg.from)
}

// BeginBlock completes a recovery whose effective time has come.
func TestBeginBlockCompletesRecoveries(t *testing.T) {
	s := testutil.NewStack(t).WithMember("hospital-a", types.Role_ROLE_HOSPITAL).Build()
	for _, p := range []string{"jane", "guardian"} {
		require.NoError(t, s.Consortium.RegisterPatient(s.Ctx, s.Addr(p)))
	}
	require.NoError(t, s.Consortium.SetGuardians(s.Ctx, &types.MsgSetGuardians{
		Patient: s.Str("jane"), Guardians: []string{s.Str("guardian")}, Threshold: 1, Delay: 24 * time.Hour,
	}))
	require.NoError(t, s.Consortium.StartRecovery(s.Ctx, &types.MsgStartRecovery{Guardian: s.Str("guardian"), Patient: s.Str("jane"), NewController: s.Str("phone")}))
	s.At(s.Ctx.BlockTime().Add(24 * time.Hour))
	require.NoError(t, consortiummodule.NewAppModule(s.Consortium).BeginBlock(s.Ctx))
	has, err := s.Consortium.Recoveries.Has(s.Ctx, s.Addr("jane"))
	require.NoError(t, err)
	require.False(t, has)
	ok, err := s.Consortium.IsController(s.Ctx, s.Addr("phone"))
	require.NoError(t, err)
	require.True(t, ok)
}
