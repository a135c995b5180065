package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/merkle"
	"github.com/medchain/medchain/x/records/types"
)

func TestAnchorBatchAndVerifyInclusion(t *testing.T) {
	f := newFixture(t)
	leaves := make([][]byte, 37)
	for i := range leaves {
		leaves[i] = testutil.Hash(string(rune('a' + i))).Digest
	}
	tree, err := merkle.Build(leaves)
	require.NoError(t, err)
	root := tree.Root()

	ctx := f.FreshEvents()
	res, err := f.Msgs.AnchorBatch(ctx, f.batchMsg(root[:], uint64(len(leaves))))
	require.NoError(t, err)
	require.EqualValues(t, 1, res.BatchId)
	require.Equal(t, []string{"medchain.records.v1.EventBatchAnchored"}, testutil.EventTypes(ctx))
	b, err := f.Queries.Batch(ctx, &types.QueryBatchRequest{BatchId: 1})
	require.NoError(t, err)
	require.Equal(t, f.Str("hospital-a"), b.Batch.Custodian)
	require.Equal(t, f.Str("gw-a"), b.Batch.AnchoredBy)
	require.EqualValues(t, 37, b.Batch.LeafCount)

	for i, leaf := range leaves {
		proof, err := tree.Proof(uint64(i))
		require.NoError(t, err)
		ok, err := f.Queries.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaf, LeafIndex: uint64(i), Proof: proof})
		require.NoError(t, err)
		require.True(t, ok.Included, "leaf %d: %s", i, ok.Reason)
	}
	proof, err := tree.Proof(3)
	require.NoError(t, err)
	bad, err := f.Queries.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaves[4], LeafIndex: 3, Proof: proof})
	require.NoError(t, err)
	require.False(t, bad.Included, "another leaf under this proof")
	require.Contains(t, bad.Reason, "root")
	short, err := f.Queries.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaves[3], LeafIndex: 3, Proof: proof[1:]})
	require.NoError(t, err)
	require.False(t, short.Included, "a proof missing a level")

	res, err = f.Msgs.AnchorBatch(ctx, f.batchMsg(root[:], 1))
	require.NoError(t, err)
	require.EqualValues(t, 2, res.BatchId)
}

func TestAnchorBatchRefusals(t *testing.T) {
	f := newFixture(t)
	root := testutil.Hash("root").Digest
	with := func(mut func(m *types.MsgAnchorBatch)) *types.MsgAnchorBatch {
		m := f.batchMsg(root, 4)
		mut(m)
		return m
	}
	cases := []struct {
		name string
		msg  *types.MsgAnchorBatch
		err  error
	}{
		{"short root", f.batchMsg(root[:16], 4), types.ErrInvalidBatch},
		{"no leaves", f.batchMsg(root, 0), types.ErrInvalidBatch},
		{"too many leaves", f.batchMsg(root, types.MaxBatchLeaves+1), types.ErrInvalidBatch},
		{"not sha2-256", with(func(m *types.MsgAnchorBatch) { m.Algorithm = types.HashAlgorithm_HASH_ALGORITHM_SHA3_256 }), types.ErrInvalidBatch},
		{"bad manifest URI", with(func(m *types.MsgAnchorBatch) { m.ManifestUri = "c:\\batch.json" }), types.ErrInvalidURI},
		{"manifest on IPFS", with(func(m *types.MsgAnchorBatch) { m.ManifestUri = "ipfs://bafy" }), types.ErrInvalidURI},
		{"not a custodian", with(func(m *types.MsgAnchorBatch) { m.Signer = f.Str("insurer") }), types.ErrNotAllowed},
		{"bad signer", with(func(m *types.MsgAnchorBatch) { m.Signer = "med" }), types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Msgs.AnchorBatch(f.Ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
		})
	}
	_, err := f.K.GetBatch(f.Ctx, 1)
	testutil.RequireCode(t, err, types.ErrBatchNotFound, "no refused batch was stored")
}
