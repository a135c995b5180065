package load

import (
	"testing"
	"time"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var genesisTime = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// members are n member addresses, as medchain writes them.
func members(t *testing.T, n int) []string {
	t.Helper()
	medclient.New(nil, testChainID) // medchain's address prefixes
	out := make([]string, n)
	for i := range out {
		out[i] = randomAddress().String()
	}
	return out
}

func TestSeedPatientsAreFixedAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for i := uint64(0); i < 10_000; i++ {
		p := SeedPatient(i)
		require.Len(t, p, 20)
		require.Equal(t, p, SeedPatient(i), "the same patient every time")
		require.False(t, seen[p.String()], "patient %d repeats", i)
		seen[p.String()] = true
	}
}

func TestSeedGrants(t *testing.T) {
	ms := members(t, 3)
	gs := consenttypes.DefaultGenesis()
	require.NoError(t, SeedGrants(gs, 7, ms, genesisTime))
	require.Len(t, gs.Grants, 7)
	for i, g := range gs.Grants {
		require.Equal(t, uint64(i+1), g.Id)
		require.Equal(t, SeedPatient(uint64(i)).String(), g.Patient)
		require.Equal(t, ms[i%3], g.Grantee, "patients spread over the members in turn")
		require.Equal(t, g.Grantee, g.GranteeMember)
		require.Equal(t, consenttypes.GrantStatus_GRANT_STATUS_ACTIVE, g.Status)
		require.Equal(t, []recordstypes.Category{recordstypes.Category_CATEGORY_LAB}, g.Categories)
		require.Equal(t, []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, g.Purposes)
		require.Equal(t, genesisTime, g.CreatedAt)
		require.True(t, g.ExpiresAt.After(genesisTime.Add(300*24*time.Hour)), "active for the whole benchmark and more")
	}

	// Seeded again: ids go on after the last one, whatever its place.
	gs.Grants[2].Id = 40
	require.NoError(t, SeedGrants(gs, 2, ms, genesisTime))
	require.Equal(t, uint64(41), gs.Grants[7].Id)
	require.Equal(t, uint64(42), gs.Grants[8].Id)
	require.NoError(t, gs.Validate(addresscodec.NewBech32Codec(app.Bech32Prefix)), "a genesis the chain takes")

	require.NoError(t, SeedGrants(gs, 0, ms, genesisTime))
	require.Len(t, gs.Grants, 9, "none asked, none made")
}

func TestSeedGrantsRefuses(t *testing.T) {
	gs := consenttypes.DefaultGenesis()
	require.ErrorContains(t, SeedGrants(gs, MaxSeed+1, members(t, 1), genesisTime), "at most 5000000 grants")
	require.ErrorContains(t, SeedGrants(gs, 1, nil, genesisTime), "at least one member")
	require.Empty(t, gs.Grants, "nothing added when refused")
}

func TestSeedEvents(t *testing.T) {
	ms := members(t, 2)
	gs := audittypes.DefaultGenesis()
	const n = 2*EventsPerPatient + 5
	require.NoError(t, SeedEvents(gs, n, ms, genesisTime))
	require.Len(t, gs.Events, n)
	perPatient := map[string]int{}
	records := map[string]bool{}
	for j, e := range gs.Events {
		require.Equal(t, uint64(j+1), e.Id)
		perPatient[e.Patient]++
		require.NotEqual(t, e.Custodian, e.Accessor, "a member reads another's record")
		require.Equal(t, e.Accessor, e.AccessorMember)
		require.Contains(t, ms, e.Custodian)
		require.Contains(t, ms, e.Accessor)
		require.Equal(t, audittypes.Action_ACTION_READ, e.Action)
		require.Equal(t, audittypes.Decision_DECISION_ALLOWED, e.Decision)
		require.Equal(t, genesisTime, e.Time)
		require.False(t, records[e.RecordId], "record %s read twice", e.RecordId)
		records[e.RecordId] = true
	}
	require.Equal(t, map[string]int{
		SeedPatient(0).String(): EventsPerPatient,
		SeedPatient(1).String(): EventsPerPatient,
		SeedPatient(2).String(): 5,
	}, perPatient)

	require.NoError(t, SeedEvents(gs, 3, ms, genesisTime))
	require.Equal(t, uint64(n+1), gs.Events[n].Id, "ids go on after the last one")
	require.NoError(t, gs.Validate(addresscodec.NewBech32Codec(app.Bech32Prefix)), "a genesis the chain takes")
}

func TestSeedEventsRefuses(t *testing.T) {
	gs := audittypes.DefaultGenesis()
	require.ErrorContains(t, SeedEvents(gs, MaxSeed+1, members(t, 1), genesisTime), "at most 5000000 events")
	require.ErrorContains(t, SeedEvents(gs, 1, []string{}, genesisTime), "at least one member")
	require.Empty(t, gs.Events)
}

func TestTreeRates(t *testing.T) {
	for _, n := range []int{0, -1, 1<<20 + 1} {
		_, _, err := TreeRates(n, time.Millisecond)
		require.ErrorContains(t, err, "leaves: 1..1048576", "n=%d", n)
	}
	for _, n := range []int{1, 2, 33} {
		const d = 20 * time.Millisecond
		start := time.Now()
		build, bare, err := TreeRates(n, d)
		require.NoError(t, err)
		require.GreaterOrEqual(t, time.Since(start), 2*d, "each for at least d")
		require.Positive(t, build, "n=%d", n)
		require.Positive(t, bare, "n=%d", n)
	}
}

func TestRateStopsAtAnError(t *testing.T) {
	calls := 0
	r, err := rate(10, time.Hour, func() error {
		if calls++; calls == 3 {
			return errBroken
		}
		return nil
	})
	require.ErrorIs(t, err, errBroken)
	require.Zero(t, r)
	require.Equal(t, 3, calls)

	r, err = rate(100, 30*time.Millisecond, func() error { time.Sleep(10 * time.Millisecond); return nil })
	require.NoError(t, err)
	require.Positive(t, r)
	require.LessOrEqual(t, r, 100/0.010, "leaves over time: 100 leaves take at least 10 ms")
}
