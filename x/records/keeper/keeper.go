package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/records/types"
)

// RecordKey names a record: (custodian operator, record id).
type RecordKey = collections.Pair[sdk.AccAddress, string]

// Keeper owns the records state. Its collections are the module's state manifest.
type Keeper struct {
	addressCodec address.Codec
	consortium   types.ConsortiumKeeper

	Schema collections.Schema
	// Versions holds every anchored version by (custodian, record id, version); never deleted.
	Versions collections.Map[collections.Triple[sdk.AccAddress, string, uint32], types.RecordVersion]
	// Latest is the newest version number of each record, by (custodian, record id).
	Latest collections.Map[RecordKey, uint32]
	// ByPatient indexes records by (patient, custodian, record id).
	ByPatient collections.KeySet[collections.Triple[sdk.AccAddress, sdk.AccAddress, string]]
	// ByHash indexes versions by (algorithm || digest, custodian, "record-id/version").
	ByHash collections.KeySet[collections.Triple[[]byte, sdk.AccAddress, string]]
	// Batches holds every anchored Merkle batch by id.
	Batches collections.Map[uint64, types.Batch]
	// BatchSeq numbers batches from 1.
	BatchSeq collections.Sequence
}

// NewKeeper builds the keeper over the module's store.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, ac address.Codec, consortium types.ConsortiumKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		addressCodec: ac,
		consortium:   consortium,
		Versions:     collections.NewMap(sb, types.VersionsKey, "versions", types.VersionsKeyCodec, codec.CollValue[types.RecordVersion](cdc)),
		Latest:       collections.NewMap(sb, types.LatestKey, "latest", types.LatestKeyCodec, collections.Uint32Value),
		ByPatient: collections.NewKeySet(sb, types.ByPatientKey, "by_patient",
			collections.TripleKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey, collections.StringKey)),
		ByHash: collections.NewKeySet(sb, types.ByHashKey, "by_hash",
			collections.TripleKeyCodec(collections.BytesKey, sdk.AccAddressKey, collections.StringKey)),
		Batches:  collections.NewMap(sb, types.BatchesKey, "batches", collections.Uint64Key, codec.CollValue[types.Batch](cdc)),
		BatchSeq: collections.NewSequence(sb, types.BatchSeqKey, "batch_seq"),
	}
	k.Schema = modulekit.MustBuild(sb)
	return k
}

// AddressCodec converts between account addresses and their bech32 strings.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
