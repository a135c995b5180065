package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdktx "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/stretchr/testify/require"

	consortiumcli "github.com/medchain/medchain/x/consortium/client/cli"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// TestGovernance runs a consortium of its own (the validator set changes):
// a hospital joins by vote, another is suspended by vote, and a software
// upgrade by vote halts every node at its height and the chain goes on with
// the new binary. Each subtest sets up what it reads.
func TestGovernance(t *testing.T) {
	n := startLocalnet(t, netConfig{offset: 3000, chainID: "medchain-gov"})
	t.Run("a proposal admits a fifth hospital: its node peers and signs, its agents anchor, proofs from genesis hold across the change", n.testAdmit)
	t.Run("a proposal suspends a hospital: it stops signing, its agents are refused, its node is cut off", n.testSuspend)
	t.Run("an upgrade proposal halts every node at its height; on the new binary the chain goes on", n.testUpgrade)
}

// admitted runs `localnet.sh admit NAME` and returns the new node's index.
func (n *localnet) admitted(t *testing.T, name string) int {
	t.Helper()
	out := n.must(t, "admit", name)
	require.Contains(t, out, "PROPOSAL_STATUS_PASSED", out)
	n.ep = n.endpoints()
	for i, e := range n.ep {
		if e.name == name {
			return i
		}
	}
	t.Fatalf("%s is not in the endpoints: %v", name, n.ep)
	return -1
}

// consensusAddress is node i's validator address as commits list it.
func (n *localnet) consensusAddress(t testing.TB, i int) string {
	bz, err := os.ReadFile(filepath.Join(n.nodeHome(i), "config", "priv_validator_key.json"))
	require.NoError(t, err)
	var key struct{ Address string }
	require.NoError(t, json.Unmarshal(bz, &key))
	return key.Address
}

// signers are the validator addresses that signed the commit of block h, as
// node i has it.
func (n *localnet) signers(i int, h int64) map[string]bool {
	var res struct {
		SignedHeader struct {
			Commit struct {
				Signatures []struct {
					ValidatorAddress string `json:"validator_address"`
				} `json:"signatures"`
			} `json:"commit"`
		} `json:"signed_header"`
	}
	out := map[string]bool{}
	if err := n.rpc(i, fmt.Sprintf("commit?height=%d", h), &res); err != nil {
		return out
	}
	for _, s := range res.SignedHeader.Commit.Signatures {
		out[s.ValidatorAddress] = true
	}
	return out
}

func (n *localnet) testAdmit(t *testing.T) {
	ctx := ctxTimeout(t, 3*time.Minute)
	e := n.admitted(t, "hospital-e")
	addr := n.consensusAddress(t, e)
	waitFor(t, 90*time.Second, "hospital-e to catch up and sign a block", func() bool {
		h := n.height(0) - 1
		return h > 0 && n.height(e) >= h && n.signers(0, h)[addr]
	})
	vals, err := consortiumtypes.NewQueryClient(n.conn(regulator)).Validators(ctx, &consortiumtypes.QueryValidatorsRequest{})
	require.NoError(t, err)
	require.Len(t, vals.Validators, validators+1)

	// Its operator enrols an agent on its own node, and the agent anchors.
	agent := n.newAgent(ctx, t, e, "hospital-e-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	rec := n.anchor(ctx, t, e, agent, n.newKey(t, "patient").addr, recordstypes.Category_CATEGORY_LAB)
	require.Equal(t, n.operator(t, e).addr.String(), rec.Custodian)
	waitFor(t, 15*time.Second, "the regulator's node to have hospital-e's record", func() bool {
		_, err := recordstypes.NewQueryClient(n.conn(regulator)).Record(ctx, &recordstypes.QueryRecordRequest{Custodian: rec.Custodian, RecordId: rec.RecordId})
		return err == nil
	})

	// The record is proven from the genesis validators: the header carrying
	// its app hash is signed by the new set of five, trusted through the four.
	// Proofs are at the node's latest height but one: wait for the block after.
	n.waitHeight(t, 30*time.Second, n.height(regulator)+2, regulator)
	genesis := filepath.Join(n.nodeHome(0), "config", "genesis.json")
	bundle := filepath.Join(t.TempDir(), "record.json")
	out, err := n.medchaind("records", "evidence", rec.Custodian, rec.RecordId, "--node", n.rpcAddr(regulator), "--out", bundle)
	require.NoError(t, err, out)
	v := n.verified(t, "evidence", "verify", bundle, "--genesis", genesis)
	require.Len(t, v.Items, 2)
	var set struct {
		Total string `json:"total"`
	}
	require.NoError(t, n.rpc(0, fmt.Sprintf("validators?height=%d", v.Height+1), &set))
	require.Equal(t, strconv.Itoa(validators+1), set.Total, "the proof's header is signed by the changed set")
	require.NoError(t, n.rpc(0, "validators?height=1", &set))
	require.Equal(t, strconv.Itoa(validators), set.Total)
}

// pass submits msgs as hospital-a's proposal and has every validating
// hospital vote yes until it is decided; it returns the proposal.
func (n *localnet) pass(ctx context.Context, t *testing.T, msgs ...sdk.Msg) consortiumtypes.Proposal {
	t.Helper()
	anys, err := sdktx.SetMsgs(msgs)
	require.NoError(t, err)
	op := n.operator(t, 0)
	res := n.deliver(ctx, t, n.conn(0), op, &consortiumtypes.MsgSubmitProposal{
		Proposer: op.addr.String(), Messages: anys, Title: "Test proposal", Summary: "A change the consortium votes on.",
	})
	var submitted consortiumtypes.MsgSubmitProposalResponse
	require.NoError(t, unpackResponse(res, &submitted))
	q := consortiumtypes.NewQueryClient(n.conn(0))
	for i, e := range n.ep {
		if e.name == "regulator" {
			continue
		}
		p, err := q.Proposal(ctx, &consortiumtypes.QueryProposalRequest{ProposalId: submitted.ProposalId})
		require.NoError(t, err)
		if p.Proposal.Status != consortiumtypes.ProposalStatus_PROPOSAL_STATUS_VOTING {
			break
		}
		voter := n.operator(t, i)
		vote := n.deliver(ctx, t, n.conn(i), voter, &consortiumtypes.MsgVote{
			Voter: voter.addr.String(), ProposalId: submitted.ProposalId, Option: consortiumtypes.VoteOption_VOTE_OPTION_YES,
		})
		// The vote is in node i's state; node 0, which answers the
		// queries, may be a block behind it.
		n.waitHeight(t, 30*time.Second, vote.Height, 0)
	}
	p, err := q.Proposal(ctx, &consortiumtypes.QueryProposalRequest{ProposalId: submitted.ProposalId})
	require.NoError(t, err)
	return p.Proposal
}

func (n *localnet) testSuspend(t *testing.T) {
	ctx := ctxTimeout(t, 4*time.Minute)
	f := n.admitted(t, "hospital-f")
	t.Cleanup(func() { n.must(t, "leave", "hospital-f") })
	addr, nodeID := n.consensusAddress(t, f), strings.TrimSpace(readFile(t, filepath.Join(n.nodeHome(f), "node_id")))
	waitFor(t, 90*time.Second, "hospital-f to sign a block", func() bool {
		h := n.height(0) - 1
		return h > 0 && n.signers(0, h)[addr]
	})
	agent := n.newAgent(ctx, t, f, "hospital-f-gateway", consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY)

	p := n.pass(ctx, t, &consortiumtypes.MsgSuspendMember{
		Authority: authority(), Operator: n.operator(t, f).addr.String(),
	})
	require.Equal(t, consortiumtypes.ProposalStatus_PROPOSAL_STATUS_PASSED, p.Status, p.ExecutionError)
	from := n.height(0) + 3 // the validator set changes two blocks after the one that ends it
	n.waitHeight(t, time.Minute, from+2, 0)
	for h := from; h <= from+2; h++ {
		require.False(t, n.signers(0, h)[addr], "hospital-f signed block %d after its suspension", h)
	}

	res := n.broadcast(ctx, t, n.conn(0), agent, anchorMsg(agent.addr, n.newKey(t, "p").addr, randomID(), recordstypes.Category_CATEGORY_LAB))
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), res.Code, res.RawLog)

	waitFor(t, 30*time.Second, "every node to close its connection to hospital-f", func() bool {
		for i := range nodeNames {
			var info netInfo
			if err := n.rpc(i, "net_info", &info); err != nil {
				return false
			}
			for _, peer := range info.Peers {
				if peer.NodeInfo.ID == nodeID {
					return false
				}
			}
		}
		return true
	})
	stalled := n.height(f)
	n.waitHeight(t, time.Minute, stalled+5, 0)
	require.Less(t, n.height(f), stalled+3, "cut off, hospital-f's node no longer follows the chain")
}

