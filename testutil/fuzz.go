package testutil

import (
	"reflect"
	"testing"

	gogoproto "github.com/cosmos/gogoproto/proto"
)

// ValidatedMsg is a message with stateless checks run before the mempool.
type ValidatedMsg interface {
	gogoproto.Message
	ValidateBasic() error
}

// FuzzValidateBasic feeds arbitrary bytes to every message type of seeds:
// decoding and ValidateBasic must never panic, and a message ValidateBasic
// accepts must survive a marshal round trip unchanged and satisfy invariant
// (the bounds the module promises). The seeds' encodings start the corpus.
func FuzzValidateBasic(f *testing.F, seeds []ValidatedMsg, invariant func(ValidatedMsg) error) {
	types := make([]reflect.Type, len(seeds))
	for i, s := range seeds {
		types[i] = reflect.TypeOf(s).Elem()
		bz, err := gogoproto.Marshal(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bz)
		if err := s.ValidateBasic(); err != nil {
			f.Fatalf("seed %T is invalid: %v", s, err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, typ := range types {
			msg := reflect.New(typ).Interface().(ValidatedMsg)
			if gogoproto.Unmarshal(data, msg) != nil {
				continue
			}
			if msg.ValidateBasic() != nil {
				continue
			}
			bz, err := gogoproto.Marshal(msg)
			if err != nil {
				t.Fatalf("%T accepted but does not marshal: %v", msg, err)
			}
			again := reflect.New(typ).Interface().(ValidatedMsg)
			if err := gogoproto.Unmarshal(bz, again); err != nil || !gogoproto.Equal(msg, again) {
				t.Fatalf("%T accepted but does not round-trip: %v", msg, err)
			}
			if err := invariant(msg); err != nil {
				t.Fatalf("%T passed ValidateBasic but breaks a bound: %v", msg, err)
			}
		}
	})
}
