package modulekit_test

import (
	"testing"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
)

// A command's positional arguments fill the named request fields in order;
// only a field written "name..." takes the remaining arguments.
func TestCommandPositionalArgs(t *testing.T) {
	o := modulekit.Command("SetGuardians", "set-guardians [threshold] [delay] [guardian]...", "Name guardians",
		"threshold", "delay", "guardians...")
	require.Equal(t, "SetGuardians", o.RpcMethod)
	require.Equal(t, "set-guardians [threshold] [delay] [guardian]...", o.Use)
	require.Equal(t, "Name guardians", o.Short)
	require.Equal(t, []*autocliv1.PositionalArgDescriptor{
		{ProtoField: "threshold"}, {ProtoField: "delay"}, {ProtoField: "guardians", Varargs: true},
	}, o.PositionalArgs)
	require.False(t, o.Skip)

	require.Nil(t, modulekit.Command("Params", "params", "Show").PositionalArgs, "no argument, no descriptor")
}

func TestSkipAndRenameFlag(t *testing.T) {
	s := modulekit.Skip("UpdateParams")
	require.Equal(t, &autocliv1.RpcCommandOptions{RpcMethod: "UpdateParams", Skip: true}, s)

	o := modulekit.RenameFlag(modulekit.Command("Record", "record [id]", "Show", "id"), "version", "record-version", "which")
	require.Equal(t, map[string]*autocliv1.FlagOptions{"version": {Name: "record-version", Usage: "which"}}, o.FlagOptions)
	modulekit.RenameFlag(o, "limit", "max", "how many")
	require.Len(t, o.FlagOptions, 2, "a second rename keeps the first")
}

// The module options name both services, keep the commands in order, and
// let autocli add its commands beside a module's custom tx commands.
func TestAutoCLIOptionsOfBothServices(t *testing.T) {
	q := []*autocliv1.RpcCommandOptions{modulekit.Command("A", "a", "A"), modulekit.Command("B", "b", "B")}
	tx := modulekit.Command("C", "c", "C")
	opts := modulekit.AutoCLI("pkg.Query", q, "pkg.Msg", tx, modulekit.Skip("D"))
	require.Equal(t, "pkg.Query", opts.Query.Service)
	require.Equal(t, q, opts.Query.RpcCommandOptions)
	require.Equal(t, "pkg.Msg", opts.Tx.Service)
	require.Equal(t, []*autocliv1.RpcCommandOptions{tx, {RpcMethod: "D", Skip: true}}, opts.Tx.RpcCommandOptions)
	require.True(t, opts.Tx.EnhanceCustomCommand)
	require.False(t, opts.Query.EnhanceCustomCommand)
}
