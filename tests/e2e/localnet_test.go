package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/app"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// TestLocalConsortium starts the local consortium (4 hospitals, 1 regulator)
// with the same script as `make localnet-start` and exercises it over gRPC,
// RPC and the CLI. Each subtest sets up what it reads and runs alone
// (go test -run 'TestLocalConsortium/<name>').
func TestLocalConsortium(t *testing.T) {
	n := startLocalnet(t, netConfig{offset: 1000, chainID: "medchain-e2e"})

	t.Run("all nodes agree on the app hash", n.testAppHashAgreement)
	t.Run("an invited agent acts only once it accepts, and may leave", n.testAddAgent)
	t.Run("a transaction from an unknown key is rejected", n.testUnknownSigner)
	t.Run("the CLI pays the default gas price", n.testCLIFees)
	t.Run("malformed, oversized and unpaid transactions are refused before the mempool", n.testRefusedAtTheDoor)
	t.Run("a flooding agent or patient does not stop anyone else", n.testFloods)
	t.Run("a list query past the page cap is InvalidArgument", n.testPageCap)
	t.Run("a hospital agent anchors and amends a record; anyone verifies the file", n.testRecords)
	t.Run("a patient grants, CheckAccess decides, the patient revokes", n.testConsent)
	t.Run("the integrator example anchors, grants, asks and reads the audit back over gRPC", n.testIntegratorExample)
	t.Run("every path of the OpenAPI description is a route of the REST gateway", n.testOpenAPI)
	t.Run("the load generator accounts for every transaction it offers", n.testLoadGenerator)
	t.Run("a doctor asks, the patient approves for less time, both are notified, access ends with the grant", n.testConsentRequest)
	t.Run("the README's request story with the CLI", n.testConsentRequestCLI)
	t.Run("the whole story: anchor, grant, allowed, denied, break-glass, regulator's audit", n.testAuditStory)
	t.Run("a regulator proves an audit trail and a record's history; they verify offline and a changed byte is named", n.testEvidence)
	t.Run("a patient who loses the phone is recovered to a new key by two of three guardians", n.testRecovery)
	t.Run("a patient's records at two hospitals are unlinkable on chain; the patient's app merges them", n.testPairwisePatient)
	t.Run("a node with an unregistered ID cannot peer", n.testIntruderCannotPeer)
	t.Run("the binary and the nodes report their version", n.testVersion)
	t.Run("the node's metrics count anchors, decisions and refused signers", n.testMetrics)
	t.Run("a validator signs through a remote signer process", n.testRemoteSigner)
	t.Run("a new regulator node joins by state sync, reaches the hospitals' app hash and follows", n.testStateSync)
	t.Run("status shows every node", n.testStatus)
	t.Run("stop leaves no medchaind process behind", n.testStop)
}

// appHashesAgree checks every node has the same block (and so app hash of
// the block before) at a height they all reached.
func (n *localnet) appHashesAgree(t *testing.T, nodes ...int) int64 {
	t.Helper()
	if len(nodes) == 0 {
		nodes = allNodes()
	}
	ctx := ctxTimeout(t, time.Minute)
	var target int64
	waitFor(t, 60*time.Second, "all nodes past height 4", func() bool {
		target = n.minHeight(nodes...)
		return target >= 4
	})
	var want []byte
	for _, i := range nodes {
		// A connection cut by a fault (a partition healed, a node
		// restarted) may fail once before gRPC reconnects.
		var res *cmtservice.GetBlockByHeightResponse
		var err error
		waitFor(t, 30*time.Second, "block "+fmt.Sprint(target)+" from "+n.name(i), func() bool {
			res, err = cmtservice.NewServiceClient(n.conn(i)).GetBlockByHeight(ctx, &cmtservice.GetBlockByHeightRequest{Height: target})
			return err == nil || status.Code(err) != codes.Unavailable
		})
		require.NoError(t, err, n.name(i))
		got := res.SdkBlock.Header.AppHash
		require.NotEmpty(t, got)
		if want == nil {
			want = got
		}
		require.Equal(t, want, got, "app hash of %s at height %d", n.name(i), target)
	}
	return target
}

func (n *localnet) testAppHashAgreement(t *testing.T) { n.appHashesAgree(t) }

