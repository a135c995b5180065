package keeper_test

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// BenchmarkCheckAccessMillionGrants puts 1,000,000 active grants in state
// (100,000 patients × 10 grants, to three clinicians and a hospital) and times
// 20,000 CheckAccess decisions for random patients, reporting p50 and p99.
// Stores are plain key-value stores over memory (no IAVL), so the figures are
// the module's own work: index walks, decoding and matching.
//
//	go test -run '^$' -bench CheckAccessMillion -benchtime 1x ./x/consent/keeper
func BenchmarkCheckAccessMillionGrants(b *testing.B) {
	const patients, perPatient, decisions = 100_000, 10, 20_000
	f := newFixture(b)
	grantees := []sdk.AccAddress{f.Addr("dr-a"), f.Addr("nurse-a"), f.Addr("dr-b"), f.Addr("hospital-a")}
	categories := []recordstypes.Category{recordstypes.Category_CATEGORY_LAB, recordstypes.Category_CATEGORY_IMAGING, recordstypes.Category_CATEGORY_MEDICATION}
	rng := rand.New(rand.NewSource(1))
	start := time.Now()
	f.grantMany(b, patients, perPatient, func() keeper.GrantRequest {
		return keeper.GrantRequest{
			Grantee: grantees[rng.Intn(len(grantees))], Categories: []recordstypes.Category{categories[rng.Intn(len(categories))]},
			Purposes: []types.Purpose{treat}, ExpiresAt: t0.Add(time.Duration(1+rng.Intn(300)) * 24 * time.Hour),
		}
	})
	b.Logf("1,000,000 grants written in %v", time.Since(start))

	for b.Loop() {
		lat := make([]time.Duration, decisions)
		allowed := 0
		for i := range lat {
			req := types.AccessRequest{
				Accessor: grantees[rng.Intn(3)], Patient: f.Addr(fmt.Sprint("patient-", rng.Intn(patients))),
				Category: categories[rng.Intn(len(categories))], Purpose: treat,
			}
			s := time.Now()
			d, err := f.K.CheckAccess(f.Ctx, req)
			lat[i] = time.Since(s)
			if err != nil {
				b.Fatal(err)
			}
			if d.Allowed {
				allowed++
			}
		}
		slices.Sort(lat)
		p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
		b.ReportMetric(float64(p50.Nanoseconds()), "p50-ns")
		b.ReportMetric(float64(p99.Nanoseconds()), "p99-ns")
		b.Logf("CheckAccess over 1,000,000 grants: p50 %v, p99 %v, max %v (%d of %d allowed)", p50, p99, lat[len(lat)-1], allowed, decisions)
	}
}
