package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/merkle"
	"github.com/medchain/medchain/x/records/types"
)

// Every query answers a good request, NotFound for a missing key (or an
// empty page for a list), and InvalidArgument for a malformed argument.
func TestQueryStatusCodes(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"a-1", "a-2", "a-3"} {
		f.anchor(t, f.anchorMsg("dr-a", name))
	}
	other := f.anchorMsg("dr-b", "b-1")
	other.Patient, other.ContentHash = f.Str("patient-2"), sha("a-1/v1") // same content as a-1
	f.anchor(t, other)
	_, err := f.msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "a-2", "a-2/v2"))
	require.NoError(t, err)
	tree, err := merkle.Build([][]byte{testutil.Hash("l0").Digest, testutil.Hash("l1").Digest})
	require.NoError(t, err)
	root := tree.Root()
	_, err = f.msgs.AnchorBatch(f.Ctx, f.batchMsg(root[:], 2))
	require.NoError(t, err)
	q, ctx := f.queries, f.Ctx
	a, id := f.Str("hospital-a"), testutil.RecordID

	t.Run("Record", func(t *testing.T) {
		res, err := q.Record(ctx, &types.QueryRecordRequest{Custodian: a, RecordId: id("a-2")})
		require.NoError(t, err)
		require.EqualValues(t, 2, res.Record.Version)
		require.EqualValues(t, 2, res.LatestVersion)
		v1, err := q.Record(ctx, &types.QueryRecordRequest{Custodian: a, RecordId: id("a-2"), Version: 1})
		require.NoError(t, err)
		require.EqualValues(t, 1, v1.Record.Version)
		_, err = q.Record(ctx, &types.QueryRecordRequest{Custodian: a, RecordId: id("nope")})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.Record(ctx, &types.QueryRecordRequest{Custodian: f.Str("hospital-b"), RecordId: id("a-1")})
		testutil.RequireStatus(t, err, codes.NotFound, "another custodian's id")
		_, err = q.Record(ctx, &types.QueryRecordRequest{Custodian: a, RecordId: id("a-2"), Version: 3})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.Record(ctx, &types.QueryRecordRequest{Custodian: a, RecordId: "lab-42"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.Record(ctx, &types.QueryRecordRequest{Custodian: "x", RecordId: id("a-1")})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.Record(ctx, nil)
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("RecordHistory", func(t *testing.T) {
		res, err := q.RecordHistory(ctx, &types.QueryRecordHistoryRequest{Custodian: a, RecordId: id("a-2")})
		require.NoError(t, err)
		require.Len(t, res.Versions, 2)
		require.EqualValues(t, 1, res.Versions[0].Version)
		_, err = q.RecordHistory(ctx, &types.QueryRecordHistoryRequest{Custodian: a, RecordId: id("nope")})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.RecordHistory(ctx, &types.QueryRecordHistoryRequest{Custodian: a, RecordId: "x"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("RecordsByPatient", func(t *testing.T) {
		page, err := q.RecordsByPatient(ctx, &types.QueryRecordsByPatientRequest{
			Patient: f.Str("patient-1"), Pagination: &query.PageRequest{Limit: 2, CountTotal: true},
		})
		require.NoError(t, err)
		require.Len(t, page.Records, 2)
		require.EqualValues(t, 3, page.Pagination.Total)
		rest, err := q.RecordsByPatient(ctx, &types.QueryRecordsByPatientRequest{
			Patient: f.Str("patient-1"), Pagination: &query.PageRequest{Key: page.Pagination.NextKey},
		})
		require.NoError(t, err)
		require.Len(t, rest.Records, 1)
		for _, r := range append(page.Records, rest.Records...) {
			if r.RecordId == id("a-2") {
				require.EqualValues(t, 2, r.Version, "listings show the latest version")
			}
		}
		none, err := q.RecordsByPatient(ctx, &types.QueryRecordsByPatientRequest{Patient: f.Str("nobody")})
		require.NoError(t, err)
		require.Empty(t, none.Records)
		_, err = q.RecordsByPatient(ctx, &types.QueryRecordsByPatientRequest{Patient: "x"})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("RecordsByCustodian", func(t *testing.T) {
		byB, err := q.RecordsByCustodian(ctx, &types.QueryRecordsByCustodianRequest{Custodian: f.Str("hospital-b")})
		require.NoError(t, err)
		require.Len(t, byB.Records, 1)
		require.Equal(t, id("b-1"), byB.Records[0].RecordId)
		byA, err := q.RecordsByCustodian(ctx, &types.QueryRecordsByCustodianRequest{Custodian: a})
		require.NoError(t, err)
		require.Len(t, byA.Records, 3)
		none, err := q.RecordsByCustodian(ctx, &types.QueryRecordsByCustodianRequest{Custodian: f.Str("lab-c")})
		require.NoError(t, err)
		require.Empty(t, none.Records)
		_, err = q.RecordsByCustodian(ctx, &types.QueryRecordsByCustodianRequest{Custodian: ""})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.RecordsByCustodian(ctx, &types.QueryRecordsByCustodianRequest{Custodian: a, Pagination: &query.PageRequest{Limit: 5000}})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("RecordsByHash", func(t *testing.T) {
		byHash, err := q.RecordsByHash(ctx, &types.QueryRecordsByHashRequest{
			Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: sha("a-1/v1").Digest,
		})
		require.NoError(t, err)
		require.Len(t, byHash.Records, 2, "two custodians anchored the same content")
		old, err := q.RecordsByHash(ctx, &types.QueryRecordsByHashRequest{
			Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: sha("a-2/v1").Digest,
		})
		require.NoError(t, err)
		require.Len(t, old.Records, 1, "superseded versions stay findable by hash")
		require.EqualValues(t, 1, old.Records[0].Version)
		none, err := q.RecordsByHash(ctx, &types.QueryRecordsByHashRequest{
			Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: sha("never").Digest,
		})
		require.NoError(t, err)
		require.Empty(t, none.Records)
		_, err = q.RecordsByHash(ctx, &types.QueryRecordsByHashRequest{Digest: []byte{1}})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("Batch", func(t *testing.T) {
		res, err := q.Batch(ctx, &types.QueryBatchRequest{BatchId: 1})
		require.NoError(t, err)
		require.Equal(t, root[:], res.Batch.Root)
		_, err = q.Batch(ctx, &types.QueryBatchRequest{BatchId: 2})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.Batch(ctx, &types.QueryBatchRequest{BatchId: 0})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
	t.Run("VerifyInclusion", func(t *testing.T) {
		proof, err := tree.Proof(1)
		require.NoError(t, err)
		leaf := testutil.Hash("l1").Digest
		res, err := q.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaf, LeafIndex: 1, Proof: proof})
		require.NoError(t, err)
		require.True(t, res.Included)
		_, err = q.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 9, Leaf: leaf, LeafIndex: 1, Proof: proof})
		testutil.RequireStatus(t, err, codes.NotFound)
		_, err = q.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaf[:5], LeafIndex: 1, Proof: proof})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaf, LeafIndex: 1, Proof: [][]byte{{1, 2}}})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
		_, err = q.VerifyInclusion(ctx, &types.QueryVerifyInclusionRequest{BatchId: 1, Leaf: leaf, Proof: make([][]byte, 65)})
		testutil.RequireStatus(t, err, codes.InvalidArgument)
	})
}

// A store entry that does not decode is the node's fault: Internal.
func TestQueryStoreFailureIsInternal(t *testing.T) {
	f := newFixture(t)
	f.anchor(t, f.anchorMsg("dr-a", "a-1"))
	key, err := collections.EncodeKeyWithPrefix(types.VersionsKey,
		collections.TripleKeyCodec(sdk.AccAddressKey, collections.StringKey, collections.Uint32Key),
		collections.Join3(f.Addr("hospital-a"), testutil.RecordID("a-1"), uint32(1)))
	require.NoError(t, err)
	f.Ctx.KVStore(f.Keys[types.StoreKey]).Set(key, []byte{0xff, 0x01})
	_, err = f.queries.Record(f.Ctx, &types.QueryRecordRequest{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("a-1")})
	testutil.RequireStatus(t, err, codes.Internal)
}
