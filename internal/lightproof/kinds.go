package lightproof

import (
	"encoding/json"
	"fmt"
	"strconv"

	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/gogoproto/proto"
)

// ProtoJSON returns a Kind's Decode for values stored as protobuf messages of
// type T (a collections map with codec.CollValue).
func ProtoJSON[T any, P interface {
	*T
	proto.Message
}]() func([]byte) (json.RawMessage, error) {
	return func(value []byte) (json.RawMessage, error) {
		msg, err := ProtoValue[T, P](value)
		if err != nil {
			return nil, err
		}
		return codec.ProtoMarshalJSON(msg, nil)
	}
}

// ProtoValue decodes a stored protobuf message of type T.
func ProtoValue[T any, P interface {
	*T
	proto.Message
}](value []byte) (P, error) {
	msg := P(new(T))
	if err := proto.Unmarshal(value, msg); err != nil {
		return nil, err
	}
	return msg, nil
}

// SeqKey returns a Kind's Key for values numbered from 1 in a collections map
// keyed by uint64 under prefix.
func SeqKey(prefix collections.Prefix) func(id string) ([]byte, error) {
	return func(id string) ([]byte, error) {
		n, err := strconv.ParseUint(id, 10, 64)
		if err != nil || n == 0 || strconv.FormatUint(n, 10) != id {
			return nil, fmt.Errorf("id %q must be a positive integer", id)
		}
		return collections.EncodeKeyWithPrefix(prefix, collections.Uint64Key, n)
	}
}
