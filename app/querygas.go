package app

import (
	"context"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	gogogrpc "github.com/cosmos/gogoproto/grpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// queryGasGuard registers query services so that a query that runs past
// app.toml's query-gas-limit answers "query gas limit exceeded" on every
// path — gRPC (status ResourceExhausted), REST, and the ABCI queries the CLI
// sends — instead of an opaque recovered panic. The node goes on answering.
// A gRPC query refused only because it raced a commit is asked again
// (retryCommitRace).
type queryGasGuard struct{ gogogrpc.Server }

// RegisterService wraps each method handler of sd before registering it.
func (g queryGasGuard) RegisterService(sd *grpc.ServiceDesc, impl any) {
	guarded := *sd
	guarded.Methods = make([]grpc.MethodDesc, len(sd.Methods))
	for i, m := range sd.Methods {
		handler, name := m.Handler, sd.ServiceName+"/"+m.MethodName
		guarded.Methods[i] = grpc.MethodDesc{
			MethodName: m.MethodName,
			Handler: func(srv any, ctx context.Context, dec func(any) error, in grpc.UnaryServerInterceptor) (resp any, err error) {
				defer func() {
					if r := recover(); r != nil {
						oog, ok := r.(storetypes.ErrorOutOfGas)
						if !ok {
							panic(r)
						}
						resp, err = nil, status.Errorf(codes.ResourceExhausted,
							"query gas limit exceeded in %s (%s): ask for a smaller page", name, oog.Descriptor)
					}
				}()
				return retryCommitRace(func() (any, error) { return handler(srv, ctx, dec, in) })
			},
		}
	}
	g.Server.RegisterService(&guarded, impl)
}
