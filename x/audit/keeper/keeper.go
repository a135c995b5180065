package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/types"
)

// Keeper owns the audit trail. Its collections are the module's state manifest.
type Keeper struct {
	addressCodec address.Codec
	consent      types.ConsentKeeper
	consortium   types.ConsortiumKeeper
	records      types.RecordsKeeper

	Schema collections.Schema
	// Events holds every access event by id; append-only, never changed or deleted.
	Events collections.Map[uint64, types.AccessEvent]
	// EventSeq numbers events from 1, in the order they happened.
	EventSeq collections.Sequence
	// ByPatient indexes events by (patient, id).
	ByPatient collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// ByAccessor indexes events by (accessor, id).
	ByAccessor collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// ByRecord indexes events by (custodian, record id, id).
	ByRecord collections.KeySet[collections.Triple[sdk.AccAddress, string, uint64]]
	// ByMember indexes events by (accessor's member operator, id).
	ByMember collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// Emergency indexes break-glass events.
	Emergency collections.KeySet[uint64]
}

// NewKeeper builds the keeper over the module's store.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, ac address.Codec,
	consent types.ConsentKeeper, consortium types.ConsortiumKeeper, records types.RecordsKeeper,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	byAddr := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	k := Keeper{
		addressCodec: ac,
		consent:      consent,
		consortium:   consortium,
		records:      records,
		Events:       collections.NewMap(sb, types.EventsKey, "events", collections.Uint64Key, codec.CollValue[types.AccessEvent](cdc)),
		EventSeq:     collections.NewSequence(sb, types.EventSeqKey, "event_seq"),
		ByPatient:    collections.NewKeySet(sb, types.ByPatientKey, "by_patient", byAddr),
		ByAccessor:   collections.NewKeySet(sb, types.ByAccessorKey, "by_accessor", byAddr),
		ByRecord:     collections.NewKeySet(sb, types.ByRecordKey, "by_record", collections.TripleKeyCodec(sdk.AccAddressKey, collections.StringKey, collections.Uint64Key)),
		ByMember:     collections.NewKeySet(sb, types.ByMemberKey, "by_member", byAddr),
		Emergency:    collections.NewKeySet(sb, types.EmergencyKey, "emergency", collections.Uint64Key),
	}
	k.Schema = modulekit.MustBuild(sb)
	return k
}

// AddressCodec converts between account addresses and their bech32 strings.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
