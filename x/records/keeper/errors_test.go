package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/merkle"
	"github.com/medchain/medchain/x/records/types"
)

// A record named by reference: a malformed custodian is code 11, another
// custodian's id 8; a hash query with a digest of another algorithm's
// length is InvalidArgument.
func TestRecordReferences(t *testing.T) {
	f := newFixture(t)
	ref := f.Anchor("dr-a", "patient-1", "lab-1", lab)
	rec, err := f.K.GetRecord(f.Ctx, ref)
	require.NoError(t, err)
	require.Equal(t, f.Str("hospital-a"), rec.Custodian)
	_, err = f.K.GetRecord(f.Ctx, types.RecordRef{Custodian: "hospital-a", RecordId: ref.RecordId})
	testutil.RequireCode(t, err, types.ErrInvalidAddress)
	_, err = f.K.GetRecord(f.Ctx, types.RecordRef{Custodian: f.Str("hospital-b"), RecordId: ref.RecordId})
	testutil.RequireCode(t, err, types.ErrRecordNotFound)
	_, err = f.Queries.RecordsByHash(f.Ctx, &types.QueryRecordsByHashRequest{
		Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_512, Digest: testutil.Hash("lab-1").Digest,
	})
	testutil.RequireStatus(t, err, codes.InvalidArgument)
}

// VerifyInclusion answers a well-formed but wrong proof, up to 64 hashes,
// with included=false and the reason; batch id 0 is InvalidArgument and a
// missing batch code 13.
func TestInclusionAnswers(t *testing.T) {
	f := newFixture(t)
	leaves := [][]byte{testutil.Hash("a").Digest, testutil.Hash("b").Digest, testutil.Hash("c").Digest}
	tree, err := merkle.Build(leaves)
	require.NoError(t, err)
	root := tree.Root()
	_, err = f.Msgs.AnchorBatch(f.Ctx, f.batchMsg(root[:], 3))
	require.NoError(t, err)
	proof, err := tree.Proof(2)
	require.NoError(t, err)
	long := make([][]byte, types.MaxProofLength)
	for i := range long {
		long[i] = root[:]
	}
	for index, tc := range map[uint64]struct {
		proof  [][]byte
		reason error
	}{2: {long, merkle.ErrProofLength}, 3: {proof, merkle.ErrIndexOutOfRange}, 1: {proof, merkle.ErrProofLength}} {
		res, err := f.Queries.VerifyInclusion(f.Ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaves[2], LeafIndex: index, Proof: tc.proof})
		require.NoError(t, err, "a well-formed question is answered")
		require.False(t, res.Included)
		require.Contains(t, res.Reason, tc.reason.Error())
	}

	_, err = f.Queries.VerifyInclusion(f.Ctx, &types.QueryVerifyInclusionRequest{Leaf: leaves[2], LeafIndex: 2, Proof: proof})
	testutil.RequireStatus(t, err, codes.InvalidArgument, "batch id 0")
	testutil.RequireCode(t, f.K.VerifyInclusion(f.Ctx, 2, leaves[2], 2, proof), types.ErrBatchNotFound)
	require.ErrorIs(t, f.K.VerifyInclusion(f.Ctx, 1, leaves[1], 2, proof), merkle.ErrRootMismatch)
}
