package lightproof

import (
	"context"
	"errors"
	"fmt"

	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	"github.com/cometbft/cometbft/light"
	"github.com/cometbft/cometbft/light/provider"
	rpcclient "github.com/cometbft/cometbft/rpc/client"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/gogoproto/proto"
)

// Node is the part of a CometBFT RPC client a bundle is built from.
type Node interface {
	Status(ctx context.Context) (*coretypes.ResultStatus, error)
	ABCIQueryWithOptions(ctx context.Context, path string, data cmtbytes.HexBytes, opts rpcclient.ABCIQueryOptions) (*coretypes.ResultABCIQuery, error)
}

// Builder collects proven values from one node at one height, then the
// light blocks that tie them to a trusted header. Nothing it reads is
// trusted: Verify checks the bundle it makes.
type Builder struct {
	node    Node
	blocks  provider.Provider
	chainID string
	height  int64
	items   []Item
	fetched map[int64]*cmttypes.LightBlock
}

// NewBuilder proves values at the node's latest height but one, so that the
// header of the next height, which carries their app hash, exists.
func NewBuilder(ctx context.Context, node Node, blocks provider.Provider) (*Builder, error) {
	st, err := node.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("node status: %w", err)
	}
	h := st.SyncInfo.LatestBlockHeight - 1
	if h < 1 {
		return nil, fmt.Errorf("the node is at height %d: nothing to prove yet", st.SyncInfo.LatestBlockHeight)
	}
	if st.NodeInfo.Network != blocks.ChainID() {
		return nil, fmt.Errorf("the node is on chain %q, not %q", st.NodeInfo.Network, blocks.ChainID())
	}
	return &Builder{node: node, blocks: blocks, chainID: blocks.ChainID(), height: h, fetched: map[int64]*cmttypes.LightBlock{}}, nil
}

// Height is the state version the values are proven at.
func (b *Builder) Height() int64 { return b.height }

// Add proves the value of kind named id (or its absence) and returns it.
func (b *Builder) Add(ctx context.Context, kind Kind, id string) (Item, error) {
	if len(b.items) >= MaxItems {
		return Item{}, fmt.Errorf("a bundle holds at most %d items: narrow the request", MaxItems)
	}
	key, err := kind.Key(id)
	if err != nil {
		return Item{}, err
	}
	res, err := b.node.ABCIQueryWithOptions(ctx, "/store/"+kind.Store+"/key", key, rpcclient.ABCIQueryOptions{Height: b.height, Prove: true})
	if err != nil {
		return Item{}, fmt.Errorf("%s %s: %w", kind.Name, id, err)
	}
	r := res.Response
	if r.Code != 0 {
		return Item{}, fmt.Errorf("%s %s: the node answered code %d: %s", kind.Name, id, r.Code, r.Log)
	}
	if r.Height != b.height || r.ProofOps == nil {
		return Item{}, fmt.Errorf("%s %s: the node gave no proof at height %d (pruned?)", kind.Name, id, b.height)
	}
	proof, err := proto.Marshal(r.ProofOps)
	if err != nil {
		return Item{}, err
	}
	it := Item{Kind: kind.Name, ID: id, Store: kind.Store, Key: key, Proof: proof}
	if len(r.Value) == 0 {
		it.Absent = true
	} else {
		it.Value = r.Value
		if it.Decoded, err = kind.Decode(r.Value); err != nil {
			return Item{}, fmt.Errorf("%s %s: %w", kind.Name, id, err)
		}
	}
	b.items = append(b.items, it)
	return it, nil
}

// Bundle returns the items with the light blocks from trustHeight to the
// header after the items' height. Where the validator set changed too much
// for one step (less than 1/3 of the trusted power signed), it bisects, as
// CometBFT's light client does, and keeps every header on the way.
func (b *Builder) Bundle(ctx context.Context, subject map[string]string, trustHeight int64) (*Bundle, error) {
	if len(b.items) == 0 {
		return nil, errors.New("nothing to prove: the request matched no value")
	}
	if trustHeight < 1 || trustHeight > b.height {
		return nil, fmt.Errorf("trust height %d must be between 1 and the proof height %d", trustHeight, b.height)
	}
	first, err := b.lightBlock(ctx, trustHeight)
	if err != nil {
		return nil, err
	}
	chain := []*cmttypes.LightBlock{first}
	if err := b.reach(ctx, &chain, b.height+1); err != nil {
		return nil, err
	}
	out := &Bundle{Format: Format, ChainID: b.chainID, Subject: subject, Height: b.height, Items: b.items}
	for _, lb := range chain {
		raw, err := encodeLightBlock(lb)
		if err != nil {
			return nil, err
		}
		out.LightBlocks = append(out.LightBlocks, raw)
	}
	return out, nil
}

// reach appends to chain the light blocks needed to trust height to.
func (b *Builder) reach(ctx context.Context, chain *[]*cmttypes.LightBlock, to int64) error {
	last := (*chain)[len(*chain)-1]
	next, err := b.lightBlock(ctx, to)
	if err != nil {
		return err
	}
	err = step(last, next)
	var tooNew light.ErrNewValSetCantBeTrusted
	switch {
	case err == nil:
		if len(*chain) >= MaxLightBlocks {
			return fmt.Errorf("more than %d headers between the trust height and %d: trust a later height", MaxLightBlocks, to)
		}
		*chain = append(*chain, next)
		return nil
	case errors.As(err, &tooNew) && to-last.Height > 1:
		if err := b.reach(ctx, chain, (last.Height+to)/2); err != nil {
			return err
		}
		return b.reach(ctx, chain, to)
	default:
		return fmt.Errorf("header %d does not follow from header %d: %w", to, last.Height, err)
	}
}

func (b *Builder) lightBlock(ctx context.Context, h int64) (*cmttypes.LightBlock, error) {
	if lb, ok := b.fetched[h]; ok {
		return lb, nil
	}
	lb, err := b.blocks.LightBlock(ctx, h)
	if err != nil {
		return nil, fmt.Errorf("light block %d: %w", h, err)
	}
	b.fetched[h] = lb
	return lb, nil
}
