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
	f := anchored(t, "dr-a", "a-1", "a-2", "a-3")
	other := f.anchorMsg("dr-b", "b-1")
	other.Patient, other.ContentHash = f.Str("patient-2"), sha("a-1/v1") // same content as a-1
	f.anchor(t, other)
	_, err := f.Msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "a-2", "a-2/v2"))
	require.NoError(t, err)
	tree, err := merkle.Build([][]byte{testutil.Hash("l0").Digest, testutil.Hash("l1").Digest})
	require.NoError(t, err)
	root := tree.Root()
	_, err = f.Msgs.AnchorBatch(f.Ctx, f.batchMsg(root[:], 2))
	require.NoError(t, err)
	q, ctx := f.Queries, f.Ctx
	a, id := f.Str("hospital-a"), testutil.RecordID

	t.Run("Record", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.Record, testutil.Answers[*types.QueryRecordRequest]{
			codes.OK: {{Custodian: a, RecordId: id("a-2")}, {Custodian: a, RecordId: id("a-2"), Version: 1}},
			codes.NotFound: {
				{Custodian: a, RecordId: id("nope")},
				{Custodian: f.Str("hospital-b"), RecordId: id("a-1")}, // another custodian's id
				{Custodian: a, RecordId: id("a-2"), Version: 3},
			},
			codes.InvalidArgument: {{Custodian: a, RecordId: "lab-42"}, {Custodian: "x", RecordId: id("a-1")}, nil},
		})
		latest, v1 := res[0], res[1]
		require.EqualValues(t, 2, latest.Record.Version)
		require.EqualValues(t, 2, latest.LatestVersion)
		require.EqualValues(t, 1, v1.Record.Version)
	})
	t.Run("RecordHistory", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.RecordHistory, testutil.Answers[*types.QueryRecordHistoryRequest]{
			codes.OK:              {{Custodian: a, RecordId: id("a-2")}},
			codes.NotFound:        {{Custodian: a, RecordId: id("nope")}},
			codes.InvalidArgument: {{Custodian: a, RecordId: "x"}},
		})
		require.Len(t, res[0].Versions, 2)
		require.EqualValues(t, 1, res[0].Versions[0].Version)
	})
	t.Run("RecordsByPatient", func(t *testing.T) {
		page, err := q.RecordsByPatient(ctx, &types.QueryRecordsByPatientRequest{
			Patient: f.Str("patient-1"), Pagination: &query.PageRequest{Limit: 2, CountTotal: true},
		})
		require.NoError(t, err)
		require.Len(t, page.Records, 2)
		require.EqualValues(t, 3, page.Pagination.Total)
		res := testutil.RequireAnswers(t, ctx, q.RecordsByPatient, testutil.Answers[*types.QueryRecordsByPatientRequest]{
			codes.OK:              {{Patient: f.Str("patient-1"), Pagination: &query.PageRequest{Key: page.Pagination.NextKey}}, {Patient: f.Str("nobody")}},
			codes.InvalidArgument: {{Patient: "x"}},
		})
		rest, none := res[0], res[1]
		require.Len(t, rest.Records, 1)
		for _, r := range append(page.Records, rest.Records...) {
			if r.RecordId == id("a-2") {
				require.EqualValues(t, 2, r.Version, "listings show the latest version")
			}
		}
		require.Empty(t, none.Records)
	})
	t.Run("RecordsByCustodian", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.RecordsByCustodian, testutil.Answers[*types.QueryRecordsByCustodianRequest]{
			codes.OK:              {{Custodian: f.Str("hospital-b")}, {Custodian: a}, {Custodian: f.Str("lab-c")}},
			codes.InvalidArgument: {{Custodian: ""}, {Custodian: a, Pagination: &query.PageRequest{Limit: 5000}}},
		})
		byB, byA, none := res[0], res[1], res[2]
		require.Len(t, byB.Records, 1)
		require.Equal(t, id("b-1"), byB.Records[0].RecordId)
		require.Len(t, byA.Records, 3)
		require.Empty(t, none.Records)
	})
	t.Run("RecordsByHash", func(t *testing.T) {
		sha256 := func(content string) *types.QueryRecordsByHashRequest {
			return &types.QueryRecordsByHashRequest{Algorithm: types.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: sha(content).Digest}
		}
		res := testutil.RequireAnswers(t, ctx, q.RecordsByHash, testutil.Answers[*types.QueryRecordsByHashRequest]{
			codes.OK:              {sha256("a-1/v1"), sha256("a-2/v1"), sha256("never")},
			codes.InvalidArgument: {{Digest: []byte{1}}},
		})
		byHash, old, none := res[0], res[1], res[2]
		require.Len(t, byHash.Records, 2, "two custodians anchored the same content")
		require.Len(t, old.Records, 1, "superseded versions stay findable by hash")
		require.EqualValues(t, 1, old.Records[0].Version)
		require.Empty(t, none.Records)
	})
	t.Run("Batch", func(t *testing.T) {
		res := testutil.RequireAnswers(t, ctx, q.Batch, testutil.Answers[*types.QueryBatchRequest]{
			codes.OK:              {{BatchId: 1}},
			codes.NotFound:        {{BatchId: 2}},
			codes.InvalidArgument: {{BatchId: 0}},
		})
		require.Equal(t, root[:], res[0].Batch.Root)
	})
	t.Run("VerifyInclusion", func(t *testing.T) {
		proof, err := tree.Proof(1)
		require.NoError(t, err)
		leaf := testutil.Hash("l1").Digest
		res := testutil.RequireAnswers(t, ctx, q.VerifyInclusion, testutil.Answers[*types.QueryVerifyInclusionRequest]{
			codes.OK:       {{BatchId: 1, Leaf: leaf, LeafIndex: 1, Proof: proof}},
			codes.NotFound: {{BatchId: 9, Leaf: leaf, LeafIndex: 1, Proof: proof}},
			codes.InvalidArgument: {
				{BatchId: 1, Leaf: leaf[:5], LeafIndex: 1, Proof: proof},
				{BatchId: 1, Leaf: leaf, LeafIndex: 1, Proof: [][]byte{{1, 2}}},
				{BatchId: 1, Leaf: leaf, Proof: make([][]byte, 65)},
			},
		})
		require.True(t, res[0].Included)
	})
}

// A store entry that does not decode is the node's fault: Internal.
func TestQueryStoreFailureIsInternal(t *testing.T) {
	f := anchored(t, "dr-a", "a-1")
	key, err := collections.EncodeKeyWithPrefix(types.VersionsKey,
		collections.TripleKeyCodec(sdk.AccAddressKey, collections.StringKey, collections.Uint32Key),
		collections.Join3(f.Addr("hospital-a"), testutil.RecordID("a-1"), uint32(1)))
	require.NoError(t, err)
	f.Ctx.KVStore(f.Keys[types.StoreKey]).Set(key, []byte{0xff, 0x01})
	_, err = f.Queries.Record(f.Ctx, &types.QueryRecordRequest{Custodian: f.Str("hospital-a"), RecordId: testutil.RecordID("a-1")})
	testutil.RequireStatus(t, err, codes.Internal)
}
