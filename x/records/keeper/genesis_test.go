package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/records/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.anchor(t, f.anchorMsg("dr-a", "obs-1"))
	_, err := f.msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "obs-1", "v2"))
	require.NoError(t, err)
	f.Anchor("dr-b", "patient-2", "note", mentalHealth)
	_, err = f.msgs.AnchorBatch(f.Ctx, f.batchMsg(testutil.Hash("root").Digest, 10))
	require.NoError(t, err)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.Versions, 3)
	require.Len(t, gs.Batches, 1)

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.Ctx, *gs))
	again, err := g.k.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)
	known, err := g.Consortium.IsPatient(g.Ctx, g.Addr("patient-1"))
	require.NoError(t, err)
	require.True(t, known, "genesis records make their patients known")
	byPatient, err := g.queries.RecordsByPatient(g.Ctx, &types.QueryRecordsByPatientRequest{Patient: g.Str("patient-2")})
	require.NoError(t, err)
	require.Len(t, byPatient.Records, 1, "indexes are rebuilt")
	res, err := g.msgs.AnchorBatch(g.Ctx, g.batchMsg(testutil.Hash("root2").Digest, 1))
	require.NoError(t, err)
	require.EqualValues(t, 2, res.BatchId, "batch ids continue after genesis")
}

// Validate checks everything InitGenesis relies on; InitGenesis refuses
// what Validate refuses.
func TestGenesisValidation(t *testing.T) {
	f := newFixture(t)
	f.anchor(t, f.anchorMsg("dr-a", "obs-1"))
	_, err := f.msgs.AmendRecord(f.Ctx, f.amendMsg("dr-a", "obs-1", "v2"))
	require.NoError(t, err)
	_, err = f.msgs.AnchorBatch(f.Ctx, f.batchMsg(testutil.Hash("root").Digest, 10))
	require.NoError(t, err)
	good, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	cases := []struct {
		name   string
		mutate func(gs *types.GenesisState)
		err    error
	}{
		{"history not starting at 1", func(gs *types.GenesisState) { gs.Versions = gs.Versions[1:] }, types.ErrInvalidGenesis},
		{"versions out of order", func(gs *types.GenesisState) { gs.Versions[0], gs.Versions[1] = gs.Versions[1], gs.Versions[0] }, types.ErrInvalidGenesis},
		{"patient changes between versions", func(gs *types.GenesisState) { gs.Versions[1].Patient = f.Str("patient-9") }, types.ErrInvalidGenesis},
		{"category changes between versions", func(gs *types.GenesisState) {
			gs.Versions[1].Category = types.Category_CATEGORY_IMAGING
		}, types.ErrInvalidGenesis},
		{"version 1 with an amendment reason", func(gs *types.GenesisState) {
			gs.Versions[0].AmendReason = types.AmendReason_AMEND_REASON_CORRECTION
		}, types.ErrInvalidReason},
		{"amendment without a reason", func(gs *types.GenesisState) { gs.Versions[1].AmendReason = 0 }, types.ErrInvalidReason},
		{"bad custodian", func(gs *types.GenesisState) { gs.Versions[0].Custodian = "x" }, types.ErrInvalidAddress},
		{"bad anchored_by", func(gs *types.GenesisState) { gs.Versions[0].AnchoredBy = "" }, types.ErrInvalidAddress},
		{"readable record id", func(gs *types.GenesisState) { gs.Versions[0].RecordId = "jane-doe" }, types.ErrInvalidRecordID},
		{"sensitive category", func(gs *types.GenesisState) { gs.Versions[0].Category = mentalHealth }, types.ErrSensitiveCategory},
		{"bad hash", func(gs *types.GenesisState) { gs.Versions[0].ContentHash.Digest = nil }, types.ErrInvalidHash},
		{"bad URI", func(gs *types.GenesisState) { gs.Versions[0].Uri = "ipfs://x" }, types.ErrInvalidURI},
		{"batch id 0", func(gs *types.GenesisState) { gs.Batches[0].Id = 0 }, types.ErrInvalidGenesis},
		{"batch id twice", func(gs *types.GenesisState) { gs.Batches = append(gs.Batches, gs.Batches[0]) }, types.ErrInvalidGenesis},
		{"batch with a bad root", func(gs *types.GenesisState) { gs.Batches[0].Root = []byte{1} }, types.ErrInvalidBatch},
		{"batch of a bad custodian", func(gs *types.GenesisState) { gs.Batches[0].Custodian = "c" }, types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.k.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.mutate(gs)
			require.ErrorIs(t, gs.Validate(f.AC), tc.err)
			g := newFixture(t)
			require.ErrorIs(t, g.k.InitGenesis(g.Ctx, *gs), tc.err)
		})
	}
	require.NoError(t, good.Validate(f.AC))
}

// Any records genesis Validate accepts loads, and exports valid again.
//
//	go test -fuzz FuzzGenesis -fuzztime 10m ./x/records/keeper
func FuzzGenesis(f *testing.F) {
	fx := newFixture(f)
	fx.anchor(f, fx.anchorMsg("dr-a", "obs-1"))
	_, err := fx.msgs.AmendRecord(fx.Ctx, fx.amendMsg("dr-a", "obs-1", "v2"))
	require.NoError(f, err)
	fx.Anchor("dr-b", "patient-2", "note", mentalHealth)
	_, err = fx.msgs.AnchorBatch(fx.Ctx, fx.batchMsg(testutil.Hash("root").Digest, 10))
	require.NoError(f, err)
	gs, err := fx.k.ExportGenesis(fx.Ctx)
	require.NoError(f, err)
	testutil.FuzzGenesis(f, []types.GenesisState{*types.DefaultGenesis(), *gs},
		func(t testing.TB) *testutil.Stack { return newFixture(t).Stack },
		func(s *testutil.Stack, g types.GenesisState) error { return s.Records.InitGenesis(s.Ctx, g) },
		func(s *testutil.Stack) (*types.GenesisState, error) { return s.Records.ExportGenesis(s.Ctx) })
}
