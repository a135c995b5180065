package lightproof_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
)

// Keys are lower-case hex both ways; anything else is refused by name.
func TestHexBytes(t *testing.T) {
	bz, err := json.Marshal(lightproof.HexBytes{0xAB, 0x01})
	require.NoError(t, err)
	require.Equal(t, `"ab01"`, string(bz))
	var h lightproof.HexBytes
	require.NoError(t, json.Unmarshal([]byte(`"ab01"`), &h))
	require.Equal(t, lightproof.HexBytes{0xab, 0x01}, h)
	require.ErrorContains(t, json.Unmarshal([]byte(`"xyz"`), &h), "key:")
	require.Error(t, json.Unmarshal([]byte(`12`), &h))
}

// A bundle holds at most MaxItems values and MaxLightBlocks headers; a
// reader refuses more before looking at any of them.
func TestBundleCounts(t *testing.T) {
	bundle := func(blocks, items int) []byte {
		return []byte(fmt.Sprintf(`{"format":%q,"chain_id":"x","subject":null,"height":1,"light_blocks":[%s],"items":[%s]}`,
			lightproof.Format, strings.TrimSuffix(strings.Repeat(`"AA==",`, blocks), ","), strings.TrimSuffix(strings.Repeat(`{},`, items), ",")))
	}
	_, err := lightproof.Decode(bundle(1, lightproof.MaxItems+1))
	require.ErrorContains(t, err, fmt.Sprintf("bundle has %d items: it must have 1 to %d", lightproof.MaxItems+1, lightproof.MaxItems))
	_, err = lightproof.Decode(bundle(lightproof.MaxLightBlocks+1, 1))
	require.ErrorContains(t, err, fmt.Sprintf("bundle has %d light blocks", lightproof.MaxLightBlocks+1))
	_, err = lightproof.Decode(bundle(1, 1))
	require.ErrorContains(t, err, "item 0 (", "within bounds, the empty item itself is refused")
}

// The builder stops at MaxItems values.
func TestBuilderItemBound(t *testing.T) {
	c := twoNotes(t)
	b, err := lightproof.NewBuilder(t.Context(), c, c.Provider())
	require.NoError(t, err)
	for i := 0; i < lightproof.MaxItems; i++ {
		_, err := b.Add(t.Context(), noteKind, "a")
		require.NoError(t, err)
	}
	_, err = b.Add(t.Context(), noteKind, "a")
	require.ErrorContains(t, err, fmt.Sprintf("a bundle holds at most %d items", lightproof.MaxItems))
}

// A consortium that replaced every validator at every height cannot be
// followed within MaxLightBlocks headers: the builder says to trust a
// later height instead of building an unbounded bundle.
func TestBuilderHeaderBound(t *testing.T) {
	sets := map[int64]*cmttypes.ValidatorSet{}
	privs := map[int64][]cmttypes.PrivValidator{}
	c := newTestChainWith(t, func(h int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator) {
		if sets[h] == nil {
			sets[h], privs[h] = cmttypes.RandValidatorSet(1, 10)
		}
		return sets[h], privs[h]
	})
	c.notes(map[string]string{"a": "allergy note"})
	c.Grow(lightproof.MaxLightBlocks + 3)
	b, err := lightproof.NewBuilder(t.Context(), c, c.Provider())
	require.NoError(t, err)
	_, err = b.Add(t.Context(), noteKind, "a")
	require.NoError(t, err)
	_, err = b.Bundle(t.Context(), nil, 1)
	require.ErrorContains(t, err, fmt.Sprintf("more than %d headers between the trust height", lightproof.MaxLightBlocks))
	bundle, err := b.Bundle(t.Context(), nil, 900)
	require.NoError(t, err, "from a later height the chain is short enough")
	_, err = lightproof.Verify(bundle, c.Anchor(900), kinds)
	require.NoError(t, err)
}
