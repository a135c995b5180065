package modulekit_test

import (
	"context"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/colltest"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
)

// An index of (owner, entry) pairs and a count per owner.
func newIndex(t *testing.T) (collections.KeySet[collections.Pair[string, uint64]], collections.Map[string, uint32], context.Context) {
	t.Helper()
	svc, ctx := colltest.MockStore()
	sb := collections.NewSchemaBuilder(svc)
	set := collections.NewKeySet(sb, collections.NewPrefix(1), "index", collections.PairKeyCodec(collections.StringKey, collections.Uint64Key))
	counts := collections.NewMap(sb, collections.NewPrefix(2), "counts", collections.StringKey, collections.Uint32Value)
	modulekit.MustBuild(sb)
	return set, counts, ctx
}

func TestValuesListsEveryValueInKeyOrder(t *testing.T) {
	s, ctx := newKV(t)
	empty, err := modulekit.Values(ctx, s.things)
	require.NoError(t, err)
	require.Nil(t, empty, "an empty map exports nothing, not an empty list")
	for _, id := range []uint64{3, 1, 2} {
		require.NoError(t, s.things.Set(ctx, id, string(rune('a'+id))))
	}
	all, err := modulekit.Values(ctx, s.things)
	require.NoError(t, err)
	require.Equal(t, []string{"b", "c", "d"}, all)
}

// Only the owner's entries are listed, and the caller may remove them
// while it goes through the list.
func TestSecondKeysOfOneOwner(t *testing.T) {
	set, _, ctx := newIndex(t)
	for _, k := range []collections.Pair[string, uint64]{
		collections.Join("a", uint64(2)), collections.Join("a", uint64(1)), collections.Join("ab", uint64(9)), collections.Join("b", uint64(3)),
	} {
		require.NoError(t, set.Set(ctx, k))
	}
	got, err := modulekit.SecondKeys(ctx, set, "a")
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, got, `"ab" is another owner, not a longer "a"`)
	for _, id := range got {
		require.NoError(t, set.Remove(ctx, collections.Join("a", id)))
	}
	got, err = modulekit.SecondKeys(ctx, set, "a")
	require.NoError(t, err)
	require.Empty(t, got)
	got, err = modulekit.SecondKeys(ctx, set, "b")
	require.NoError(t, err)
	require.Equal(t, []uint64{3}, got)
}

func TestOrZeroIsZeroUntilSet(t *testing.T) {
	_, counts, ctx := newIndex(t)
	n, err := modulekit.OrZero(ctx, counts, "a")
	require.NoError(t, err)
	require.Zero(t, n, "nothing raised the count yet")
	require.NoError(t, counts.Set(ctx, "a", 7))
	n, err = modulekit.OrZero(ctx, counts, "a")
	require.NoError(t, err)
	require.EqualValues(t, 7, n)
}

// A count goes up and down, and an owner whose count is back at zero
// stores nothing (the state a fresh chain would have).
func TestAddCountRemovesAtZero(t *testing.T) {
	_, counts, ctx := newIndex(t)
	require.NoError(t, modulekit.AddCount(ctx, counts, "a", 1))
	require.NoError(t, modulekit.AddCount(ctx, counts, "a", 2))
	n, err := counts.Get(ctx, "a")
	require.NoError(t, err)
	require.EqualValues(t, 3, n)
	require.NoError(t, modulekit.AddCount(ctx, counts, "a", -2))
	n, err = counts.Get(ctx, "a")
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	require.NoError(t, modulekit.AddCount(ctx, counts, "a", -1))
	has, err := counts.Has(ctx, "a")
	require.NoError(t, err)
	require.False(t, has, "zero is no entry")
	require.NoError(t, modulekit.AddCount(ctx, counts, "b", -1), "taking from nothing stays nothing")
	has, err = counts.Has(ctx, "b")
	require.NoError(t, err)
	require.False(t, has)
}
