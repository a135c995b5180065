package lightproof_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/testutil"
)

const noteStore = "notes"

// noteKind is a value kind of the test chain: notes keyed "note/<id>",
// whose subject may ask for an id prefix.
var noteKind = lightproof.Kind{
	Name:    "note",
	Store:   noteStore,
	Subject: []string{"prefix"},
	Key: func(id string) ([]byte, error) {
		if id == "" {
			return nil, fmt.Errorf("empty id")
		}
		return []byte("note/" + id), nil
	},
	Decode: func(v []byte) (json.RawMessage, error) { return json.Marshal(map[string]string{"text": string(v)}) },
	Match: func(subject map[string]string, v []byte) error {
		if p := subject["prefix"]; !strings.HasPrefix(string(v), p) {
			return fmt.Errorf("value %q does not start with %q", v, p)
		}
		return nil
	},
}

var kinds = lightproof.NewKinds(noteKind)

// noteChain is a proof chain of notes, with bundle proving notes.
type noteChain struct{ *testutil.ProofChain }

func newTestChain(t testing.TB) noteChain {
	return noteChain{testutil.NewProofChain(t, noteStore)}
}

func newTestChainWith(t *testing.T, valsAt func(int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator)) noteChain {
	return noteChain{testutil.NewProofChainWith(t, noteStore, valsAt)}
}

// notes writes notes by id as the next state version.
func (c noteChain) notes(writes map[string]string) {
	raw := map[string]string{}
	for id, v := range writes {
		raw["note/"+id] = v
	}
	c.Next(raw)
}

func (c noteChain) bundle(trust int64, subject map[string]string, ids ...string) *lightproof.Bundle {
	return c.Bundle(noteKind, trust, subject, ids...)
}
