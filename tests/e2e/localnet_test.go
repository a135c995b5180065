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
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// TestLocalConsortium starts the local consortium (4 hospitals, 1 regulator)
// with the same script as `make localnet-start`, exercises it over gRPC and
// RPC, and stops it with the script of `make localnet-stop`.
func TestLocalConsortium(t *testing.T) {
	n := &localnet{t: t, bin: binary(t), home: t.TempDir(), enc: app.MakeEncodingConfig()}
	out, err := n.script("start")
	t.Cleanup(func() { _, _ = n.script("stop") })
	require.NoError(t, err, out)
	require.Contains(t, out, "local consortium is up")

	t.Run("all nodes agree on the app hash", n.testAppHashAgreement)
	t.Run("a member's AddAgent lands and the regulator sees it", n.testAddAgent)
	t.Run("a transaction from an unknown key is rejected", n.testUnknownSigner)
	t.Run("a hospital agent anchors and amends a record; anyone verifies the file", n.testRecords)
	t.Run("a patient grants, CheckAccess decides, the patient revokes", n.testConsent)
	t.Run("the whole story: anchor, grant, allowed, denied, break-glass, regulator's audit", n.testAuditStory)
	t.Run("a node with an unregistered ID cannot peer", n.testIntruderCannotPeer)
	t.Run("status shows every node", n.testStatus)
	t.Run("stop leaves no medchaind process behind", n.testStop)
}

func (n *localnet) testAppHashAgreement(t *testing.T) {
	ctx := ctxTimeout(t, time.Minute)
	// A height every node has committed (a block's header carries the app
	// hash of the state after the block before it).
	var target int64
	waitFor(t, 30*time.Second, "all nodes past height 4", func() bool {
		target = 1 << 62
		for i := range nodeNames {
			target = min(target, height(t, rpcPort(i)))
		}
		return target >= 4
	})
	var want []byte
	for i := range nodeNames {
		res, err := cmtservice.NewServiceClient(n.conn(i)).GetBlockByHeight(ctx, &cmtservice.GetBlockByHeightRequest{Height: target})
		require.NoError(t, err, nodeNames[i])
		got := res.SdkBlock.Header.AppHash
		require.NotEmpty(t, got)
		if want == nil {
			want = got
		}
		require.Equal(t, want, got, "app hash of %s at height %d", nodeNames[i], target)
	}
}

func (n *localnet) testAddAgent(t *testing.T) {
	ctx := ctxTimeout(t, time.Minute)
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, n.nodeHome(0), nil, n.enc.Codec)
	require.NoError(t, err)
	operator := newSigner(t, kr, "operator")
	_, _, err = kr.NewMnemonic("dr-jones", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	doctor := newSigner(t, kr, "dr-jones")
	n.doctor = &doctor

	hospital := n.conn(0)
	res := n.broadcast(ctx, hospital, operator, &consortiumtypes.MsgAddAgent{
		Operator: operator.addr.String(), Agent: doctor.addr.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN,
	})
	require.Zero(t, res.Code, res.RawLog)
	included := n.waitTx(ctx, hospital, res.TxHash)
	require.Zero(t, included.Code, included.RawLog)

	// The regulator's read-only node returns the new agent.
	regulatorQ := consortiumtypes.NewQueryClient(n.conn(regulator))
	var agent *consortiumtypes.QueryAgentResponse
	waitFor(t, 15*time.Second, "the regulator's node to have the agent", func() bool {
		agent, err = regulatorQ.Agent(ctx, &consortiumtypes.QueryAgentRequest{Address: doctor.addr.String()})
		return err == nil
	})
	require.Equal(t, operator.addr.String(), agent.Agent.Member)
	require.Equal(t, consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN, agent.Agent.Role)

	// The new agent may now sign: its own transaction passes the allowlist
	// (and fails in the module, since an agent is not an operator).
	res = n.broadcast(ctx, hospital, doctor, &consortiumtypes.MsgRemoveAgent{Operator: doctor.addr.String(), Agent: doctor.addr.String()})
	require.Zero(t, res.Code, "CheckTx admits an agent: %s", res.RawLog)
	included = n.waitTx(ctx, hospital, res.TxHash)
	require.Equal(t, consortiumtypes.ErrMemberNotFound.ABCICode(), included.Code, included.RawLog)
}

