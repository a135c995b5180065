package keeper_test

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// BenchmarkEventsByPatientMillion loads 1,000,000 access events (10,000
// patients × 100, interleaved as they would arrive) through genesis into
// plain in-memory KV stores (no IAVL), then times 2,000 EventsByPatient pages
// of 100 for random patients, oldest-first and newest-first, reporting p50/p99.
//
//	go test -run '^$' -bench EventsByPatientMillion -benchtime 1x ./x/audit/keeper
func BenchmarkEventsByPatientMillion(b *testing.B) {
	const patients, perPatient, pages = 10_000, 100, 2_000
	f := newFixture(b)
	accessors := []string{f.Str("cardio"), f.Str("dr-a"), f.Str("er-doc")}
	members := []string{f.Str("hospital-b"), f.Str("hospital-a"), f.Str("er-hospital")}
	decisions := []types.Decision{types.Decision_DECISION_ALLOWED, types.Decision_DECISION_DENIED}
	gs := types.GenesisState{Events: make([]types.AccessEvent, 0, patients*perPatient)}
	for i := range patients * perPatient {
		who := i % len(accessors)
		gs.Events = append(gs.Events, types.AccessEvent{
			Id: uint64(i + 1), Patient: f.Str(fmt.Sprintf("p-%d", i%patients)), Custodian: members[who], RecordId: testutil.RecordID(fmt.Sprintf("r-%d", i%(3*patients))),
			Category: recordstypes.Category_CATEGORY_LAB, Accessor: accessors[who], AccessorMember: members[who],
			Action: types.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT, Decision: decisions[i%2],
			Reason: consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, Time: t0.Add(time.Duration(i) * time.Second), Height: int64(i / 100),
		})
	}
	start := time.Now()
	if err := f.K.InitGenesis(f.Ctx, gs); err != nil {
		b.Fatal(err)
	}
	b.Logf("1,000,000 events loaded in %v", time.Since(start))
	rng := rand.New(rand.NewSource(1))

	for b.Loop() {
		lat := make([]time.Duration, pages)
		for i := range lat {
			req := &types.QueryEventsByPatientRequest{
				Patient:    f.Str(fmt.Sprintf("p-%d", rng.Intn(patients))),
				Pagination: &query.PageRequest{Limit: 100, Reverse: i%2 == 1},
			}
			s := time.Now()
			res, err := f.Queries.EventsByPatient(f.Ctx, req)
			lat[i] = time.Since(s)
			if err != nil || len(res.Events) != 100 {
				b.Fatalf("page %d: %d events, %v", i, len(res.Events), err)
			}
		}
		slices.Sort(lat)
		p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
		b.ReportMetric(float64(p50.Microseconds()), "p50-us")
		b.ReportMetric(float64(p99.Microseconds()), "p99-us")
		b.Logf("EventsByPatient, page of 100, over 1,000,000 events: p50 %v, p99 %v, max %v", p50, p99, lat[len(lat)-1])
	}
}
