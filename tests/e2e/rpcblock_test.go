package e2e

import "fmt"

// rpcBlock is what the tests read of a CometBFT RPC /block answer.
type rpcBlock struct {
	BlockID struct {
		Hash string `json:"hash"`
	} `json:"block_id"`
	Block struct {
		Data struct {
			Txs []string `json:"txs"`
		} `json:"data"`
		Evidence struct {
			Evidence []any `json:"evidence"`
		} `json:"evidence"`
	} `json:"block"`
}

// block fetches block h from node i's RPC.
func (n *localnet) block(i int, h int64) (rpcBlock, error) {
	var b rpcBlock
	err := n.rpc(i, fmt.Sprintf("block?height=%d", h), &b)
	return b, err
}
