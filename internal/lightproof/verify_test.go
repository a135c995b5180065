package lightproof_test

import (
	"bytes"
	"fmt"
	"testing"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/testutil"
)

// twoNotes is a chain at height 6 whose state holds notes a and b (b
// changed at version 4) and never held c.
func twoNotes(t testing.TB) noteChain {
	c := newTestChain(t)
	c.notes(map[string]string{"a": "allergy note", "b": "old"})
	c.Grow(3)
	c.notes(map[string]string{"b": "amended"})
	c.Grow(6)
	return c
}

func TestVerifyAcceptsTheRightValues(t *testing.T) {
	c := twoNotes(t)
	b := c.bundle(1, nil, "a", "b", "c")
	res, err := lightproof.Verify(b, c.Anchor(1), kinds)
	require.NoError(t, err)
	require.EqualValues(t, 5, res.Height, "proven at the latest height but one")
	require.Equal(t, c.Blocks[6].Hash(), res.Header.Hash())
	require.Equal(t, 2, res.Blocks, "one step from the anchor: the validators never changed")
	require.JSONEq(t, `{"text":"allergy note"}`, string(b.Items[0].Decoded))
	require.JSONEq(t, `{"text":"amended"}`, string(b.Items[1].Decoded), "the value at the proof height, not an older one")
	require.True(t, b.Items[2].Absent, "c was never stored: its absence is proven")

	// Any header of the chain up to the proof height may be the anchor.
	_, err = lightproof.Verify(c.bundle(5, nil, "a"), c.Anchor(5), kinds)
	require.NoError(t, err)
}

