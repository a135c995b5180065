package load

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// offline is a node whose client has no connection: anything that reaches
// the network panics, so a check that passes with it made no call.
func offline() Node {
	return Node{RPC: "tcp://127.0.0.1:1", Client: medclient.New(nil, testChainID)}
}

func TestPrepareChecksItsArgumentsFirst(t *testing.T) {
	ctx := context.Background()
	nodes := []Node{offline()}
	for _, tc := range []struct {
		name     string
		nodes    []Node
		workload string
		accounts int
		opts     Options
		want     string
	}{
		{"no account", nodes, "send", 0, Options{}, "accounts must be in 1..10000, got 0"},
		{"negative accounts", nodes, "send", -3, Options{}, "got -3"},
		{"too many accounts", nodes, "send", MaxAccounts + 1, Options{}, "got 10001"},
		{"no node", nil, "send", 1, Options{}, "no node"},
		{"unknown workload", nodes, "mint", 1, Options{}, `unknown workload "mint"`},
		{"empty workload", nodes, "", 1, Options{}, `unknown workload ""`},
		{"grants that never last", nodes, "grant", 1, Options{}, "grant duration must be positive"},
		{"requests on grants that have ended", nodes, "request", 2, Options{GrantFor: -time.Hour}, "grant duration must be positive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p *Prepared
			var err error
			require.NotPanics(t, func() { p, err = Prepare(ctx, tc.nodes, tc.workload, tc.accounts, tc.opts) }, "no network call")
			require.ErrorContains(t, err, tc.want)
			require.Nil(t, p)
		})
	}
}

func TestUnknownWorkloadListsTheKnownOnes(t *testing.T) {
	_, err := Prepare(context.Background(), []Node{offline()}, "mint", 1, Options{})
	for _, w := range Workloads {
		require.ErrorContains(t, err, w)
	}
}

func TestKeysArePinnedRoundRobin(t *testing.T) {
	kr := newKeyring()
	accs, err := keys(kr, "agent", 7, 3)
	require.NoError(t, err)
	require.Len(t, accs, 7)
	names, addrs := map[string]bool{}, map[string]bool{}
	perNode := make([]int, 3)
	for i, a := range accs {
		require.Equal(t, i%3, a.node, "account %d", i)
		perNode[a.node]++
		require.False(t, names[a.Name], "name %s twice", a.Name)
		require.False(t, addrs[a.Address.String()], "address %s twice", a.Address)
		names[a.Name], addrs[a.Address.String()] = true, true
		rec, err := kr.Key(a.Name)
		require.NoError(t, err, "the keyring holds its key")
		addr, err := rec.GetAddress()
		require.NoError(t, err)
		require.Equal(t, a.Address, addr)
		require.Zero(t, a.accNum+a.seqNum, "unknown to the chain yet")
	}
	require.Equal(t, []int{3, 2, 2}, perNode)

	// Another prefix in the same keyring: new keys, none of the first.
	more, err := keys(kr, "patient", 2, 3)
	require.NoError(t, err)
	for _, a := range more {
		require.False(t, addrs[a.Address.String()])
	}
}

func TestSetupClientIsACopy(t *testing.T) {
	n := offline()
	n.Client.Gas = 250_000
	c := n.setup()
	require.Equal(t, uint64(setupGas), c.Gas)
	require.Equal(t, uint64(250_000), n.Client.Gas, "the node's own client keeps its gas")
	require.Equal(t, n.Client.ChainID(), c.ChainID())
	require.Equal(t, n.Client.GasPrice, c.GasPrice)
	require.True(t, c.Fee().IsAllGT(n.Client.Fee()), "a setup transaction pays for its gas")
}

func TestEachRunsForEveryAccountAtMost32AtATime(t *testing.T) {
	accs := make([]*account, 100)
	for i := range accs {
		accs[i] = &account{node: i}
	}
	var running, most atomic.Int64
	var mu sync.Mutex
	seen := map[int]int{}
	err := each(context.Background(), accs, func(_ context.Context, a *account) error {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		seen[a.node]++
		return nil
	})
	require.NoError(t, err)
	require.Len(t, seen, len(accs))
	for i, n := range seen {
		require.Equal(t, 1, n, "account %d", i)
	}
	require.LessOrEqual(t, most.Load(), int64(32))
	require.Greater(t, most.Load(), int64(1), "accounts run side by side")
}

