package load

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Seeds of a query benchmark: a genesis with many grants and access
// events, so that queries under load run against a store of realistic size.
const (
	// MaxSeed bounds the grants and the events one genesis gets.
	MaxSeed = 5_000_000
	// EventsPerPatient is how many access events each seeded patient has.
	EventsPerPatient = 10
	// seedGrantLife is how long a seeded grant lasts from the genesis time.
	seedGrantLife = 365 * 24 * time.Hour
)

// SeedPatient is the i-th seeded patient's address: a hash of i, the same
// in the genesis and in the prober, so the prober asks about patients
// that have grants and events without reading the genesis.
func SeedPatient(i uint64) sdk.AccAddress {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], i)
	h := sha256.Sum256(append([]byte("medchain-bench-patient/"), b[:]...))
	return sdk.AccAddress(h[:20])
}

// SeedGrants appends n active grants to gs, from ids after its last one:
// seeded patient i grants members[i mod len(members)] lab records for
// treatment from genesis for a year.
func SeedGrants(gs *consenttypes.GenesisState, n uint64, members []string, genesis time.Time) error {
	next, err := seedStart("grants", n, members, gs.Grants, func(g consenttypes.Grant) uint64 { return g.Id })
	if err != nil {
		return err
	}
	for i := uint64(0); i < n; i++ {
		grantee := members[i%uint64(len(members))]
		gs.Grants = append(gs.Grants, consenttypes.Grant{
			Id: next + i, Patient: SeedPatient(i).String(), Grantee: grantee, GranteeMember: grantee,
			Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
			Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT},
			CreatedAt:  genesis, ExpiresAt: genesis.Add(seedGrantLife), Status: consenttypes.GrantStatus_GRANT_STATUS_ACTIVE,
		})
	}
	return nil
}

// SeedEvents appends n allowed read events to gs, from ids after its last
// one: EventsPerPatient for each of the first seeded patients, each a read
// of a lab record of members[j mod len] by the next member, for treatment.
func SeedEvents(gs *audittypes.GenesisState, n uint64, members []string, genesis time.Time) error {
	next, err := seedStart("events", n, members, gs.Events, func(e audittypes.AccessEvent) uint64 { return e.Id })
	if err != nil {
		return err
	}
	m := uint64(len(members))
	for j := uint64(0); j < n; j++ {
		id := sha256.Sum256([]byte(fmt.Sprintf("medchain-bench-record/%d", j)))
		accessor := members[(j+1)%m]
		gs.Events = append(gs.Events, audittypes.AccessEvent{
			Id: next + j, Patient: SeedPatient(j / EventsPerPatient).String(),
			Custodian: members[j%m], RecordId: hex.EncodeToString(id[:16]), Category: recordstypes.Category_CATEGORY_LAB,
			Accessor: accessor, AccessorMember: accessor, Action: audittypes.Action_ACTION_READ,
			Purpose: consenttypes.Purpose_PURPOSE_TREAT, Decision: audittypes.Decision_DECISION_ALLOWED,
			Reason: consenttypes.DecisionReason_DECISION_REASON_GRANTED, Time: genesis, Height: 1,
		})
	}
	return nil
}

// seedStart checks a seed's bounds and returns the first id after those
// the genesis has.
func seedStart[T any](what string, n uint64, members []string, have []T, id func(T) uint64) (uint64, error) {
	if n > MaxSeed || len(members) == 0 {
		return 0, fmt.Errorf("seed %d %s for %d members: at most %d %s, at least one member", n, what, len(members), MaxSeed, what)
	}
	next := uint64(1)
	for _, x := range have {
		next = max(next, id(x)+1)
	}
	return next, nil
}
