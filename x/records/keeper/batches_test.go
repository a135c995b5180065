package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/x/records/merkle"
	"github.com/medchain/medchain/x/records/types"
)

func (f *fixture) batchMsg(root []byte, n uint64) *types.MsgAnchorBatch {
	return &types.MsgAnchorBatch{
		Signer: f.str("gw-a"), Root: root, LeafCount: n,
		Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: "s3://hospital-a-batches/2026-06-01.json",
	}
}

func TestAnchorBatchAndVerifyInclusion(t *testing.T) {
	f := newFixture(t)
	leaves := make([][]byte, 37)
	for i := range leaves {
		leaves[i] = digest(string(rune('a' + i)))
	}
	tree, err := merkle.Build(leaves)
	require.NoError(t, err)
	root := tree.Root()

	res, err := f.msgs.AnchorBatch(f.ctx, f.batchMsg(root[:], uint64(len(leaves))))
	require.NoError(t, err)
	require.EqualValues(t, 1, res.BatchId)
	b, err := f.queries.Batch(f.ctx, &types.QueryBatchRequest{BatchId: 1})
	require.NoError(t, err)
	require.Equal(t, f.str("hospital-a"), b.Batch.Custodian)
	require.EqualValues(t, 37, b.Batch.LeafCount)

	for i, leaf := range leaves {
		proof, err := tree.Proof(uint64(i))
		require.NoError(t, err)
		ok, err := f.queries.VerifyInclusion(f.ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaf, LeafIndex: uint64(i), Proof: proof})
		require.NoError(t, err)
		require.True(t, ok.Included, "leaf %d: %s", i, ok.Reason)
	}
	proof, err := tree.Proof(3)
	require.NoError(t, err)
	bad, err := f.queries.VerifyInclusion(f.ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaves[4], LeafIndex: 3, Proof: proof})
	require.NoError(t, err)
	require.False(t, bad.Included)
	require.Contains(t, bad.Reason, "root")
	_, err = f.queries.VerifyInclusion(f.ctx, &types.QueryVerifyInclusionRequest{BatchId: 2, Leaf: leaves[3], LeafIndex: 3, Proof: proof})
	require.ErrorContains(t, err, "batch not found")

	res, err = f.msgs.AnchorBatch(f.ctx, f.batchMsg(root[:], 1))
	require.NoError(t, err)
	require.EqualValues(t, 2, res.BatchId)
}

func TestAnchorBatchErrors(t *testing.T) {
	f := newFixture(t)
	root := digest("root")
	cases := []struct {
		name string
		msg  *types.MsgAnchorBatch
		err  error
	}{
		{"short root", f.batchMsg(root[:16], 4), types.ErrInvalidBatch},
		{"no leaves", f.batchMsg(root, 0), types.ErrInvalidBatch},
		{"too many leaves", f.batchMsg(root, types.MaxBatchLeaves+1), types.ErrInvalidBatch},
		{"not sha2-256", func() *types.MsgAnchorBatch {
			m := f.batchMsg(root, 4)
			m.Algorithm = types.HashAlgorithm_HASH_ALGORITHM_SHA3_256
			return m
		}(), types.ErrInvalidBatch},
		{"bad manifest URI", func() *types.MsgAnchorBatch { m := f.batchMsg(root, 4); m.ManifestUri = "c:\\batch.json"; return m }(), types.ErrInvalidURI},
		{"not a custodian", func() *types.MsgAnchorBatch { m := f.batchMsg(root, 4); m.Signer = f.str("insurer"); return m }(), types.ErrNotAllowed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.msgs.AnchorBatch(f.ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
		})
	}
	_, err := f.k.GetBatch(f.ctx, 1)
	require.ErrorIs(t, err, types.ErrBatchNotFound, "no refused batch was stored")
}
