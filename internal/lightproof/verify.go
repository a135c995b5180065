package lightproof

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cometbft/cometbft/crypto/merkle"
	"github.com/cometbft/cometbft/light"
	cmtcrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/store/v2/rootmulti"
	"github.com/cosmos/gogoproto/proto"
	ics23 "github.com/cosmos/ics23/go"
)

// evidenceLifetime is how long a verified header stays a valid starting
// point for the next one. CometBFT's light client bounds it by the
// unbonding period to stop long-range forks by validators that left; a
// bundle is checked decades later from an anchor the verifier chose, so the
// bound is the whole life of the evidence. Online answers (query verify)
// start from a recent or genesis anchor on the node the user picked.
const evidenceLifetime = 200 * 365 * 24 * time.Hour

// Kind is one type of proven value: where it lives and how to read it.
type Kind struct {
	Name  string
	Store string
	// Key is the store key of the value named id; verify checks an item's
	// key against it, so an item's id cannot lie.
	Key func(id string) ([]byte, error)
	// Decode renders a stored value as JSON for people.
	Decode func(value []byte) (json.RawMessage, error)
	// Subject names the subject fields Match reads; a bundle whose subject
	// has any other is refused.
	Subject []string
	// Match checks a value against the bundle's subject (nil: any subject).
	Match func(subject map[string]string, value []byte) error
	// Whole, if set, checks the verified items together against the subject
	// (a record's history holds every version); Verify calls it for every
	// kind it knows, whether or not the bundle has items of it.
	Whole func(subject map[string]string, items []Item) error
}

// Kinds are the kinds a verifier knows, by name.
type Kinds map[string]Kind

// NewKinds indexes kinds by name.
func NewKinds(ks ...Kind) Kinds {
	out := Kinds{}
	for _, k := range ks {
		out[k.Name] = k
	}
	return out
}

// Result is what a verified bundle proves.
type Result struct {
	ChainID string
	// Height is the state version of every item; Header is the header of
	// Height+1, whose app hash the proofs reach.
	Height int64
	Header *cmttypes.SignedHeader
	Anchor string
	// Blocks is how many light blocks were checked from the anchor.
	Blocks int
}

// Verify checks the whole bundle against the anchor: the light blocks from
// the anchor to Height+1 with CometBFT's light client (each header signed by
// more than 2/3 of its validators' power, each validator set trusted through
// at least 1/3 of the power of the one before), then every item's proof
// against the app hash. The error names the first light block or item that
// fails.
func Verify(b *Bundle, anchor Anchor, kinds Kinds) (*Result, error) {
	blocks, err := lightBlocks(b)
	if err != nil {
		return nil, err
	}
	if err := anchor.trust(blocks[0], b.ChainID); err != nil {
		return nil, fmt.Errorf("light block 0 (height %d): %w", blocks[0].Height, err)
	}
	for i := 1; i < len(blocks); i++ {
		prev, next := blocks[i-1], blocks[i]
		if err := next.ValidateBasic(b.ChainID); err != nil {
			return nil, fmt.Errorf("light block %d (height %d): %w", i, next.Height, err)
		}
		if err := step(prev, next); err != nil {
			return nil, fmt.Errorf("light block %d (height %d) does not follow from height %d: %w", i, next.Height, prev.Height, err)
		}
	}
	last := blocks[len(blocks)-1]
	if last.Height != b.Height+1 {
		return nil, fmt.Errorf("the last light block is at height %d: the items, proven at height %d, need header %d", last.Height, b.Height, b.Height+1)
	}
	for i, it := range b.Items {
		if err := verifyItem(b, it, last.AppHash, kinds); err != nil {
			return nil, fmt.Errorf("item %d (%s %s): %w", i, it.Kind, it.ID, err)
		}
	}
	names := make([]string, 0, len(kinds))
	for name := range kinds {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if whole := kinds[name].Whole; whole != nil {
			if err := whole(b.Subject, b.Items); err != nil {
				return nil, fmt.Errorf("the items do not answer the subject whole: %w", err)
			}
		}
	}
	return &Result{ChainID: b.ChainID, Height: b.Height, Header: last.SignedHeader, Anchor: anchor.String(), Blocks: len(blocks)}, nil
}

// step verifies next from the trusted prev with CometBFT's light client,
// as of next's own time (a bundle is checked long after it was made), then
// every signature of next's commit, not only the 2/3 the light client
// needs: no byte of a bundle goes unchecked.
func step(prev, next *cmttypes.LightBlock) error {
	err := light.Verify(prev.SignedHeader, prev.ValidatorSet, next.SignedHeader, next.ValidatorSet,
		evidenceLifetime, next.Time.Add(time.Nanosecond), 0, light.DefaultTrustLevel)
	if err != nil {
		return err
	}
	return next.ValidatorSet.VerifyCommit(next.ChainID, next.Commit.BlockID, next.Height, next.Commit)
}

// encodeLightBlock writes lb with its validator set as NewValidatorSet makes
// it from the validators' keys and powers alone (the hash covers nothing
// else), so that one light block has one encoding.
func encodeLightBlock(lb *cmttypes.LightBlock) ([]byte, error) {
	vals := make([]*cmttypes.Validator, len(lb.ValidatorSet.Validators))
	for i, v := range lb.ValidatorSet.Validators {
		vals[i] = cmttypes.NewValidator(v.PubKey, v.VotingPower)
	}
	canonical := cmttypes.LightBlock{SignedHeader: lb.SignedHeader, ValidatorSet: cmttypes.NewValidatorSet(vals)}
	pb, err := canonical.ToProto()
	if err != nil {
		return nil, err
	}
	return proto.Marshal(pb)
}

