package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/records/types"
)

// Keeper owns the records state. Its collections are the module's state manifest.
type Keeper struct {
	addressCodec address.Codec
	consortium   types.ConsortiumKeeper

	Schema collections.Schema
	// Versions holds every anchored version by (record id, version); never deleted.
	Versions collections.Map[collections.Pair[string, uint32], types.RecordVersion]
	// Latest is the newest version number of each record.
	Latest collections.Map[string, uint32]
	// ByPatient indexes records by (patient, record id).
	ByPatient collections.KeySet[collections.Pair[sdk.AccAddress, string]]
	// ByCustodian indexes records by (custodian operator, record id).
	ByCustodian collections.KeySet[collections.Pair[sdk.AccAddress, string]]
	// ByHash indexes versions by (algorithm || digest, "record-id/version").
	ByHash collections.KeySet[collections.Pair[[]byte, string]]
	// KnownPatients are patients with at least one anchored record; they may sign.
	KnownPatients collections.KeySet[sdk.AccAddress]
	// Batches holds every anchored Merkle batch by id.
	Batches collections.Map[uint64, types.Batch]
	// BatchSeq numbers batches from 1.
	BatchSeq collections.Sequence
}

// NewKeeper builds the keeper over the module's store.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, ac address.Codec, consortium types.ConsortiumKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		addressCodec:  ac,
		consortium:    consortium,
		Versions:      collections.NewMap(sb, types.VersionsKey, "versions", collections.PairKeyCodec(collections.StringKey, collections.Uint32Key), codec.CollValue[types.RecordVersion](cdc)),
		Latest:        collections.NewMap(sb, types.LatestKey, "latest", collections.StringKey, collections.Uint32Value),
		ByPatient:     collections.NewKeySet(sb, types.ByPatientKey, "by_patient", collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey)),
		ByCustodian:   collections.NewKeySet(sb, types.ByCustodianKey, "by_custodian", collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey)),
		ByHash:        collections.NewKeySet(sb, types.ByHashKey, "by_hash", collections.PairKeyCodec(collections.BytesKey, collections.StringKey)),
		KnownPatients: collections.NewKeySet(sb, types.KnownPatientsKey, "known_patients", sdk.AccAddressKey),
		Batches:       collections.NewMap(sb, types.BatchesKey, "batches", collections.Uint64Key, codec.CollValue[types.Batch](cdc)),
		BatchSeq:      collections.NewSequence(sb, types.BatchSeqKey, "batch_seq"),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// AddressCodec converts between account addresses and their bech32 strings.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
