package testutil

import (
	"strings"
	"testing"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// RequireAutoCLI checks a module's autocli options against its protobuf
// services: every named RPC method exists, every positional argument is a
// field of the method's request, no two commands share a name, and each
// command says what it does.
func RequireAutoCLI(t *testing.T, opts *autocliv1.ModuleOptions) {
	t.Helper()
	require.NotNil(t, opts)
	for _, svc := range []*autocliv1.ServiceCommandDescriptor{opts.Query, opts.Tx} {
		if svc == nil {
			continue
		}
		d, err := gogoproto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc.Service))
		require.NoError(t, err, svc.Service)
		methods := d.(protoreflect.ServiceDescriptor).Methods()
		names := map[string]bool{}
		for _, o := range svc.RpcCommandOptions {
			m := methods.ByName(protoreflect.Name(o.RpcMethod))
			require.NotNil(t, m, "%s has no method %s", svc.Service, o.RpcMethod)
			if o.Skip {
				continue
			}
			name := strings.Fields(o.Use)[0]
			require.False(t, names[name], "%s: two commands named %q", svc.Service, name)
			names[name] = true
			require.NotEmpty(t, o.Short, "%s %s says what it does", svc.Service, name)
			for _, arg := range o.PositionalArgs {
				require.NotNil(t, m.Input().Fields().ByName(protoreflect.Name(arg.ProtoField)),
					"%s.%s has no field %s", svc.Service, o.RpcMethod, arg.ProtoField)
			}
		}
	}
}
