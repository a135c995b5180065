package load

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"golang.org/x/sync/errgroup"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// Node is one medchain node the load goes through, and the member whose
// node it is.
type Node struct {
	RPC      string            // CometBFT RPC address (tcp://host:port)
	Client   *medclient.Client // its gRPC
	Operator medclient.Account // its member's operator: enrols and funds the load's accounts
}

// setupGas is the gas limit of a setup transaction: up to 32 messages.
const setupGas = 4_000_000

// setup is n's client with the gas of a setup transaction.
func (n Node) setup() *medclient.Client {
	c := *n.Client
	c.Gas = setupGas
	return &c
}

// AccountFunds is what each account the load makes receives for its fees.
const AccountFunds = 1_000_000_000

// MaxAccounts bounds the accounts one run makes.
const MaxAccounts = 10_000

// account is a key the load made, the node it is pinned to, and its
// number and next sequence once the chain knows it.
type account struct {
	medclient.Account
	node           int
	accNum, seqNum uint64
}

// keys makes n new keys in an in-memory keyring, pinned round-robin to
// the nodes.
func keys(kr keyring.Keyring, prefix string, n, nodes int) ([]*account, error) {
	out := make([]*account, n)
	for i := range out {
		name := fmt.Sprintf("%s-%d", prefix, i)
		if _, _, err := kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1); err != nil {
			return nil, err
		}
		acc, err := medclient.NewAccount(kr, name)
		if err != nil {
			return nil, err
		}
		out[i] = &account{Account: acc, node: i % nodes}
	}
	return out, nil
}

// newKeyring is an in-memory keyring for the load's keys.
func newKeyring() keyring.Keyring {
	return keyring.NewInMemory(app.MakeEncodingConfig().Codec)
}

// perTx is how many pairs of messages (enrol and fund) go in one setup
// transaction: the consortium allows 32 messages per transaction.
const perTx = 16

// fund has each node's operator send every account pinned to it its funds
// and whatever extra(acc) adds, perTx accounts per transaction.
func fund(ctx context.Context, nodes []Node, accs []*account, extra func(op medclient.Account, a *account) sdk.Msg) error {
	g, ctx := errgroup.WithContext(ctx)
	for i, n := range nodes {
		var mine []*account
		for _, a := range accs {
			if a.node == i {
				mine = append(mine, a)
			}
		}
		g.Go(func() error {
			for len(mine) > 0 {
				k := min(perTx, len(mine))
				var msgs []sdk.Msg
				for _, a := range mine[:k] {
					if extra != nil {
						msgs = append(msgs, extra(n.Operator, a))
					}
					msgs = append(msgs, banktypes.NewMsgSend(n.Operator.Address, a.Address, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, AccountFunds))))
				}
				if _, err := n.setup().Submit(ctx, n.Operator, msgs...); err != nil {
					return fmt.Errorf("funding accounts at node %d: %w", i, err)
				}
				mine = mine[k:]
			}
			return nil
		})
	}
	return g.Wait()
}

// enrol makes n agents in role, spread over the nodes' members: each
// member's operator invites and funds them, and each agent accepts.
func enrol(ctx context.Context, nodes []Node, kr keyring.Keyring, n int, role consortiumtypes.AgentRole) ([]*account, error) {
	agents, err := keys(kr, "agent-"+role.String(), n, len(nodes))
	if err != nil {
		return nil, err
	}
	return agents, enrolKeys(ctx, nodes, agents, role)
}

// enrolKeys makes agents in role of the members of the nodes they are
// pinned to.
func enrolKeys(ctx context.Context, nodes []Node, agents []*account, role consortiumtypes.AgentRole) error {
	invite := func(op medclient.Account, a *account) sdk.Msg {
		return &consortiumtypes.MsgAddAgent{Operator: op.Address.String(), Agent: a.Address.String(), Role: role}
	}
	if err := fund(ctx, nodes, agents, invite); err != nil {
		return err
	}
	if err := each(ctx, agents, func(ctx context.Context, a *account) error {
		_, err := nodes[a.node].Client.Submit(ctx, a.Account,
			&consortiumtypes.MsgAcceptAgent{Agent: a.Address.String(), Member: nodes[a.node].Operator.Address.String()})
		return err
	}); err != nil {
		return fmt.Errorf("accepting agents: %w", err)
	}
	return nil
}

// each runs f for every account, at most 32 at a time.
func each(ctx context.Context, accs []*account, f func(context.Context, *account) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(32)
	for _, a := range accs {
		g.Go(func() error { return f(ctx, a) })
	}
	return g.Wait()
}

// sequences reads every account's number and next sequence.
func sequences(ctx context.Context, nodes []Node, accs []*account) error {
	return each(ctx, accs, func(ctx context.Context, a *account) error {
		num, seq, err := nodes[a.node].Client.Sequence(ctx, a.Address)
		a.accNum, a.seqNum = num, seq
		return err
	})
}
