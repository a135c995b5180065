package types

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/lightproof"
)

// Key codecs of the collections whose values evidence bundles prove.
var (
	// VersionsKeyCodec keys Versions by (custodian, record id, version).
	VersionsKeyCodec = collections.TripleKeyCodec(sdk.AccAddressKey, collections.StringKey, collections.Uint32Key)
	// LatestKeyCodec keys Latest by (custodian, record id).
	LatestKeyCodec = collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey)
)

// Names of the evidence kinds of the records store.
const (
	versionKind = "record_version"
	latestKind  = "record_latest"
)

// Evidence kinds of the records store.
var (
	// VersionEvidence is one anchored version, named CUSTODIAN/RECORD_ID/VERSION.
	VersionEvidence = lightproof.Kind{
		Name: versionKind, Store: StoreKey, Subject: []string{"custodian", "record_id"},
		Key: func(id string) ([]byte, error) {
			rest, v, ok := strings.Cut(id, "/v")
			version, err := strconv.ParseUint(v, 10, 32)
			if !ok || err != nil || version == 0 || strconv.FormatUint(version, 10) != v {
				return nil, fmt.Errorf("record version %q: want CUSTODIAN/RECORD_ID/vN", id)
			}
			custodian, record, err := recordName(rest)
			if err != nil {
				return nil, err
			}
			return collections.EncodeKeyWithPrefix(VersionsKey, VersionsKeyCodec, collections.Join3(custodian, record, uint32(version)))
		},
		Decode: lightproof.ProtoJSON[RecordVersion](),
		Match: func(subject map[string]string, value []byte) error {
			v, err := lightproof.ProtoValue[RecordVersion](value)
			if err != nil {
				return err
			}
			return matchRecord(subject, v.Custodian, v.RecordId)
		},
	}
	// LatestEvidence is the number of a record's newest version, named
	// CUSTODIAN/RECORD_ID: with it, a history is provably whole.
	LatestEvidence = lightproof.Kind{
		Name: latestKind, Store: StoreKey, Subject: []string{"custodian", "record_id"},
		Key: func(id string) ([]byte, error) {
			custodian, record, err := recordName(id)
			if err != nil {
				return nil, err
			}
			return collections.EncodeKeyWithPrefix(LatestKey, LatestKeyCodec, collections.Join(custodian, record))
		},
		Decode: func(value []byte) (json.RawMessage, error) {
			n, err := collections.Uint32Value.Decode(value)
			if err != nil {
				return nil, err
			}
			return json.Marshal(map[string]uint32{"latest_version": n})
		},
		Whole: wholeHistory,
	}
)

// wholeHistory: a bundle whose subject is one record (records evidence)
// holds its proven newest version number and every version from 1 to it.
func wholeHistory(subject map[string]string, items []lightproof.Item) error {
	custodian, record := subject["custodian"], subject["record_id"]
	if custodian == "" || record == "" {
		return nil
	}
	var latest []uint32
	held := map[string]bool{}
	for _, it := range items {
		switch it.Kind {
		case latestKind:
			if it.ID == custodian+"/"+record && !it.Absent {
				n, err := collections.Uint32Value.Decode(it.Value)
				if err != nil {
					return err
				}
				latest = append(latest, n)
			}
		case versionKind:
			held[it.ID] = true
		}
	}
	if len(latest) != 1 {
		return fmt.Errorf("a history of record %s holds its newest version number once, not %d times", record, len(latest))
	}
	for v := uint32(1); v <= latest[0]; v++ {
		if !held[VersionName(custodian, record, v)] {
			return fmt.Errorf("record %s has %d versions: version %d is missing", record, latest[0], v)
		}
	}
	return nil
}

// VersionName names a record version in evidence: CUSTODIAN/RECORD_ID/vN.
func VersionName(custodian, recordID string, version uint32) string {
	return fmt.Sprintf("%s/%s/v%d", custodian, recordID, version)
}

// recordName reads CUSTODIAN/RECORD_ID.
func recordName(s string) (sdk.AccAddress, string, error) {
	c, record, ok := strings.Cut(s, "/")
	if !ok {
		return nil, "", fmt.Errorf("record %q: want CUSTODIAN/RECORD_ID", s)
	}
	custodian, err := sdk.AccAddressFromBech32(c)
	if err != nil {
		return nil, "", fmt.Errorf("custodian %q: %w", c, err)
	}
	if err := ValidateRecordID(record); err != nil {
		return nil, "", err
	}
	return custodian, record, nil
}

func matchRecord(subject map[string]string, custodian, recordID string) error {
	if c, ok := subject["custodian"]; ok && c != custodian {
		return fmt.Errorf("custodian %s, not %s", custodian, c)
	}
	if r, ok := subject["record_id"]; ok && r != recordID {
		return fmt.Errorf("record %s, not %s", recordID, r)
	}
	return nil
}
