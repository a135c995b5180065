package modulekit

import (
	"strings"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLI is a module's autocli options: the commands of its Query service
// and of its Msg service. Custom tx commands the module adds (GetTxCmd) are
// enhanced: autocli adds its commands beside them.
func AutoCLI(query string, queries []*autocliv1.RpcCommandOptions, msg string, txs ...*autocliv1.RpcCommandOptions) *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{Service: query, RpcCommandOptions: queries},
		Tx:    &autocliv1.ServiceCommandDescriptor{Service: msg, RpcCommandOptions: txs, EnhanceCustomCommand: true},
	}
}

// Command is the autocli command of one RPC method: its use line (name and
// argument placeholders), what it does in one line, and the request fields
// its positional arguments fill, in order; a field written "name..." takes
// all the remaining arguments.
func Command(method, use, short string, fields ...string) *autocliv1.RpcCommandOptions {
	o := &autocliv1.RpcCommandOptions{RpcMethod: method, Use: use, Short: short}
	for _, f := range fields {
		name, varargs := strings.CutSuffix(f, "...")
		o.PositionalArgs = append(o.PositionalArgs, &autocliv1.PositionalArgDescriptor{ProtoField: name, Varargs: varargs})
	}
	return o
}

// Skip leaves a method out of autocli: a custom command serves it, or only
// a passed proposal sends it.
func Skip(method string) *autocliv1.RpcCommandOptions {
	return &autocliv1.RpcCommandOptions{RpcMethod: method, Skip: true}
}

// RenameFlag gives the flag of a request field another name and usage (for
// a field whose own name a node-wide flag already takes).
func RenameFlag(o *autocliv1.RpcCommandOptions, field, name, usage string) *autocliv1.RpcCommandOptions {
	if o.FlagOptions == nil {
		o.FlagOptions = map[string]*autocliv1.FlagOptions{}
	}
	o.FlagOptions[field] = &autocliv1.FlagOptions{Name: name, Usage: usage}
	return o
}