func TestEachReturnsAnError(t *testing.T) {
	accs := []*account{{node: 0}, {node: 1}, {node: 2}}
	boom := errors.New("boom")
	err := each(context.Background(), accs, func(_ context.Context, a *account) error {
		if a.node == 1 {
			return boom
		}
		return nil
	})
	require.ErrorIs(t, err, boom)
	require.NoError(t, each(context.Background(), nil, func(context.Context, *account) error { return boom }))
}

// agents are n load accounts over two nodes, with medchain's addresses.
func agents(t *testing.T, n int) []*account {
	t.Helper()
	medclient.New(nil, testChainID) // medchain's address prefixes
	accs, err := keys(newKeyring(), "agent", n, 2)
	require.NoError(t, err)
	return accs
}

// msgOf builds agent k's i-th message of a workload.
func msgOf(t *testing.T, build func(int) func(uint64) []sdk.Msg, k int, i uint64) sdk.Msg {
	t.Helper()
	msgs := build(k)(i)
	require.Len(t, msgs, 1)
	if v, ok := msgs[0].(sdk.HasValidateBasic); ok {
		require.NoError(t, v.ValidateBasic(), "a message the chain takes")
	}
	return msgs[0]
}

func TestAnchorWorkload(t *testing.T) {
	accs := agents(t, 3)
	build, err := recordsWorkload(context.Background(), nil, "anchor", accs, Options{})
	require.NoError(t, err)
	patients, ids := map[string]bool{}, map[string]bool{}
	for k := range accs {
		b := build(k)
		var patient string
		for i := uint64(0); i < 3; i++ {
			msgs := b(i)
			m := msgs[0].(*recordstypes.MsgAnchorRecord)
			require.NoError(t, m.ValidateBasic())
			require.Equal(t, accs[k].Address.String(), m.Signer)
			if i == 0 {
				patient = m.Patient
			}
			require.Equal(t, patient, m.Patient, "one patient per agent")
			require.False(t, ids[m.RecordId], "a new record each time")
			ids[m.RecordId] = true
		}
		require.False(t, patients[patient], "each agent its own patient")
		patients[patient] = true
	}
}

func TestBatchWorkload(t *testing.T) {
	accs := agents(t, 2)
	for _, leaves := range []uint64{0, recordstypes.MaxBatchLeaves + 1} {
		// Refused before any account is made on the chain (no node is asked).
		_, err := Prepare(context.Background(), []Node{{}}, "batch", 2, Options{BatchLeaves: leaves})
		require.ErrorContains(t, err, fmt.Sprintf("batch leaves must be in 1..%d, got %d", recordstypes.MaxBatchLeaves, leaves))
	}
	for _, leaves := range []uint64{1, 1024, recordstypes.MaxBatchLeaves} {
		build, err := recordsWorkload(context.Background(), nil, "batch", accs, Options{BatchLeaves: leaves})
		require.NoError(t, err)
		a := msgOf(t, build, 1, 0).(*recordstypes.MsgAnchorBatch)
		b := msgOf(t, build, 1, 1).(*recordstypes.MsgAnchorBatch)
		require.Equal(t, leaves, a.LeafCount)
		require.Equal(t, accs[1].Address.String(), a.Signer)
		require.NotEqual(t, a.Root, b.Root, "a new root each time")
	}
}

func TestSendWorkload(t *testing.T) {
	accs := agents(t, 3)
	build, err := recordsWorkload(context.Background(), nil, "send", accs, Options{})
	require.NoError(t, err)
	for k := range accs {
		m := msgOf(t, build, k, 0).(*banktypes.MsgSend)
		require.Equal(t, accs[k].Address.String(), m.FromAddress)
		require.Equal(t, accs[(k+1)%3].Address.String(), m.ToAddress, "to the next agent, the last to the first")
		require.NotEqual(t, m.FromAddress, m.ToAddress)
		require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)), m.Amount)
		require.Less(t, m.Amount.AmountOf(app.BondDenom).Int64(), int64(AccountFunds), "the funds pay for many")
	}
}

func TestIndexOf(t *testing.T) {
	accs := agents(t, 3)
	for i, a := range accs {
		require.Equal(t, i, indexOf(accs, a))
	}
	require.Equal(t, -1, indexOf(accs, &account{}))
	require.Equal(t, -1, indexOf(nil, accs[0]))
}
