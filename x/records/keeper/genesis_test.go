package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/types"
)

// withNote: batched, and dr-b's mental-health note of patient-2
// (anchored restricted).
func withNote(t testing.TB) *fixture {
	f := batched(t)
	f.Anchor("dr-b", "patient-2", "note", mentalHealth)
	return f
}

// fresh is a new stack, without records.
func fresh(t testing.TB) *testutil.Stack { return newFixture(t).Stack }

func TestGenesisRoundTrip(t *testing.T) {
	gs := testutil.RecordsGenesis.MustExport(t, withNote(t).Stack)
	require.Len(t, gs.Versions, 3)
	require.Len(t, gs.Batches, 1)

	g := newFixture(t)
	testutil.RecordsGenesis.RequireRoundTrip(t, g.Stack, gs)
	known, err := g.Consortium.IsPatient(g.Ctx, g.Addr("patient-1"))
	require.NoError(t, err)
	require.True(t, known, "genesis records make their patients known")
	byPatient, err := g.Queries.RecordsByPatient(g.Ctx, &types.QueryRecordsByPatientRequest{Patient: g.Str("patient-2")})
	require.NoError(t, err)
	require.Len(t, byPatient.Records, 1, "indexes are rebuilt")
	res, err := g.Msgs.AnchorBatch(g.Ctx, g.batchMsg(testutil.Hash("root2").Digest, 1))
	require.NoError(t, err)
	require.EqualValues(t, 2, res.BatchId, "batch ids continue after genesis")
}

// Validate checks everything InitGenesis relies on; InitGenesis refuses
// what Validate refuses.
func TestGenesisValidation(t *testing.T) {
	f := batched(t)
	good := testutil.RecordsGenesis.MustExport(t, f.Stack)
	cases := []testutil.GenesisCase[types.GenesisState]{
		testutil.Refuse("history not starting at 1", func(gs *types.GenesisState) { gs.Versions = gs.Versions[1:] }, types.ErrInvalidGenesis),
		testutil.Refuse("versions out of order", func(gs *types.GenesisState) { gs.Versions[0], gs.Versions[1] = gs.Versions[1], gs.Versions[0] }, types.ErrInvalidGenesis),
		testutil.Refuse("patient changes between versions", func(gs *types.GenesisState) { gs.Versions[1].Patient = f.Str("patient-9") }, types.ErrInvalidGenesis),
		testutil.Refuse("category changes between versions", func(gs *types.GenesisState) {
			gs.Versions[1].Category = types.Category_CATEGORY_IMAGING
		}, types.ErrInvalidGenesis),
		testutil.Refuse("version 1 with an amendment reason", func(gs *types.GenesisState) {
			gs.Versions[0].AmendReason = types.AmendReason_AMEND_REASON_CORRECTION
		}, types.ErrInvalidReason),
		testutil.Refuse("amendment without a reason", func(gs *types.GenesisState) { gs.Versions[1].AmendReason = 0 }, types.ErrInvalidReason),
		testutil.Refuse("bad custodian", func(gs *types.GenesisState) { gs.Versions[0].Custodian = "x" }, types.ErrInvalidAddress),
		testutil.Refuse("bad anchored_by", func(gs *types.GenesisState) { gs.Versions[0].AnchoredBy = "" }, types.ErrInvalidAddress),
		testutil.Refuse("readable record id", func(gs *types.GenesisState) { gs.Versions[0].RecordId = "jane-doe" }, types.ErrInvalidRecordID),
		testutil.Refuse("sensitive category", func(gs *types.GenesisState) { gs.Versions[0].Category = mentalHealth }, types.ErrSensitiveCategory),
		testutil.Refuse("bad hash", func(gs *types.GenesisState) { gs.Versions[0].ContentHash.Digest = nil }, types.ErrInvalidHash),
		testutil.Refuse("bad URI", func(gs *types.GenesisState) { gs.Versions[0].Uri = "ipfs://x" }, types.ErrInvalidURI),
		testutil.Refuse("batch id 0", func(gs *types.GenesisState) { gs.Batches[0].Id = 0 }, types.ErrInvalidGenesis),
		testutil.Refuse("batch id twice", func(gs *types.GenesisState) { gs.Batches = append(gs.Batches, gs.Batches[0]) }, types.ErrInvalidGenesis),
		testutil.Refuse("batch with a bad root", func(gs *types.GenesisState) { gs.Batches[0].Root = []byte{1} }, types.ErrInvalidBatch),
		testutil.Refuse("batch of a bad custodian", func(gs *types.GenesisState) { gs.Batches[0].Custodian = "c" }, types.ErrInvalidAddress),
	}
	testutil.RecordsGenesis.RequireRefused(t, testutil.RecordsGenesis.Exported(f.Stack), fresh, cases)
	require.NoError(t, good.Validate(f.AC))
}

// Any records genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/records/keeper
func FuzzGenesis(f *testing.F) {
	gs := testutil.RecordsGenesis.MustExport(f, withNote(f).Stack)
	testutil.FuzzGenesis(f, []types.GenesisState{*types.DefaultGenesis(), *gs},
		fresh, testutil.RecordsGenesis)
}
