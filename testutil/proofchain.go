package testutil

import (
	"context"
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

// ProofChainID is the chain ID of every ProofChain.
const ProofChainID = "medchain-proof-test"

// ProofChain is a chain of signed headers over a real IAVL multistore of
// one module store, for proofs and evidence bundles: the header of height
// h+1 carries the app hash of state version h. It is a lightproof.Node, and
// Provider serves its light blocks.
type ProofChain struct {
	T      testing.TB
	store  *rootmulti.Store
	key    *storetypes.KVStoreKey
	Blocks map[int64]*cmttypes.LightBlock
	// ValsAt gives the validators (and their signers) of each height.
	ValsAt func(h int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator)
	// SignedBy says how many of n validators sign height h (all by default).
	SignedBy func(h int64, n int) int
	Height   int64
	appHash  []byte
	start    time.Time
	lastID   cmttypes.BlockID
}

// NewProofChain makes a chain whose every height has the same 4 validators.
func NewProofChain(t testing.TB, store string) *ProofChain {
	vals, privs := cmttypes.RandValidatorSet(4, 10)
	return NewProofChainWith(t, store, func(int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator) { return vals, privs })
}

// NewProofChainWith makes a chain whose validators at each height valsAt gives.
func NewProofChainWith(t testing.TB, store string, valsAt func(int64) (*cmttypes.ValidatorSet, []cmttypes.PrivValidator)) *ProofChain {
	st := rootmulti.NewStore(dbm.NewMemDB(), log.NewNopLogger())
	key := storetypes.NewKVStoreKey(store)
	st.MountStoreWithDB(key, storetypes.StoreTypeIAVL, nil)
	require.NoError(t, st.LoadLatestVersion())
	return &ProofChain{
		T: t, store: st, key: key, Blocks: map[int64]*cmttypes.LightBlock{}, ValsAt: valsAt,
		start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), SignedBy: func(_ int64, n int) int { return n },
	}
}

// Next commits the writes (key → value; "" deletes) as the next state
// version and makes its block.
func (c *ProofChain) Next(writes map[string]string) {
	kv := c.store.GetKVStore(c.key)
	for k, v := range writes {
		if v == "" {
			kv.Delete([]byte(k))
		} else {
			kv.Set([]byte(k), []byte(v))
		}
	}
	c.Height++
	c.block(c.Height, c.appHash)
	c.appHash = c.store.Commit().Hash
}

// Grow makes empty blocks up to height h.
func (c *ProofChain) Grow(h int64) {
	for c.Height < h {
		c.Next(nil)
	}
}

func (c *ProofChain) block(h int64, appHash []byte) {
	vals, privs := c.ValsAt(h)
	next, _ := c.ValsAt(h + 1)
	header := &cmttypes.Header{
		Version:            cmtversion.Consensus{Block: version.BlockProtocol},
		ChainID:            ProofChainID,
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
	c.Blocks[h] = c.sign(header, vals, privs, c.SignedBy(h, len(privs)))
	c.lastID = c.Blocks[h].Commit.BlockID
}

// sign makes the light block of header with the first n validators' votes.
func (c *ProofChain) sign(header *cmttypes.Header, vals *cmttypes.ValidatorSet, privs []cmttypes.PrivValidator, n int) *cmttypes.LightBlock {
	id := cmttypes.BlockID{Hash: header.Hash(), PartSetHeader: cmttypes.PartSetHeader{Total: 1, Hash: tmhash.Sum([]byte("parts"))}}
	voteSet := cmttypes.NewVoteSet(ProofChainID, header.Height, 0, cmtproto.PrecommitType, vals)
	ext, err := cmttypes.MakeExtCommit(id, header.Height, 0, voteSet, privs, header.Time, false)
	require.NoError(c.T, err)
	commit := ext.ToCommit()
	for i := n; i < len(commit.Signatures); i++ {
		commit.Signatures[i] = cmttypes.NewCommitSigAbsent()
	}
	return &cmttypes.LightBlock{SignedHeader: &cmttypes.SignedHeader{Header: header, Commit: commit}, ValidatorSet: vals}
}

// Provider serves the chain's light blocks, as a node's RPC would.
func (c *ProofChain) Provider() *mock.Mock {
	headers := map[int64]*cmttypes.SignedHeader{}
	vals := map[int64]*cmttypes.ValidatorSet{}
	for h, lb := range c.Blocks {
		headers[h], vals[h] = lb.SignedHeader, lb.ValidatorSet
	}
	return mock.New(ProofChainID, headers, vals)
}

// Anchor trusts the chain's header at h.
func (c *ProofChain) Anchor(h int64) lightproof.Anchor {
	return lightproof.Anchor{Height: h, Hash: c.Blocks[h].Hash()}
}

// Bundle proves the values of kind named ids with a builder on this chain.
func (c *ProofChain) Bundle(kind lightproof.Kind, trust int64, subject map[string]string, ids ...string) *lightproof.Bundle {
	ctx := context.Background()
	b, err := lightproof.NewBuilder(ctx, c, c.Provider())
	require.NoError(c.T, err)
	for _, id := range ids {
		_, err := b.Add(ctx, kind, id)
		require.NoError(c.T, err)
	}
	out, err := b.Bundle(ctx, subject, trust)
	require.NoError(c.T, err)
	return out
}

// Status and ABCIQueryWithOptions make the chain a lightproof.Node.
func (c *ProofChain) Status(context.Context) (*coretypes.ResultStatus, error) {
	return &coretypes.ResultStatus{
		NodeInfo: p2p.DefaultNodeInfo{Network: ProofChainID},
		SyncInfo: coretypes.SyncInfo{LatestBlockHeight: c.Height},
	}, nil
}

func (c *ProofChain) ABCIQueryWithOptions(_ context.Context, path string, data cmtbytes.HexBytes, opts rpcclient.ABCIQueryOptions) (*coretypes.ResultABCIQuery, error) {
	res, err := c.store.Query(&storetypes.RequestQuery{Path: strings.TrimPrefix(path, "/store"), Data: data, Height: opts.Height, Prove: opts.Prove})
	if err != nil {
		return nil, err
	}
	out := &coretypes.ResultABCIQuery{}
	out.Response.Value, out.Response.ProofOps, out.Response.Height = res.Value, res.ProofOps, res.Height
	return out, nil
}