func (n *localnet) testUpgrade(t *testing.T) {
	v2 := upgradeBinary(t)
	n.ep = n.endpoints() // the nodes running now, with any that joined
	// The proposal and four votes each wait for their block: leave them
	// ~20 s of 0.5 s blocks, even on a loaded machine.
	halt := n.maxHeight(allNodes()...) + 40
	out := n.must(t, "upgrade", "v2-test", fmt.Sprint(halt))
	require.Contains(t, out, "PROPOSAL_STATUS_PASSED", out)

	nodes := make([]int, len(n.ep))
	for i := range nodes {
		nodes[i] = i
	}
	waitFor(t, 2*time.Minute, "every node to halt for the upgrade", func() bool {
		for _, i := range nodes {
			if !strings.Contains(readFile(t, filepath.Join(n.nodeHome(i), "node.log")), fmt.Sprintf(`UPGRADE "v2-test" NEEDED at height: %d`, halt)) {
				return false
			}
		}
		return true
	})
	time.Sleep(2 * time.Second)
	for _, i := range nodes {
		require.LessOrEqual(t, n.height(i), halt, "%s went past the upgrade height on the old binary", n.ep[i].name)
	}

	n.must(t, "stop")
	old := n.bin
	n.bin = v2
	t.Cleanup(func() { n.bin = old })
	out = n.must(t, "start")
	require.Contains(t, out, "local consortium is up", out)
	n.waitHeight(t, time.Minute, halt+3, nodes...)
	n.appHashesAgree(t, nodes...)
	params, err := consortiumtypes.NewQueryClient(n.conn(regulator)).Params(ctxTimeout(t, time.Minute), &consortiumtypes.QueryParamsRequest{})
	require.NoError(t, err)
	require.EqualValues(t, consortiumtypes.DefaultProposalEndLimit+1, params.Params.ProposalEndLimit, "the upgrade's migration ran")
}

// upgradeBinary is a medchaind carrying the test upgrade: $MEDCHAIND_V2
// (what `make test` built), or built here.
func upgradeBinary(t *testing.T) string {
	if bin := os.Getenv("MEDCHAIND_V2"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "medchaind-v2")
	cmd := exec.Command("go", "build", "-tags", "testupgrade", "-o", bin, "./cmd/medchaind")
	cmd.Dir = repoRoot(t)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

func readFile(t testing.TB, path string) string {
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(bz)
}

// authority is the consortium module account: the signer of every message
// a proposal carries.
func authority() string { return consortiumcli.Authority() }
