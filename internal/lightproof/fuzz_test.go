package lightproof_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
)

// FuzzDecode feeds the bundle reader what an attacker would hand a court:
// it never panics, and whatever it accepts is exactly what Encode writes
// (whitespace aside), so no two files decode to the same bundle; Verify on
// an accepted file never panics either.
func FuzzDecode(f *testing.F) {
	c := twoNotes(f)
	var good bytes.Buffer
	if err := c.bundle(1, map[string]string{"prefix": "a"}, "a", "c").Encode(&good); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add([]byte(`{"format":"medchain-evidence/1","chain_id":"x","subject":null,"height":1,"light_blocks":["AA=="],"items":[{}]}`))
	f.Add([]byte(`{}`))
	anchor := c.Anchor(1)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := lightproof.Decode(data)
		if err != nil {
			return
		}
		var again bytes.Buffer
		require.NoError(t, b.Encode(&again))
		var want, got bytes.Buffer
		require.NoError(t, json.Compact(&want, data))
		require.NoError(t, json.Compact(&got, again.Bytes()))
		require.Equal(t, want.String(), got.String())
		_, _ = lightproof.Verify(b, anchor, kinds)
	})
}