// An operator invites a key; the invitee may only answer until it accepts
// with its own signature; then it acts for the member, and may leave.
func (n *localnet) testAddAgent(t *testing.T) {
	ctx := ctxTimeout(t, 2*time.Minute)
	operator, doctor := n.operator(t, 0), n.newKey(t, "dr-jones")
	n.deliver(ctx, t, n.conn(0), operator,
		&consortiumtypes.MsgAddAgent{Operator: operator.addr.String(), Agent: doctor.addr.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN},
		banktypes.NewMsgSend(operator.addr, doctor.addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, agentFunds))))

	// The regulator's read-only node shows the invitation, not an agent.
	regulatorQ := consortiumtypes.NewQueryClient(n.conn(regulator))
	waitFor(t, 15*time.Second, "the regulator's node to have the invitation", func() bool {
		res, err := regulatorQ.Invitations(ctx, &consortiumtypes.QueryInvitationsRequest{Agent: doctor.addr.String()})
		return err == nil && len(res.Invitations) == 1 && res.Invitations[0].Member == operator.addr.String()
	})
	_, err := regulatorQ.Agent(ctx, &consortiumtypes.QueryAgentRequest{Address: doctor.addr.String()})
	require.Equal(t, codes.NotFound, status.Code(err), "an invitee is no agent yet: %v", err)

	// Invited, it may not act for the member.
	res := n.broadcast(ctx, t, n.conn(0), doctor, anchorMsg(doctor.addr, n.newKey(t, "p").addr, randomID(), recordstypes.Category_CATEGORY_LAB))
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), res.Code, res.RawLog)

	// It accepts with its own key, and the regulator's node returns the agent.
	n.deliver(ctx, t, n.conn(0), doctor, &consortiumtypes.MsgAcceptAgent{Agent: doctor.addr.String(), Member: operator.addr.String()})
	var agent *consortiumtypes.QueryAgentResponse
	waitFor(t, 15*time.Second, "the regulator's node to have the agent", func() bool {
		agent, err = regulatorQ.Agent(ctx, &consortiumtypes.QueryAgentRequest{Address: doctor.addr.String()})
		return err == nil
	})
	require.Equal(t, operator.addr.String(), agent.Agent.Member)
	require.Equal(t, consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN, agent.Agent.Role)

	// The agent now acts for the member, and may withdraw itself.
	n.deliver(ctx, t, n.conn(0), doctor, anchorMsg(doctor.addr, n.newKey(t, "p").addr, randomID(), recordstypes.Category_CATEGORY_LAB))
	n.deliver(ctx, t, n.conn(0), doctor, &consortiumtypes.MsgRemoveAgent{Signer: doctor.addr.String(), Agent: doctor.addr.String()})
	waitFor(t, 15*time.Second, "the regulator's node to drop the agent", func() bool {
		_, err = regulatorQ.Agent(ctx, &consortiumtypes.QueryAgentRequest{Address: doctor.addr.String()})
		return status.Code(err) == codes.NotFound
	})
}

func (n *localnet) testUnknownSigner(t *testing.T) {
	ctx := ctxTimeout(t, time.Minute)
	stranger := n.newKey(t, "stranger")
	res := n.broadcast(ctx, t, n.conn(1), stranger, &consortiumtypes.MsgAddAgent{
		Operator: stranger.addr.String(), Agent: n.newKey(t, "accomplice").addr.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_STAFF,
	})
	require.Equal(t, consortiumtypes.ModuleName, res.Codespace, res.RawLog)
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), res.Code, res.RawLog)
	require.Contains(t, res.RawLog, stranger.addr.String())
}

// A CLI user gives no fee: medchaind's tx commands offer the nodes' default
// minimum gas price, and the transaction lands.
func (n *localnet) testCLIFees(t *testing.T) {
	home := n.nodeHome(1)
	out, err := exec.Command(n.bin, "keys", "show", "operator", "-a", "--keyring-backend", "test", "--home", home).Output()
	require.NoError(t, err)
	operator := strings.TrimSpace(string(out))
	res, err := exec.Command(n.bin, "tx", "bank", "send", "operator", operator, "1umed",
		"--from", "operator", "--home", home, "-y", "--output", "json").CombinedOutput()
	require.NoError(t, err, string(res))
	require.Contains(t, string(res), `"code":0`)
	hash := jsonField(t, res, "txhash")
	ctx := ctxTimeout(t, time.Minute)
	included := n.waitTx(ctx, t, n.conn(1), hash)
	require.Zero(t, included.Code, included.RawLog)
	require.NotEmpty(t, included.Tx)
}