// lightBlocks decodes the bundle's light blocks, each in canonical form and
// above the one before.
func lightBlocks(b *Bundle) ([]*cmttypes.LightBlock, error) {
	out := make([]*cmttypes.LightBlock, 0, len(b.LightBlocks))
	for i, raw := range b.LightBlocks {
		var pb cmtproto.LightBlock
		if err := canonicalProto(raw, &pb); err != nil {
			return nil, fmt.Errorf("light block %d: %w", i, err)
		}
		lb, err := cmttypes.LightBlockFromProto(&pb)
		if err != nil {
			return nil, fmt.Errorf("light block %d: %w", i, err)
		}
		if again, err := encodeLightBlock(lb); err != nil || !bytes.Equal(again, raw) {
			return nil, fmt.Errorf("light block %d: its validator set is not in canonical form", i)
		}
		if i > 0 && lb.Height <= out[i-1].Height {
			return nil, fmt.Errorf("light block %d (height %d) is not above light block %d (height %d)", i, lb.Height, i-1, out[i-1].Height)
		}
		out = append(out, lb)
	}
	return out, nil
}

func verifyItem(b *Bundle, it Item, appHash []byte, kinds Kinds) error {
	kind, ok := kinds[it.Kind]
	if !ok {
		return errors.New("unknown kind")
	}
	if it.Store != kind.Store {
		return fmt.Errorf("store %q is not the %s store %q", it.Store, kind.Name, kind.Store)
	}
	key, err := kind.Key(it.ID)
	if err != nil {
		return fmt.Errorf("id: %w", err)
	}
	if !bytes.Equal(key, it.Key) {
		return fmt.Errorf("key %x is not the key of %s %s (%x)", []byte(it.Key), it.Kind, it.ID, key)
	}
	var ops cmtcrypto.ProofOps
	if err := canonicalProto(it.Proof, &ops); err != nil {
		return fmt.Errorf("proof: %w", err)
	}
	if it.Absent {
		if len(it.Value) != 0 || len(it.Decoded) != 0 {
			return errors.New("an absent item carries a value")
		}
		if err := proofRuntime.VerifyAbsence(&ops, appHash, keyPath(it.Store, it.Key)); err != nil {
			return fmt.Errorf("proof of absence does not verify against the app hash of header %d: %w", b.Height+1, err)
		}
		return absenceNamesKey(&ops, it.Key)
	}
	if len(it.Value) == 0 {
		return errors.New("no value")
	}
	if err := proofRuntime.VerifyValue(&ops, appHash, keyPath(it.Store, it.Key), it.Value); err != nil {
		return fmt.Errorf("proof does not verify against the app hash of header %d: %w", b.Height+1, err)
	}
	decoded, err := kind.Decode(it.Value)
	if err != nil {
		return fmt.Errorf("value: %w", err)
	}
	if err := sameJSON(it.Decoded, decoded); err != nil {
		return fmt.Errorf("decoded is not the proven value: %w", err)
	}
	for field := range b.Subject {
		if !slices.Contains(kind.Subject, field) {
			return fmt.Errorf("the subject's %q is not one a %s answers", field, kind.Name)
		}
	}
	if kind.Match != nil {
		if err := kind.Match(b.Subject, it.Value); err != nil {
			return fmt.Errorf("not what the bundle's subject asks: %w", err)
		}
	}
	return nil
}

// absenceNamesKey checks that the ICS23 non-existence proof names the key it
// proves absent: ICS23 checks the neighbours around the key it is given and
// ignores the one the proof carries, which must then say the same.
func absenceNamesKey(ops *cmtcrypto.ProofOps, key []byte) error {
	if len(ops.Ops) == 0 {
		return errors.New("empty proof")
	}
	var p ics23.CommitmentProof
	if err := p.Unmarshal(ops.Ops[0].Data); err != nil {
		return fmt.Errorf("proof of absence: %w", err)
	}
	if ne := p.GetNonexist(); ne == nil || !bytes.Equal(ne.Key, key) {
		return errors.New("proof of absence names another key")
	}
	return nil
}

// proofRuntime verifies the IAVL and multistore proof operators the SDK's
// store returns.
var proofRuntime = rootmulti.DefaultProofRuntime()

// keyPath is the merkle key path of key in the module store: the store name,
// then the key, outermost last.
func keyPath(store string, key []byte) string {
	kp := merkle.KeyPath{}.AppendKey([]byte(store), merkle.KeyEncodingURL).AppendKey(key, merkle.KeyEncodingHex)
	return kp.String()
}

// canonicalProto decodes data into msg and refuses any encoding but msg's own.
func canonicalProto(data []byte, msg proto.Message) error {
	if err := proto.Unmarshal(data, msg); err != nil {
		return err
	}
	again, err := proto.Marshal(msg)
	if err != nil {
		return err
	}
	if !bytes.Equal(again, data) {
		return errors.New("not in canonical protobuf form")
	}
	return nil
}
