package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// faultTimes are how long faults last: short inside `make test`, the
// issue's full durations in `make test-faults` (MEDCHAIN_FAULTS=full).
type faultTimes struct {
	hold     time.Duration // a pause, a partition, a halt
	interval time.Duration // between one agent's transactions
}

func faultDurations() faultTimes {
	if os.Getenv("MEDCHAIN_FAULTS") == "full" {
		return faultTimes{hold: 30 * time.Second, interval: 100 * time.Millisecond}
	}
	return faultTimes{hold: 8 * time.Second, interval: 200 * time.Millisecond}
}

// canUseNetns reports whether this machine lets the test make network
// namespaces (root and iproute2), and why not.
func canUseNetns() (bool, string) {
	if os.Geteuid() != 0 {
		return false, "network namespaces need root"
	}
	if _, err := exec.LookPath("ip"); err != nil {
		return false, "network namespaces need iproute2's ip"
	}
	name := fmt.Sprintf("medchain-probe-%d", os.Getpid())
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		return false, fmt.Sprintf("ip netns add failed: %v: %s", err, out)
	}
	_ = exec.Command("ip", "netns", "del", name).Run()
	return true, ""
}

// TestFaults injects the faults hospitals live with into a local consortium
// under a steady load — restarts, crashes, a halt, a hang, a partition and a
// power cut — and checks the chain stays live where BFT allows, never forks,
// and loses no committed transaction. Where the machine allows, every node
// runs in its own network namespace with its own IP.
func TestFaults(t *testing.T) {
	netns, why := canUseNetns()
	if !netns {
		t.Logf("nodes on loopback: %s", why)
	}
	n := startLocalnet(t, netConfig{offset: 2000, chainID: "medchain-faults", netns: netns})
	d := faultDurations()
	agents := n.loadAgents(t)
	var total tally
	faults := 0
	count := func(tl tally, injected int) {
		total.submitted += tl.submitted
		total.accepted += tl.accepted
		total.committed += tl.committed
		total.dropped += tl.dropped
		total.lost += tl.lost
		faults += injected
	}
	const victim = 3 // hospital-d
	// outage takes the victim out under load with the localnet.sh command
	// down and back with up: the others go on, it rejoins, and the load
	// loses nothing. With noDoubleSign, no block from the load's start to
	// the rejoin carries evidence.
	outage := func(t *testing.T, down, up string, noDoubleSign bool) {
		t.Helper()
		l := n.startLoad(t, agents, d.interval)
		var from int64
		if noDoubleSign {
			from = n.height(0)
		}
		n.must(t, down, nodeNames[victim])
		n.chainGoesOn(t, d, victim)
		n.must(t, up, nodeNames[victim])
		n.rejoined(t, victim)
		if noDoubleSign {
			n.noEvidence(t, from, n.height(0))
		}
		count(l.verify(t, 0), 1)
	}

	t.Run("a validator restarted gracefully under load rejoins", func(t *testing.T) {
		outage(t, "stop-node", "start-node", false)
	})

	t.Run("a validator killed with SIGKILL under load rejoins", func(t *testing.T) {
		outage(t, "kill", "start-node", false)
	})

	t.Run("two of four validators down: no block and no fork; one back and the chain resumes", func(t *testing.T) {
		l := n.startLoad(t, agents, d.interval)
		waitFor(t, 30*time.Second, "load to commit", func() bool { return l.committedCount() > 0 })
		n.must(t, "kill", nodeNames[2])
		n.must(t, "kill", nodeNames[3])
		time.Sleep(2 * time.Second) // a block in flight may still commit
		halted := n.maxHeight(0, 1, regulator)
		time.Sleep(d.hold)
		require.LessOrEqual(t, n.maxHeight(0, 1, regulator), halted+1, "blocks committed with half the power down")
		n.must(t, "start-node", nodeNames[2])
		n.waitHeight(t, 90*time.Second, halted+3, 0, 1, 2)
		n.must(t, "start-node", nodeNames[3])
		n.rejoined(t, 3)
		n.noFork(t, halted-3, halted+3)
		count(l.verify(t, 0), 2)
	})

	t.Run("a validator paused with SIGSTOP comes back without double-signing", func(t *testing.T) {
		outage(t, "pause", "resume", true)
	})

	t.Run("a validator cut off from the network catches up when it returns", func(t *testing.T) {
		if !netns {
			t.Skipf("partitions need network namespaces: %s", why)
		}
		outage(t, "partition", "heal", false)
	})

	t.Run("a power cut: all five killed mid-load lose no committed transaction", func(t *testing.T) {
		l := n.startLoad(t, agents, d.interval)
		waitFor(t, 60*time.Second, "load to commit 20 transactions", func() bool { return l.committedCount() >= 20 })
		before := n.maxHeight(allNodes()...)
		pids := n.pids(t)
		for _, pid := range pids { // at once, not one by one
			require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
		}
		for _, pid := range pids {
			waitFor(t, 10*time.Second, fmt.Sprintf("pid %d to die", pid), func() bool { return syscall.Kill(pid, 0) == syscall.ESRCH })
		}
		l.halt()
		l.catchUp() // nothing answers now; what was seen stays
		t.Logf("power cut at height %d with %d load transactions seen committed", before, l.committedCount())
		n.must(t, "start") // resumes the consortium with its data
		n.waitHeight(t, 2*time.Minute, before+2)
		n.appHashesAgree(t)
		count(l.verify(t, regulator), 5)
	})

	t.Run("an export at a height starts a new chain with the same state", n.testExportImport)

	t.Logf("FAULTS: %d injected; load %d submitted, %d accepted, %d committed, %d never committed, %d lost",
		faults, total.submitted, total.accepted, total.committed, total.dropped, total.lost)
}