func (n *localnet) testIntruderCannotPeer(t *testing.T) {
	home := filepath.Join(n.home, "intruder")
	run := func(args ...string) string {
		out, err := exec.Command(n.bin, append(args, "--home", home)...).CombinedOutput()
		require.NoError(t, err, string(out))
		return strings.TrimSpace(string(out))
	}
	run("init", "intruder", "--chain-id", n.cfg.chainID)
	intruderID := run("comet", "show-node-id")
	gen, err := os.ReadFile(filepath.Join(n.nodeHome(0), "config", "genesis.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(home, "config", "genesis.json"), gen, 0o600))
	hospitalID, err := os.ReadFile(filepath.Join(n.nodeHome(0), "node_id"))
	require.NoError(t, err)

	// Ports past the consortium's five nodes.
	slot := 500 + n.cfg.offset
	cfg := filepath.Join(home, "config", "config.toml")
	setTOML(t, cfg, "", "proxy_app", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, 26658+slot))
	setTOML(t, cfg, "rpc", "laddr", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, 26657+slot))
	setTOML(t, cfg, "rpc", "pprof_laddr", `""`)
	setTOML(t, cfg, "p2p", "laddr", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, 26656+slot))
	setTOML(t, cfg, "p2p", "persistent_peers", fmt.Sprintf(`"%s@%s:%d"`, strings.TrimSpace(string(hospitalID)), n.ep[0].host, n.ep[0].p2p))
	setTOML(t, cfg, "p2p", "addr_book_strict", "false")
	setTOML(t, cfg, "p2p", "allow_duplicate_ip", "true")
	appCfg := filepath.Join(home, "config", "app.toml")
	setTOML(t, appCfg, "api", "enable", "false")
	setTOML(t, appCfg, "grpc", "enable", "false")

	logFile, err := os.Create(filepath.Join(home, "node.log"))
	require.NoError(t, err)
	defer logFile.Close()
	cmd := exec.Command(n.bin, "start", "--home", home)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	// The intruder dials hospital-a; hospital-a asks its app, which refuses.
	waitFor(t, 30*time.Second, "hospital-a to refuse the intruder", func() bool {
		log, _ := os.ReadFile(filepath.Join(n.nodeHome(0), "node.log"))
		return bytes.Contains(log, []byte(intruderID))
	})
	time.Sleep(3 * time.Second) // give a wrongly admitted peer time to show up
	var hospitalNet, intruderNet netInfo
	require.NoError(t, n.rpc(0, "net_info", &hospitalNet))
	for _, p := range hospitalNet.Peers {
		require.NotEqual(t, intruderID, p.NodeInfo.ID, "hospital-a peered with the intruder")
	}
	waitFor(t, 20*time.Second, "hospital-a to keep its registered peers", func() bool {
		var ni netInfo
		return n.rpc(0, "net_info", &ni) == nil && len(ni.Peers) == len(nodeNames)-1
	})
	// The intruder redials hospital-a (a persistent peer): for the moment of
	// each handshake it lists hospital-a, until hospital-a's filter closes the
	// connection. Between redials it holds no peer, and it never gets a block.
	intruder := &localnet{t: t, ep: []endpoint{{host: "127.0.0.1", rpc: 26657 + slot}}}
	waitFor(t, 20*time.Second, "the intruder to hold no peer", func() bool {
		return intruder.rpc(0, "net_info", &intruderNet) == nil && intruderNet.NPeers == "0"
	})
	require.Zero(t, intruder.height(0), "the intruder synced no block")
}

// A list asks for at most 1,000 entries a page; more is InvalidArgument.
func (n *localnet) testPageCap(t *testing.T) {
	ctx := ctxTimeout(t, time.Minute)
	q := consortiumtypes.NewQueryClient(n.conn(regulator))
	_, err := q.Members(ctx, &consortiumtypes.QueryMembersRequest{Pagination: &query.PageRequest{Limit: 1001}})
	require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
	require.Contains(t, err.Error(), "exceeds the maximum of 1000")
	res, err := q.Members(ctx, &consortiumtypes.QueryMembersRequest{Pagination: &query.PageRequest{Limit: 1000}})
	require.NoError(t, err)
	require.Len(t, res.Members, len(nodeNames))
}

func (n *localnet) testStatus(t *testing.T) {
	out := n.must(t, "status")
	for _, name := range nodeNames {
		require.Regexp(t, name+`\s+\d+\s+\d+\s+[0-9A-F]{64}\s+4`, out)
	}
}

func (n *localnet) testStop(t *testing.T) {
	pids := n.pids(t)
	require.Len(t, pids, len(nodeNames))
	n.must(t, "stop")
	for _, pid := range pids {
		err := syscall.Kill(pid, 0)
		require.ErrorIs(t, err, syscall.ESRCH, "medchaind pid %d still running", pid)
	}
	// No process of this test's consortium remains, whatever its pid file says.
	ps, err := exec.Command("pgrep", "-f", n.home).CombinedOutput()
	require.Error(t, err, "processes still running: %s", ps)
}