func (n *localnet) testUnknownSigner(t *testing.T) {
	ctx := ctxTimeout(t, time.Minute)
	kr := keyring.NewInMemory(n.enc.Codec)
	_, _, err := kr.NewMnemonic("stranger", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	stranger := newSigner(t, kr, "stranger")
	res := n.broadcast(ctx, n.conn(1), stranger, &consortiumtypes.MsgAddAgent{
		Operator: stranger.addr.String(), Agent: stranger.addr.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_STAFF,
	})
	require.Equal(t, consortiumtypes.ModuleName, res.Codespace, res.RawLog)
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), res.Code, res.RawLog)
	require.Contains(t, res.RawLog, stranger.addr.String())
}

func (n *localnet) testIntruderCannotPeer(t *testing.T) {
	const idx = 5 // ports past the consortium's five nodes
	home := filepath.Join(n.home, "intruder")
	run := func(args ...string) string {
		out, err := exec.Command(n.bin, append(args, "--home", home)...).CombinedOutput()
		require.NoError(t, err, string(out))
		return strings.TrimSpace(string(out))
	}
	run("init", "intruder", "--chain-id", chainID)
	intruderID := run("comet", "show-node-id")
	gen, err := os.ReadFile(filepath.Join(n.nodeHome(0), "config", "genesis.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(home, "config", "genesis.json"), gen, 0o600))
	hospitalID, err := os.ReadFile(filepath.Join(n.nodeHome(0), "node_id"))
	require.NoError(t, err)

	cfg := filepath.Join(home, "config", "config.toml")
	setTOML(t, cfg, "", "proxy_app", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, abciPort(idx)))
	setTOML(t, cfg, "rpc", "laddr", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, rpcPort(idx)))
	setTOML(t, cfg, "rpc", "pprof_laddr", `""`)
	setTOML(t, cfg, "p2p", "laddr", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, p2pPort(idx)))
	setTOML(t, cfg, "p2p", "persistent_peers", fmt.Sprintf(`"%s@127.0.0.1:%d"`, strings.TrimSpace(string(hospitalID)), p2pPort(0)))
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
	require.NoError(t, rpc(t, rpcPort(0), "net_info", &hospitalNet))
	for _, p := range hospitalNet.Peers {
		require.NotEqual(t, intruderID, p.NodeInfo.ID, "hospital-a peered with the intruder")
	}
	waitFor(t, 20*time.Second, "hospital-a to keep its registered peers", func() bool {
		var ni netInfo
		return rpc(t, rpcPort(0), "net_info", &ni) == nil && len(ni.Peers) == len(nodeNames)-1
	})
	require.NoError(t, rpc(t, rpcPort(idx), "net_info", &intruderNet))
	require.Equal(t, "0", intruderNet.NPeers)
	require.Zero(t, height(t, rpcPort(idx)), "the intruder synced no block")
}

func (n *localnet) testStatus(t *testing.T) {
	out, err := n.script("status")
	require.NoError(t, err, out)
	for _, name := range nodeNames {
		require.Regexp(t, name+`\s+\d+\s+\d+\s+[0-9A-F]{64}\s+4`, out)
	}
}

func (n *localnet) testStop(t *testing.T) {
	pids := n.pids()
	require.Len(t, pids, len(nodeNames))
	out, err := n.script("stop")
	require.NoError(t, err, out)
	for _, pid := range pids {
		err := syscall.Kill(pid, 0)
		require.ErrorIs(t, err, syscall.ESRCH, "medchaind pid %d still running", pid)
	}
	// No process of this test's consortium remains, whatever its pid file says.
	ps, err := exec.Command("pgrep", "-f", n.home).CombinedOutput()
	require.Error(t, err, "processes still running: %s", ps)
}
