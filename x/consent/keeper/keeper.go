package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
)

// Keeper owns the consent state. Its collections are the module's state manifest.
type Keeper struct {
	addressCodec address.Codec
	consortium   types.ConsortiumKeeper
	records      types.RecordsKeeper

	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
	// Grants holds every grant, whatever its status, by id.
	Grants collections.Map[uint64, types.Grant]
	// GrantSeq numbers grants from 1.
	GrantSeq collections.Sequence
	// ByPatient indexes every grant by (patient, id).
	ByPatient collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// ByGrantee indexes every grant by (grantee, id).
	ByGrantee collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// ActiveByPatient indexes active grants by (patient, id); decisions read only these.
	ActiveByPatient collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// ActiveCount is the number of each patient's active grants (bounded by params).
	ActiveCount collections.Map[sdk.AccAddress, uint32]
	// ExpiryQueue orders active grants by (expires_at in unix ns, id) for BeginBlock.
	ExpiryQueue collections.KeySet[collections.Pair[int64, uint64]]
	// EndedQueue orders ended grants by (ended_at in unix ns, id), to delete them after the retention param.
	EndedQueue collections.KeySet[collections.Pair[int64, uint64]]

	// Requests holds every consent request, whatever its status, by id.
	Requests collections.Map[uint64, types.ConsentRequest]
	// RequestSeq numbers requests from 1.
	RequestSeq collections.Sequence
	// RequestsByPatient indexes every request by (patient, id).
	RequestsByPatient collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// RequestsByRequester indexes every request by (requester, id).
	RequestsByRequester collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// OpenByPatient indexes pending requests by (patient, id); the flood cap counts these.
	OpenByPatient collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// OpenByPair holds the pending request of each (requester, patient): at most one.
	OpenByPair collections.Map[collections.Pair[sdk.AccAddress, sdk.AccAddress], uint64]
	// RequestExpiryQueue orders pending requests by (expires_at in unix ns, id) for BeginBlock.
	RequestExpiryQueue collections.KeySet[collections.Pair[int64, uint64]]
	// RequestEndedQueue orders ended requests by (ended_at in unix ns, id), to delete them after the retention param.
	RequestEndedQueue collections.KeySet[collections.Pair[int64, uint64]]
}

// NewKeeper builds the keeper over the module's store.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, ac address.Codec, consortium types.ConsortiumKeeper, records types.RecordsKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	byAddr := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	byTime := collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)
	k := Keeper{
		addressCodec:    ac,
		consortium:      consortium,
		records:         records,
		Params:          collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Grants:          collections.NewMap(sb, types.GrantsKey, "grants", collections.Uint64Key, codec.CollValue[types.Grant](cdc)),
		GrantSeq:        collections.NewSequence(sb, types.GrantSeqKey, "grant_seq"),
		ByPatient:       collections.NewKeySet(sb, types.ByPatientKey, "by_patient", byAddr),
		ByGrantee:       collections.NewKeySet(sb, types.ByGranteeKey, "by_grantee", byAddr),
		ActiveByPatient: collections.NewKeySet(sb, types.ActiveByPatientKey, "active_by_patient", byAddr),
		ActiveCount:     collections.NewMap(sb, types.ActiveCountKey, "active_count", sdk.AccAddressKey, collections.Uint32Value),
		ExpiryQueue:     collections.NewKeySet(sb, types.ExpiryQueueKey, "expiry_queue", byTime),
		EndedQueue:      collections.NewKeySet(sb, types.EndedQueueKey, "ended_queue", byTime),

		Requests:            collections.NewMap(sb, types.RequestsKey, "requests", collections.Uint64Key, codec.CollValue[types.ConsentRequest](cdc)),
		RequestSeq:          collections.NewSequence(sb, types.RequestSeqKey, "request_seq"),
		RequestsByPatient:   collections.NewKeySet(sb, types.RequestsByPatientKey, "requests_by_patient", byAddr),
		RequestsByRequester: collections.NewKeySet(sb, types.RequestsByRequesterKey, "requests_by_requester", byAddr),
		OpenByPatient:       collections.NewKeySet(sb, types.OpenByPatientKey, "open_by_patient", byAddr),
		OpenByPair: collections.NewMap(sb, types.OpenByPairKey, "open_by_pair",
			collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey), collections.Uint64Value),
		RequestExpiryQueue: collections.NewKeySet(sb, types.RequestExpiryQueueKey, "request_expiry_queue", byTime),
		RequestEndedQueue:  collections.NewKeySet(sb, types.RequestEndedQueueKey, "request_ended_queue", byTime),
	}
	k.Schema = modulekit.MustBuild(sb)
	return k
}

// AddressCodec converts between account addresses and their bech32 strings.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// addrIndex is an (address, id) index and the address to file an id under.
type addrIndex struct {
	set  collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	addr sdk.AccAddress
}

// putIndexed stores v under id and files id in each index.
func putIndexed[V any](ctx context.Context, values collections.Map[uint64, V], id uint64, v V, indexes ...addrIndex) error {
	if err := values.Set(ctx, id, v); err != nil {
		return err
	}
	for _, ix := range indexes {
		if err := ix.set.Set(ctx, collections.Join(ix.addr, id)); err != nil {
			return err
		}
	}
	return nil
}

// removeIndexed deletes the value under id and its entries in each index.
func removeIndexed[V any](ctx context.Context, values collections.Map[uint64, V], id uint64, indexes ...addrIndex) error {
	for _, ix := range indexes {
		if err := ix.set.Remove(ctx, collections.Join(ix.addr, id)); err != nil {
			return err
		}
	}
	return values.Remove(ctx, id)
}
