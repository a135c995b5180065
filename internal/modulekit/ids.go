package modulekit

import (
	"context"

	"cosmossdk.io/collections"
)

// NextID takes the next id of a sequence. Ids start at 1, so 0 never names
// anything and a request for id 0 is malformed. After genesis, the sequence
// holds the highest id in use (see SetLastID).
func NextID(ctx context.Context, seq collections.Sequence) (uint64, error) {
	id, err := seq.Next(ctx)
	return id + 1, err
}

// SetLastID makes NextID continue after the highest id genesis loaded.
func SetLastID(ctx context.Context, seq collections.Sequence, last uint64) error {
	return seq.Set(ctx, last)
}

// MustBuild builds a keeper's collections schema; a schema that does not
// build (two collections on one prefix) is a programming error.
func MustBuild(sb *collections.SchemaBuilder) collections.Schema {
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	return schema
}
