package lightproof_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
)

func encodeBundle(t *testing.T, b *lightproof.Bundle) []byte {
	var buf bytes.Buffer
	require.NoError(t, b.Encode(&buf))
	return buf.Bytes()
}

// A bundle file round-trips, and every single byte of it matters: flipping
// any one is refused, by the decoder or by the verifier.
func TestEveryByteOfABundleMatters(t *testing.T) {
	c := twoNotes(t)
	file := encodeBundle(t, c.bundle(1, map[string]string{"prefix": "a"}, "a", "c"))
	b, err := lightproof.Decode(file)
	require.NoError(t, err)
	_, err = lightproof.Verify(b, c.Anchor(1), kinds)
	require.NoError(t, err)
	require.Equal(t, file, encodeBundle(t, b), "decode and encode give the same file")

	for i := range file {
		tampered := append([]byte(nil), file...)
		tampered[i] ^= 1
		b, err := lightproof.Decode(tampered)
		if err == nil {
			_, err = lightproof.Verify(b, c.Anchor(1), kinds)
		}
		require.Error(t, err, "byte %d (%q in %q) changed and the bundle still verifies", i, file[i], around(file, i))
	}
}

func around(file []byte, i int) string {
	return string(file[max(0, i-30):min(len(file), i+30)])
}

func TestDecodeRefusesOtherEncodings(t *testing.T) {
	c := twoNotes(t)
	file := string(encodeBundle(t, c.bundle(1, nil, "a")))
	cases := map[string]struct{ from, to, want string }{
		"field re-cased":           {`"kind"`, `"Kind"`, "item 0 (note a): not in canonical form"},
		"unknown field":            {`"kind"`, `"note": 1, "kind"`, `item 0: json: unknown field "note"`},
		"unknown header field":     {`"height"`, `"extra": 1, "height"`, `unknown field "extra"`},
		"header re-cased":          {`"height"`, `"HEIGHT"`, "bundle header (format, chain_id, subject, height, light_blocks): not in canonical form"},
		"number written otherwise": {`"height": 5`, `"height": 5.0`, "bundle is not a medchain-evidence/1 file"},
		"other format":             {lightproof.Format, "medchain-evidence/0", `bundle format is "medchain-evidence/0"`},
		"key in upper case":        {`"key": "6e6f74652f61"`, `"key": "6E6F74652F61"`, "item 0 (note a): not in canonical form"},
		"trailing data":            {"\n}\n", "\n}\n{}", "unexpected data after the JSON value"},
		"no items":                 {`"items": [`, `"items": [], "x": [`, `unknown field "x"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			require.Contains(t, file, tc.from)
			_, err := lightproof.Decode([]byte(strings.Replace(file, tc.from, tc.to, 1)))
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestDecodeBounds(t *testing.T) {
	_, err := lightproof.Decode(bytes.Repeat([]byte(" "), lightproof.MaxBundleBytes+1))
	require.ErrorContains(t, err, "more than the")
	_, err = lightproof.Decode([]byte(`{"format":"medchain-evidence/1","chain_id":"x","subject":null,"height":1,"light_blocks":["AA=="],"items":[]}`))
	require.ErrorContains(t, err, "bundle has 0 items")
	_, err = lightproof.Decode([]byte(`{"format":"medchain-evidence/1","chain_id":"x","subject":null,"height":1,"light_blocks":[],"items":[{}]}`))
	require.ErrorContains(t, err, "bundle has 0 light blocks")
}

func TestParseTrust(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	a, err := lightproof.ParseTrust("42:" + strings.ToUpper(hash))
	require.NoError(t, err)
	require.EqualValues(t, 42, a.Height)
	require.Equal(t, bytes.Repeat([]byte{0xab}, 32), a.Hash)
	for _, bad := range []string{"", "42", "0:" + hash, "-1:" + hash, "x:" + hash, "42:abcd", "42:" + hash + "00", "42:zz" + hash[2:]} {
		_, err := lightproof.ParseTrust(bad)
		require.Error(t, err, bad)
	}
}

// Save writes exactly what Encode writes, and says when it cannot.
func TestSave(t *testing.T) {
	c := twoNotes(t)
	b := c.bundle(1, nil, "a")
	path := filepath.Join(t.TempDir(), "bundle.json")
	require.NoError(t, b.Save(path))
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, encodeBundle(t, b), saved)
	require.Error(t, b.Save(filepath.Join(t.TempDir(), "missing", "bundle.json")))
}