// chainGoesOn checks the other nodes commit at least 3 blocks while down is
// out, and keeps down out for the fault's duration.
func (n *localnet) chainGoesOn(t *testing.T, d faultTimes, down int) {
	t.Helper()
	var others []int
	for _, i := range allNodes() {
		if i != down {
			others = append(others, i)
		}
	}
	start, deadline := n.minHeight(others...), time.Now().Add(d.hold)
	n.waitHeight(t, d.hold+30*time.Second, start+3, others...)
	time.Sleep(time.Until(deadline))
}

// rejoined waits until node i reaches the height the others had when it
// came back, then checks every node has the same app hash.
func (n *localnet) rejoined(t *testing.T, i int) {
	t.Helper()
	target := n.maxHeight(allNodes()...)
	n.waitHeight(t, 2*time.Minute, target, i)
	n.appHashesAgree(t)
}

// maxHeight is the highest height among nodes that answer.
func (n *localnet) maxHeight(nodes ...int) int64 {
	var top int64
	for _, i := range nodes {
		top = max(top, n.height(i))
	}
	return top
}

// noFork checks every node holds the same block at each height of [from, to].
func (n *localnet) noFork(t *testing.T, from, to int64) {
	t.Helper()
	for h := max(from, 1); h <= to; h++ {
		var want string
		for _, i := range allNodes() {
			res, err := n.block(i, h)
			require.NoError(t, err, "%s height %d", nodeNames[i], h)
			if want == "" {
				want = res.BlockID.Hash
			}
			require.Equal(t, want, res.BlockID.Hash, "%s holds another block at height %d", nodeNames[i], h)
		}
	}
}

// noEvidence checks no block of [from, to] carries misbehaviour evidence
// and every validating member is still active with its power.
func (n *localnet) noEvidence(t *testing.T, from, to int64) {
	t.Helper()
	for h := max(from, 1); h <= to; h++ {
		res, err := n.block(0, h)
		require.NoError(t, err)
		require.Empty(t, res.Block.Evidence.Evidence, "evidence at height %d", h)
	}
	ctx := ctxTimeout(t, time.Minute)
	vals, err := consortiumtypes.NewQueryClient(n.conn(0)).Validators(ctx, &consortiumtypes.QueryValidatorsRequest{})
	require.NoError(t, err)
	require.Len(t, vals.Validators, validators)
	members, err := consortiumtypes.NewQueryClient(n.conn(0)).Members(ctx, &consortiumtypes.QueryMembersRequest{
		Status: consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED,
	})
	require.NoError(t, err)
	require.Empty(t, members.Members)
}
