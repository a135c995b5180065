package lightproof_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	"github.com/cometbft/cometbft/crypto/tmhash"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	"github.com/cometbft/cometbft/light/provider/mock"
	"github.com/cometbft/cometbft/p2p"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmtversion "github.com/cometbft/cometbft/proto/tendermint/version"
	rpcclient "github.com/cometbft/cometbft/rpc/client"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cometbft/cometbft/version"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/store/v2/rootmulti"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
)

const (
	testChainID = "medchain-proof-test"
	noteStore   = "notes"
)

// noteKind is a value kind of the test chain: notes keyed "note/<id>",
// whose subject may ask for an id prefix.
var noteKind = lightproof.Kind{
	Name:  "note",
	Store: noteStore,
	Key: func(id string) ([]byte, error) {
		if id == "" {
			return nil, fmt.Errorf("empty id")
		}
		return []byte("note/" + id), nil
	},
	Subject: []string{"prefix"},
	Decode:  func(v []byte) (json.RawMessage, error) { return json.Marshal(map[string]string{"text": string(v)}) },
	Match: func(subject map[string]string, v []byte) error {
		if p := subject["prefix"]; !strings.HasPrefix(string(v), p) {
			return fmt.Errorf("value %q does not start with %q", v, p)
		}
		return nil
	},
}

var kinds = lightproof.NewKinds(noteKind)

// testChain is a chain of signed headers over a real IAVL multistore: the
// header of height h+1 carries the app hash of state version h.
type testChain struct {
	t      *testing.T
	store  *rootmulti.Store
	key    *storetypes.KVStoreKey
	blocks map[int64]*cmttypes.LightBlock
	// valsAt gives the validators (and their signers) of each height.
	valsAt   func(h int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator)
	appHash  []byte
	height   int64
	start    time.Time
	lastID   cmttypes.BlockID
	signedBy func(h int64, n int) int // how many of n validators sign height h
}

// newTestChain makes a chain whose every height has the same 4 validators.
func newTestChain(t *testing.T) *testChain {
	vals, privs := cmttypes.RandValidatorSet(4, 10)
	return newTestChainWith(t, func(int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator) { return vals, privs })
}

func newTestChainWith(t *testing.T, valsAt func(int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator)) *testChain {
	st := rootmulti.NewStore(dbm.NewMemDB(), log.NewNopLogger())
	key := storetypes.NewKVStoreKey(noteStore)
	st.MountStoreWithDB(key, storetypes.StoreTypeIAVL, nil)
	require.NoError(t, st.LoadLatestVersion())
	return &testChain{
		t: t, store: st, key: key, blocks: map[int64]*cmttypes.LightBlock{}, valsAt: valsAt,
		start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), signedBy: func(_ int64, n int) int { return n },
	}
}

// next commits the writes as the next state version and makes its block.
func (c *testChain) next(writes map[string]string) {
	kv := c.store.GetKVStore(c.key)
	for k, v := range writes {
		if v == "" {
			kv.Delete([]byte("note/" + k))
		} else {
			kv.Set([]byte("note/"+k), []byte(v))
		}
	}
	c.height++
	c.block(c.height, c.appHash)
	c.appHash = c.store.Commit().Hash
}

// grow makes empty blocks up to height h.
func (c *testChain) grow(h int64) {
	for c.height < h {
		c.next(nil)
	}
}

func (c *testChain) block(h int64, appHash []byte) {
	vals, privs := c.valsAt(h)
	next, _ := c.valsAt(h + 1)
	header := &cmttypes.Header{
		Version:            cmtversion.Consensus{Block: version.BlockProtocol},
		ChainID:            testChainID,
		Height:             h,
		Time:               c.start.Add(time.Duration(h) * time.Second),
		LastBlockID:        c.lastID,
		ValidatorsHash:     vals.Hash(),
		NextValidatorsHash: next.Hash(),
		ConsensusHash:      tmhash.Sum([]byte("params")),
		AppHash:            appHash,
		LastResultsHash:    tmhash.Sum(nil),
		ProposerAddress:    vals.Validators[0].Address,
	}
	c.blocks[h] = c.sign(header, vals, privs, c.signedBy(h, len(privs)))
	c.lastID = c.blocks[h].Commit.BlockID
}

// sign makes the light block of header with the first n validators' votes.
func (c *testChain) sign(header *cmttypes.Header, vals *cmttypes.ValidatorSet, privs []cmttypes.PrivValidator, n int) *cmttypes.LightBlock {
	id := cmttypes.BlockID{Hash: header.Hash(), PartSetHeader: cmttypes.PartSetHeader{Total: 1, Hash: tmhash.Sum([]byte("parts"))}}
	voteSet := cmttypes.NewVoteSet(testChainID, header.Height, 0, cmtproto.PrecommitType, vals)
	ext, err := cmttypes.MakeExtCommit(id, header.Height, 0, voteSet, privs, header.Time, false)
	require.NoError(c.t, err)
	commit := ext.ToCommit()
	for i := n; i < len(commit.Signatures); i++ {
		commit.Signatures[i] = cmttypes.NewCommitSigAbsent()
	}
	return &cmttypes.LightBlock{SignedHeader: &cmttypes.SignedHeader{Header: header, Commit: commit}, ValidatorSet: vals}
}

// provider serves the chain's light blocks, as a node's RPC would.
func (c *testChain) provider() *mock.Mock {
	headers := map[int64]*cmttypes.SignedHeader{}
	vals := map[int64]*cmttypes.ValidatorSet{}
	for h, lb := range c.blocks {
		headers[h], vals[h] = lb.SignedHeader, lb.ValidatorSet
	}
	return mock.New(testChainID, headers, vals)
}

// anchor trusts the chain's header at h.
func (c *testChain) anchor(h int64) lightproof.Anchor {
	return lightproof.Anchor{Height: h, Hash: c.blocks[h].Hash()}
}

// bundle proves the notes named ids with a builder on this chain.
func (c *testChain) bundle(trust int64, subject map[string]string, ids ...string) *lightproof.Bundle {
	ctx := context.Background()
	b, err := lightproof.NewBuilder(ctx, c, c.provider())
	require.NoError(c.t, err)
	for _, id := range ids {
		_, err := b.Add(ctx, noteKind, id)
		require.NoError(c.t, err)
	}
	out, err := b.Bundle(ctx, subject, trust)
	require.NoError(c.t, err)
	return out
}

// Status and ABCIQueryWithOptions make the chain a lightproof.Node.
func (c *testChain) Status(context.Context) (*coretypes.ResultStatus, error) {
	return &coretypes.ResultStatus{
		NodeInfo: p2p.DefaultNodeInfo{Network: testChainID},
		SyncInfo: coretypes.SyncInfo{LatestBlockHeight: c.height},
	}, nil
}

func (c *testChain) ABCIQueryWithOptions(_ context.Context, path string, data cmtbytes.HexBytes, opts rpcclient.ABCIQueryOptions) (*coretypes.ResultABCIQuery, error) {
	res, err := c.store.Query(&storetypes.RequestQuery{Path: strings.TrimPrefix(path, "/store"), Data: data, Height: opts.Height, Prove: opts.Prove})
	if err != nil {
		return nil, err
	}
	out := &coretypes.ResultABCIQuery{}
	out.Response.Value, out.Response.ProofOps, out.Response.Height = res.Value, res.ProofOps, res.Height
	return out, nil
}
