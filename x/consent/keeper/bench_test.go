package keeper_test

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	store "github.com/cosmos/cosmos-sdk/store/v2"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consent/keeper"
	"github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
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
	keys := storetypes.NewKVStoreKeys(consortiumtypes.StoreKey, recordstypes.StoreKey, types.StoreKey)
	cms := store.NewCommitMultiStore(dbm.NewMemDB(), log.NewNopLogger())
	for _, k := range keys {
		cms.MountStoreWithDB(k, storetypes.StoreTypeDB, dbm.NewMemDB())
	}
	if err := cms.LoadLatestVersion(); err != nil {
		b.Fatal(err)
	}
	f := newFixtureOn(b, keys, sdk.NewContext(cms, cmtproto.Header{}, false, log.NewNopLogger()))
	grantees := []sdk.AccAddress{addr("dr-a"), addr("nurse-a"), addr("dr-b"), addr("hospital-a")}
	categories := []recordstypes.Category{recordstypes.Category_CATEGORY_LAB, recordstypes.Category_CATEGORY_IMAGING, recordstypes.Category_CATEGORY_MEDICATION}
	rng := rand.New(rand.NewSource(1))
	start := time.Now()
	for p := range patients {
		f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
		for range perPatient {
			_, err := f.k.Grant(f.ctx, keeper.GrantRequest{
				Patient: addr(fmt.Sprintf("p-%d", p)), Grantee: grantees[rng.Intn(len(grantees))],
				Categories: []recordstypes.Category{categories[rng.Intn(len(categories))]},
				Purposes:   []types.Purpose{treat}, ExpiresAt: t0.Add(time.Duration(1+rng.Intn(300)) * 24 * time.Hour),
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Logf("1,000,000 grants written in %v", time.Since(start))

	for b.Loop() {
		lat := make([]time.Duration, decisions)
		allowed := 0
		for i := range lat {
			req := types.AccessRequest{
				Accessor: grantees[rng.Intn(3)], Patient: addr(fmt.Sprintf("p-%d", rng.Intn(patients))),
				Category: categories[rng.Intn(len(categories))], Purpose: treat,
			}
			s := time.Now()
			d, err := f.k.CheckAccess(f.ctx, req)
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
