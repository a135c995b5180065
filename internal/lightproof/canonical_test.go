package lightproof_test

import (
	"testing"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
)

// Parts of a light block that no hash covers still have one encoding: the
// proposer priorities, the proposer, extra protobuf fields. A bundle that
// differs there is refused, so each byte of it is checked.
func TestLightBlocksHaveOneEncoding(t *testing.T) {
	c := twoNotes(t)
	for name, tc := range map[string]struct {
		change func(pb *cmtproto.LightBlock) []byte
		want   string
	}{
		"a proposer priority": {func(pb *cmtproto.LightBlock) []byte {
			pb.ValidatorSet.Validators[1].ProposerPriority += 7
			return mustMarshal(t, pb)
		}, "light block 1: its validator set is not in canonical form"},
		"the proposer": {func(pb *cmtproto.LightBlock) []byte {
			pb.ValidatorSet.Proposer = pb.ValidatorSet.Validators[2]
			return mustMarshal(t, pb)
		}, "light block 1:"},
		"an unknown field appended": {func(pb *cmtproto.LightBlock) []byte {
			return append(mustMarshal(t, pb), 0xf8, 0x01, 0x01) // field 31, varint 1
		}, "light block 1: not in canonical protobuf form"},
	} {
		t.Run(name, func(t *testing.T) {
			b := c.bundle(1, nil, "a")
			var pb cmtproto.LightBlock
			require.NoError(t, proto.Unmarshal(b.LightBlocks[1], &pb))
			b.LightBlocks[1] = tc.change(&pb)
			_, err := lightproof.Verify(b, c.Anchor(1), kinds)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// The anchor is trusted by its hash, and its commit must still carry valid
// signatures: a forged signature on it is refused.
func TestAnchorCommitIsChecked(t *testing.T) {
	c := twoNotes(t)
	b := c.bundle(1, nil, "a")
	b.LightBlocks[0] = reencode(t, b.LightBlocks[0], func(lb *cmttypes.LightBlock) {
		sig := lb.Commit.Signatures[3].Signature
		sig[0] ^= 1
	})
	_, err := lightproof.Verify(b, c.Anchor(1), kinds)
	require.ErrorContains(t, err, "light block 0 (height 1)")
	require.ErrorContains(t, err, "wrong signature")
}

// Every signature of a commit counts, not only the 2/3 that suffice: a
// fourth signature broken after three good ones is still refused.
func TestEverySignatureIsChecked(t *testing.T) {
	c := twoNotes(t)
	b := c.bundle(1, nil, "a")
	b.LightBlocks[1] = reencode(t, b.LightBlocks[1], func(lb *cmttypes.LightBlock) {
		last := len(lb.Commit.Signatures) - 1
		lb.Commit.Signatures[last].Signature[5] ^= 1
	})
	_, err := lightproof.Verify(b, c.Anchor(1), kinds)
	require.ErrorContains(t, err, "light block 1 (height 6)")
	require.ErrorContains(t, err, "wrong signature")
}

func mustMarshal(t *testing.T, msg proto.Message) []byte {
	bz, err := proto.Marshal(msg)
	require.NoError(t, err)
	return bz
}
