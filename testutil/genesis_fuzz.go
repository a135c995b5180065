package testutil

import (
	"testing"

	"cosmossdk.io/core/address"
	gogoproto "github.com/cosmos/gogoproto/proto"
)

// Genesis is a module's genesis state: a protobuf message with a Validate.
type Genesis interface {
	Validate(ac address.Codec) error
}

// FuzzGenesis holds a module's genesis validation and its InitGenesis
// together: arbitrary bytes decoded as the genesis state, once Validate
// accepts them, load into a fresh keeper stack without an error or a panic,
// and export a state Validate accepts again. seeds (valid states) start the
// corpus; build makes the stack the state loads into (the modules before
// this one initialised, as at chain start); io is the module's genesis.
func FuzzGenesis[G Genesis, PG interface {
	*G
	gogoproto.Message
}](f *testing.F, seeds []G, build func(testing.TB) *Stack, io GenesisIO[G]) {
	ac := NewStack(f).AC
	for _, s := range seeds {
		if err := s.Validate(ac); err != nil {
			f.Fatalf("seed is invalid: %v", err)
		}
		bz, err := gogoproto.Marshal(PG(&s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bz)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var gs G
		if gogoproto.Unmarshal(data, PG(&gs)) != nil || gs.Validate(ac) != nil {
			return
		}
		s := build(t)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("a genesis Validate accepts panics in InitGenesis: %v", r)
				}
			}()
			if err := io.Init(s, gs); err != nil {
				t.Fatalf("a genesis Validate accepts fails in InitGenesis: %v", err)
			}
		}()
		out, err := io.Export(s)
		if err != nil {
			t.Fatalf("export after import: %v", err)
		}
		if err := (*out).Validate(ac); err != nil {
			t.Fatalf("the export of a valid genesis is invalid: %v", err)
		}
	})
}
