package modulekit_test

import (
	"strings"
	"testing"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Each module registers every request of its Msg service as an sdk.Msg, and
// nothing else: a message the node serves but the registry does not know
// could not be decoded from a transaction.
func TestEveryMsgOfEachServiceIsRegistered(t *testing.T) {
	for _, m := range []struct {
		service  grpc.ServiceDesc
		register func(codectypes.InterfaceRegistry)
	}{
		{consortiumtypes.Msg_serviceDesc, consortiumtypes.RegisterInterfaces},
		{recordstypes.Msg_serviceDesc, recordstypes.RegisterInterfaces},
		{consenttypes.Msg_serviceDesc, consenttypes.RegisterInterfaces},
		{audittypes.Msg_serviceDesc, audittypes.RegisterInterfaces},
	} {
		reg := codectypes.NewInterfaceRegistry()
		reg.RegisterInterface(sdk.MsgInterfaceProtoName, (*sdk.Msg)(nil))
		m.register(reg)
		pkg := strings.TrimSuffix(m.service.ServiceName, "Msg")
		want := make([]string, 0, len(m.service.Methods))
		for _, method := range m.service.Methods {
			want = append(want, "/"+pkg+"Msg"+method.MethodName)
		}
		require.NotEmpty(t, want, m.service.ServiceName)
		require.ElementsMatch(t, want, reg.ListImplementations(sdk.MsgInterfaceProtoName), m.service.ServiceName)
	}
}
