package lightproof_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	rpcclient "github.com/cometbft/cometbft/rpc/client"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/medchain/medchain/internal/lightproof"
	"github.com/medchain/medchain/testutil"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

func TestSeqKey(t *testing.T) {
	key := lightproof.SeqKey(collections.NewPrefix(3))
	got, err := key("258")
	require.NoError(t, err)
	require.Equal(t, []byte{3, 0, 0, 0, 0, 0, 0, 1, 2}, got, "prefix, then the id big-endian")
	for _, bad := range []string{"", "0", "00", "012", "+1", "-1", " 1", "1e3", "18446744073709551616"} {
		_, err := key(bad)
		require.ErrorContains(t, err, "must be a positive integer", bad)
	}
}

func TestProtoJSON(t *testing.T) {
	m := consortiumtypes.Member{Operator: "med1xyz", Name: "Hospital A"}
	raw, err := m.Marshal()
	require.NoError(t, err)
	decoded, err := lightproof.ProtoJSON[consortiumtypes.Member]()(raw)
	require.NoError(t, err)
	require.Contains(t, string(decoded), `"name":"Hospital A"`)
	v, err := lightproof.ProtoValue[consortiumtypes.Member](raw)
	require.NoError(t, err)
	require.Equal(t, "med1xyz", v.Operator)
	_, err = lightproof.ProtoJSON[consortiumtypes.Member]()([]byte{0xff, 0xff})
	require.Error(t, err)
}

func TestAnchorString(t *testing.T) {
	vals, _ := cmttypes.RandValidatorSet(2, 10)
	require.Contains(t, lightproof.Anchor{Height: 1, Genesis: vals, ChainID: "c"}.String(), "genesis validators of c")
	require.Equal(t, "header 7 with hash ABCD", lightproof.Anchor{Height: 7, Hash: []byte{0xab, 0xcd}}.String())
}

// brokenNode answers the proof query as a node that refuses or prunes would.
type brokenNode struct {
	*testutil.ProofChain
	code   uint32
	height int64
}

func (n brokenNode) ABCIQueryWithOptions(ctx context.Context, path string, data cmtbytes.HexBytes, opts rpcclient.ABCIQueryOptions) (*coretypes.ResultABCIQuery, error) {
	res, err := n.ProofChain.ABCIQueryWithOptions(ctx, path, data, opts)
	if err != nil {
		return nil, err
	}
	res.Response.Code, res.Response.Log = n.code, "refused"
	if n.height != 0 {
		res.Response.Height, res.Response.ProofOps = n.height, nil
	}
	return res, nil
}

type failingNode struct{ *testutil.ProofChain }

func (failingNode) Status(context.Context) (*coretypes.ResultStatus, error) {
	return nil, errors.New("connection refused")
}

func TestBuilderRefusesBadAnswers(t *testing.T) {
	c := twoNotes(t)
	ctx := t.Context()
	b, err := lightproof.NewBuilder(ctx, brokenNode{ProofChain: c.ProofChain, code: 18}, c.Provider())
	require.NoError(t, err)
	_, err = b.Add(ctx, noteKind, "a")
	require.ErrorContains(t, err, "the node answered code 18: refused")

	b, err = lightproof.NewBuilder(ctx, brokenNode{ProofChain: c.ProofChain, height: 3}, c.Provider())
	require.NoError(t, err)
	_, err = b.Add(ctx, noteKind, "a")
	require.ErrorContains(t, err, "the node gave no proof at height 5 (pruned?)")

	_, err = lightproof.NewBuilder(ctx, failingNode(c), c.Provider())
	require.ErrorContains(t, err, "node status: connection refused")

	missing := newTestChain(t)
	missing.Grow(2)
	b, err = lightproof.NewBuilder(ctx, c, missing.Provider())
	require.NoError(t, err)
	_, err = b.Add(ctx, noteKind, "a")
	require.NoError(t, err)
	_, err = b.Bundle(ctx, nil, 1)
	require.ErrorContains(t, err, "light block 6", "the provider has no header 6")
}

// WriteBundle finishes the bundle from --trust-height and writes it where
// --out says, with how to check it on standard error.
func TestWriteBundle(t *testing.T) {
	c := twoNotes(t)
	ctx := t.Context()
	b, err := lightproof.NewBuilder(ctx, c, c.Provider())
	require.NoError(t, err)
	_, err = b.Add(ctx, noteKind, "a")
	require.NoError(t, err)

	cmd := &cobra.Command{}
	lightproof.AddBundleFlags(cmd)
	path := filepath.Join(t.TempDir(), "bundle.json")
	require.NoError(t, cmd.Flags().Set(lightproof.FlagOut, path))
	require.NoError(t, cmd.Flags().Set(lightproof.FlagTrustHeight, "2"))
	var stderr bytes.Buffer
	cmd.SetErr(&stderr)
	require.NoError(t, lightproof.WriteBundle(ctx, cmd, b, map[string]string{"prefix": "allergy"}))
	require.Contains(t, stderr.String(), "1 items proven at height 5 through 2 headers from height 2")
	require.Contains(t, stderr.String(), "--trust 2:HASH")

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	bundle, err := lightproof.Decode(data)
	require.NoError(t, err)
	_, err = lightproof.Verify(bundle, c.Anchor(2), kinds)
	require.NoError(t, err)
	require.True(t, strings.HasSuffix(string(data), "}\n"))

	require.NoError(t, cmd.Flags().Set(lightproof.FlagTrustHeight, "9"))
	require.ErrorContains(t, lightproof.WriteBundle(ctx, cmd, b, nil), "trust height 9 must be between 1 and the proof height 5")
}