// Each tampering is refused, and the error names the part that fails.
func TestVerifyRefusesTampering(t *testing.T) {
	c := twoNotes(t)
	other := c.bundle(1, nil, "b")
	cases := map[string]struct {
		tamper func(b *lightproof.Bundle)
		want   string
	}{
		"value": {func(b *lightproof.Bundle) { b.Items[0].Value = []byte("no allergy") }, "item 0 (note a): proof does not verify"},
		"decoded view": {func(b *lightproof.Bundle) { b.Items[0].Decoded = []byte(`{"text":"no allergy"}`) },
			"item 0 (note a): decoded is not the proven value"},
		"key": {func(b *lightproof.Bundle) { b.Items[0].Key = []byte("note/b") }, "item 0 (note a): key 6e6f74652f62 is not the key"},
		"id and key together": {func(b *lightproof.Bundle) { b.Items[0].ID, b.Items[0].Key = "b", []byte("note/b") },
			"item 0 (note b): proof does not verify"},
		"proof": {func(b *lightproof.Bundle) { b.Items[0].Proof = other.Items[0].Proof }, "item 0 (note a): proof does not verify"},
		"proof bytes": {func(b *lightproof.Bundle) { b.Items[0].Proof = flip(b.Items[0].Proof, len(b.Items[0].Proof)-3) },
			"item 0 (note a): proof"},
		"absent claimed for a stored value": {func(b *lightproof.Bundle) { b.Items[0].Value, b.Items[0].Decoded, b.Items[0].Absent = nil, nil, true },
			"item 0 (note a): proof of absence does not verify"},
		"unknown kind":  {func(b *lightproof.Bundle) { b.Items[0].Kind = "grant" }, "item 0 (grant a): unknown kind"},
		"another store": {func(b *lightproof.Bundle) { b.Items[0].Store = "audit" }, `item 0 (note a): store "audit"`},
		"subject": {func(b *lightproof.Bundle) { b.Subject = map[string]string{"prefix": "lab"} },
			"item 0 (note a): not what the bundle's subject asks"},
		"subject field": {func(b *lightproof.Bundle) { b.Subject = map[string]string{"prefiks": "allergy"} },
			`item 0 (note a): the subject's "prefiks" is not one a note answers`},
		"app hash in a header": {func(b *lightproof.Bundle) {
			b.LightBlocks[1] = reencode(t, b.LightBlocks[1], func(lb *cmttypes.LightBlock) { lb.AppHash = bytes.Repeat([]byte{7}, 32) })
		}, "light block 1 (height 6): invalid signed header: commit signs block"},
		"header time": {func(b *lightproof.Bundle) {
			b.LightBlocks[1] = reencode(t, b.LightBlocks[1], func(lb *cmttypes.LightBlock) { lb.Time = lb.Time.Add(1) })
		}, "light block 1 (height 6)"},
		"anchor header": {func(b *lightproof.Bundle) {
			b.LightBlocks[0] = reencode(t, b.LightBlocks[0], func(lb *cmttypes.LightBlock) { lb.AppHash = bytes.Repeat([]byte{7}, 32) })
		}, "light block 0 (height 1)"},
		"no header after the proof height": {func(b *lightproof.Bundle) { b.LightBlocks = b.LightBlocks[:1] },
			"the last light block is at height 1"},
		"proof height": {func(b *lightproof.Bundle) { b.Height = 4 }, "the last light block is at height 6"},
		"chain id":     {func(b *lightproof.Bundle) { b.ChainID = "medchain-other" }, "light block 0 (height 1)"},
		"blocks out of order": {func(b *lightproof.Bundle) { b.LightBlocks[0], b.LightBlocks[1] = b.LightBlocks[1], b.LightBlocks[0] },
			"light block 1 (height 1) is not above light block 0"},
		"light block bytes": {func(b *lightproof.Bundle) { b.LightBlocks[1] = flip(b.LightBlocks[1], 40) }, "light block 1"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			b := c.bundle(1, map[string]string{"prefix": "allergy"}, "a")
			_, err := lightproof.Verify(b, c.Anchor(1), kinds)
			require.NoError(t, err, "untampered")
			tc.tamper(b)
			_, err = lightproof.Verify(b, c.Anchor(1), kinds)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestVerifyRefusesAnotherAnchor(t *testing.T) {
	c := twoNotes(t)
	b := c.bundle(1, nil, "a")
	_, err := lightproof.Verify(b, c.Anchor(2), kinds)
	require.ErrorContains(t, err, "light block 0 (height 1): is at height 1, not the trusted height 2")
	wrong := c.Anchor(1)
	wrong.Hash = c.Blocks[2].Hash()
	_, err = lightproof.Verify(b, wrong, kinds)
	require.ErrorContains(t, err, "light block 0 (height 1): has hash")
}

// A header signed by 2 of 4 equal validators (half the power) is refused,
// at the anchor, after it, and as the header whose app hash the proofs use.
func TestVerifyRefusesACommitOfTwoThirdsOrLess(t *testing.T) {
	for _, weak := range []int64{1, 3, 6} {
		c := newTestChain(t)
		c.SignedBy = func(h int64, n int) int {
			if h == weak {
				return n / 2
			}
			return n
		}
		c.notes(map[string]string{"a": "allergy note"})
		c.Grow(6)
		trust := int64(1)
		if weak == 1 {
			// The anchor is trusted by hash alone; from genesis its commit counts.
			vals, _ := c.ValsAt(1)
			_, err := lightproof.Verify(c.bundle(1, nil, "a"), lightproof.Anchor{Height: 1, Genesis: vals, ChainID: testutil.ProofChainID}, kinds)
			require.ErrorContains(t, err, "light block 0 (height 1)")
			require.ErrorContains(t, err, "insufficient voting power")
			continue
		}
		if weak == 6 {
			// The header carrying the app hash: no bundle can be built.
			b, err := lightproof.NewBuilder(t.Context(), c, c.Provider())
			require.NoError(t, err)
			_, err = b.Add(t.Context(), noteKind, "a")
			require.NoError(t, err)
			_, err = b.Bundle(t.Context(), nil, trust)
			require.ErrorContains(t, err, "header 6 does not follow from header 1")
			require.ErrorContains(t, err, "insufficient voting power: got 20, needed more than 26")
			continue
		}
		b := c.bundle(trust, nil, "a")
		if weak == 3 {
			// The builder never stops at the weak header; forcing it in is refused.
			b.LightBlocks = append([][]byte{b.LightBlocks[0], encode(t, c.Blocks[3])}, b.LightBlocks[1:]...)
			_, err := lightproof.Verify(b, c.Anchor(1), kinds)
			require.ErrorContains(t, err, "light block 1 (height 3) does not follow from height 1")
			require.ErrorContains(t, err, "insufficient voting power")
		}
	}
}

func TestGenesisAnchor(t *testing.T) {
	c := twoNotes(t)
	vals, _ := c.ValsAt(1)
	b := c.bundle(1, nil, "a")
	res, err := lightproof.Verify(b, lightproof.Anchor{Height: 1, Genesis: vals, ChainID: testutil.ProofChainID}, kinds)
	require.NoError(t, err)
	require.Contains(t, res.Anchor, "genesis validators of "+testutil.ProofChainID)

	others, _ := cmttypes.RandValidatorSet(4, 10)
	_, err = lightproof.Verify(b, lightproof.Anchor{Height: 1, Genesis: others, ChainID: testutil.ProofChainID}, kinds)
	require.ErrorContains(t, err, "light block 0 (height 1): was not made by the genesis validator set")
	_, err = lightproof.Verify(b, lightproof.Anchor{Height: 1, Genesis: vals, ChainID: "medchain-other"}, kinds)
	require.ErrorContains(t, err, `is on chain "medchain-proof-test", not the genesis chain "medchain-other"`)
}

// The consortium replaces its validators twice, each time entirely: no
// header signed by the new set can be trusted from the old one in one step.
// The builder bisects down to the changes and keeps every header on the
// way; without them the bundle is refused.
func TestVerifyAcrossValidatorSetChanges(t *testing.T) {
	setA, privA := cmttypes.RandValidatorSet(4, 10)
	setB, privB := cmttypes.RandValidatorSet(5, 10)
	setC, privC := cmttypes.RandValidatorSet(3, 10)
	c := newTestChainWith(t, func(h int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator) {
		switch {
		case h <= 7:
			return setA, privA
		case h <= 13:
			return setB, privB
		}
		return setC, privC
	})
	c.notes(map[string]string{"a": "allergy note"})
	c.Grow(20)
	b := c.bundle(1, nil, "a")
	res, err := lightproof.Verify(b, c.Anchor(1), kinds)
	require.NoError(t, err)
	require.Greater(t, res.Blocks, 3, "intermediate headers at the changes")
	require.Equal(t, setC.Hash(), []byte(res.Header.ValidatorsHash))

	b.LightBlocks = [][]byte{b.LightBlocks[0], b.LightBlocks[len(b.LightBlocks)-1]}
	_, err = lightproof.Verify(b, c.Anchor(1), kinds)
	require.ErrorContains(t, err, "light block 1 (height 20) does not follow from height 1")
	require.ErrorContains(t, err, "cant trust new val set")
}

func TestBuilderBounds(t *testing.T) {
	c := twoNotes(t)
	ctx := t.Context()
	b, err := lightproof.NewBuilder(ctx, c, c.Provider())
	require.NoError(t, err)
	_, err = b.Bundle(ctx, nil, 1)
	require.ErrorContains(t, err, "nothing to prove")
	_, err = b.Add(ctx, noteKind, "a")
	require.NoError(t, err)
	_, err = b.Bundle(ctx, nil, 6)
	require.ErrorContains(t, err, "trust height 6 must be between 1 and the proof height 5")
	_, err = b.Add(ctx, noteKind, "")
	require.ErrorContains(t, err, "empty id")

	young := newTestChain(t)
	young.Next(nil)
	_, err = lightproof.NewBuilder(ctx, young, young.Provider())
	require.ErrorContains(t, err, "nothing to prove yet")
}

func flip(b []byte, i int) []byte {
	out := append([]byte(nil), b...)
	out[i] ^= 1
	return out
}

func encode(t *testing.T, lb *cmttypes.LightBlock) []byte {
	pb, err := lb.ToProto()
	require.NoError(t, err)
	raw, err := proto.Marshal(pb)
	require.NoError(t, err)
	return raw
}

// reencode changes a light block as a forger would, keeping it well formed.
func reencode(t *testing.T, raw []byte, change func(*cmttypes.LightBlock)) []byte {
	var pb cmtproto.LightBlock
	require.NoError(t, proto.Unmarshal(raw, &pb))
	lb, err := cmttypes.LightBlockFromProto(&pb)
	require.NoError(t, err)
	change(lb)
	return encode(t, lb)
}

// Absence is proven for the key asked, and only for it.
func TestVerifyAbsenceTampering(t *testing.T) {
	c := twoNotes(t)
	for name, tc := range map[string]struct {
		tamper func(b *lightproof.Bundle, other *lightproof.Bundle)
		want   string
	}{
		"a value on an absent item": {func(b, _ *lightproof.Bundle) { b.Items[0].Value = []byte("x") }, "an absent item carries a value"},
		"another key's absence": {func(b, other *lightproof.Bundle) { b.Items[0].Proof = other.Items[0].Proof },
			"item 0 (note c)"},
		"a present item without a value": {func(b, _ *lightproof.Bundle) { b.Items[0].Absent = false }, "no value"},
	} {
		t.Run(name, func(t *testing.T) {
			b, other := c.bundle(1, nil, "c"), c.bundle(1, nil, "d")
			_, err := lightproof.Verify(b, c.Anchor(1), kinds)
			require.NoError(t, err)
			tc.tamper(b, other)
			_, err = lightproof.Verify(b, c.Anchor(1), kinds)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// Verify asks every kind it knows whether the items answer the subject
// whole, even a kind with no item in the bundle.
func TestVerifyAsksForTheWhole(t *testing.T) {
	c := twoNotes(t)
	b := c.bundle(1, map[string]string{"prefix": "allergy"}, "a")
	asked := 0
	withWhole := lightproof.NewKinds(noteKind, lightproof.Kind{Name: "index", Store: noteStore,
		Whole: func(subject map[string]string, items []lightproof.Item) error {
			asked++
			if len(items) < 2 {
				return fmt.Errorf("%d item, 2 expected for %s", len(items), subject["prefix"])
			}
			return nil
		}})
	_, err := lightproof.Verify(b, c.Anchor(1), withWhole)
	require.ErrorContains(t, err, "the items do not answer the subject whole: 1 item, 2 expected for allergy")
	require.Equal(t, 1, asked)
	_, err = lightproof.Verify(b, c.Anchor(1), kinds)
	require.NoError(t, err)
}
