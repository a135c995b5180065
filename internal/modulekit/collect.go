package modulekit

import (
	"context"

	"cosmossdk.io/collections"
)

// Values lists every value of m in key order (nil when m is empty): what a
// module exports to genesis.
func Values[K, V any](ctx context.Context, m collections.Map[K, V]) ([]V, error) {
	it, err := m.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	return it.Values()
}

// SecondKeys lists, in order, the second parts of the pair keys of set that
// start with first: the entries an index holds under one owner. They are
// read before the caller changes the set.
func SecondKeys[K1, K2 any](ctx context.Context, set collections.KeySet[collections.Pair[K1, K2]], first K1) ([]K2, error) {
	it, err := set.Iterate(ctx, collections.NewPrefixedPairRange[K1, K2](first))
	if err != nil {
		return nil, err
	}
	keys, err := it.Keys()
	if err != nil {
		return nil, err
	}
	seconds := make([]K2, len(keys))
	for i, key := range keys {
		seconds[i] = key.K2()
	}
	return seconds, nil
}
