package e2e

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	"github.com/stretchr/testify/require"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// syncStatus is the part of /status that tells how a node got its state.
type syncStatus struct {
	NodeInfo struct {
		ID string `json:"id"`
	} `json:"node_info"`
	SyncInfo struct {
		EarliestBlockHeight string `json:"earliest_block_height"`
		LatestBlockHeight   string `json:"latest_block_height"`
		CatchingUp          bool   `json:"catching_up"`
	} `json:"sync_info"`
}

// A new regulator node joins by state sync (`localnet.sh statesync`): the
// consortium admits its node ID by vote, it restores the hospitals' latest
// snapshot instead of replaying the chain from genesis, reaches their app
// hash, follows new blocks, and answers gRPC as a hospital does, about a
// record anchored before its snapshot and one anchored after its sync.
func (n *localnet) testStateSync(t *testing.T) {
	const name = "regulator-2"
	ctx := ctxTimeout(t, 6*time.Minute)
	doctor := n.newAgent(ctx, t, 0, "statesync-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	patient := n.newKey(t, "statesync-patient")
	before := n.anchorWithHeight(ctx, t, doctor, patient)

	// The new node restores the latest snapshot when it starts: let the
	// hospitals take one after the record, with the two headers that prove it.
	interval := n.snapshotInterval(t)
	n.waitHeight(t, 2*time.Minute, (before.height/interval+1)*interval+2, 0)

	// Whatever happens, the node leaves the list and stops: the consortium's
	// other subtests count five nodes.
	t.Cleanup(func() {
		for i, e := range n.ep {
			if e.name == name {
				n.dropConn(i)
			}
		}
		if out, err := n.script("leave", name); err != nil {
			t.Logf("%s did not leave: %v: %s", name, err, out)
		}
		n.ep = n.endpoints()
	})
	out := n.must(t, "statesync", name)
	require.Contains(t, out, "PROPOSAL_STATUS_PASSED", out)
	n.ep = n.endpoints()
	s := len(n.ep) - 1
	require.Equal(t, name, n.ep[s].name)

	// It restored a snapshot taken after the record: its first block is
	// past the record's, and it has no block 1.
	var st syncStatus
	require.NoError(t, n.rpc(s, "status", &st))
	earliest, err := strconv.ParseInt(st.SyncInfo.EarliestBlockHeight, 10, 64)
	require.NoError(t, err)
	require.Greater(t, earliest, before.height, "%s replayed blocks it should have restored from a snapshot", name)
	_, err = cmtservice.NewServiceClient(n.conn(s)).GetBlockByHeight(ctx, &cmtservice.GetBlockByHeightRequest{Height: 1})
	require.Error(t, err, "%s has block 1: it did not start from a snapshot", name)

	// The consortium admitted its node ID for the regulator member.
	member, err := consortiumtypes.NewQueryClient(n.conn(0)).Member(ctx, &consortiumtypes.QueryMemberRequest{Operator: n.operator(t, regulator).addr.String()})
	require.NoError(t, err)
	require.Contains(t, member.Member.NodeIds, st.NodeInfo.ID)

	// It follows new blocks, with the hospitals' app hash.
	h := n.height(s)
	n.waitHeight(t, time.Minute, h+5, s)
	n.appHashesAgree(t, 0, 1, 2, 3, regulator, s)
	require.False(t, n.syncing(t, s), "%s still catching up", name)

	// It answers as a hospital does, about the record in its snapshot and
	// about one anchored after it synced.
	after := n.anchorWithHeight(ctx, t, doctor, patient)
	require.Greater(t, after.height, earliest)
	for _, rec := range []anchored{before, after} {
		fromHospital, err := recordstypes.NewQueryClient(n.conn(0)).Record(ctx, &rec.req)
		require.NoError(t, err)
		var fromSynced *recordstypes.QueryRecordResponse
		waitFor(t, 30*time.Second, name+" to have record "+rec.req.RecordId, func() bool {
			fromSynced, err = recordstypes.NewQueryClient(n.conn(s)).Record(ctx, &rec.req)
			return err == nil
		})
		require.Equal(t, fromHospital.Record, fromSynced.Record)
	}
	byPatient := &recordstypes.QueryRecordsByPatientRequest{Patient: patient.addr.String()}
	fromHospital, err := recordstypes.NewQueryClient(n.conn(0)).RecordsByPatient(ctx, byPatient)
	require.NoError(t, err)
	fromSynced, err := recordstypes.NewQueryClient(n.conn(s)).RecordsByPatient(ctx, byPatient)
	require.NoError(t, err)
	require.Len(t, fromSynced.Records, 2)
	require.Equal(t, fromHospital.Records, fromSynced.Records)
}

// anchored is a record and the height of the block that anchored it.
type anchored struct {
	req    recordstypes.QueryRecordRequest
	height int64
}

// anchorWithHeight has hospital-a's agent anchor a lab record for patient.
func (n *localnet) anchorWithHeight(ctx context.Context, t *testing.T, agent, patient signer) anchored {
	t.Helper()
	msg := anchorMsg(agent.addr, patient.addr, randomID(), recordstypes.Category_CATEGORY_LAB)
	res := n.deliver(ctx, t, n.conn(0), agent, msg)
	return anchored{req: recordstypes.QueryRecordRequest{Custodian: n.operator(t, 0).addr.String(), RecordId: msg.RecordId}, height: res.Height}
}

// snapshotInterval is how many blocks apart hospital-a takes snapshots (app.toml).
func (n *localnet) snapshotInterval(t *testing.T) int64 {
	m := regexp.MustCompile(`(?m)^snapshot-interval = (\d+)$`).FindStringSubmatch(readFile(t, filepath.Join(n.nodeHome(0), "config", "app.toml")))
	require.NotNil(t, m, "no snapshot-interval in hospital-a's app.toml")
	interval, err := strconv.ParseInt(m[1], 10, 64)
	require.NoError(t, err)
	require.Positive(t, interval, "hospital-a takes no snapshots")
	return interval
}

// syncing reports whether node i says it is catching up.
func (n *localnet) syncing(t *testing.T, i int) bool {
	var st syncStatus
	require.NoError(t, n.rpc(i, "status", &st))
	return st.SyncInfo.CatchingUp
}

// dropConn closes the gRPC connection to node i, which has stopped for good.
func (n *localnet) dropConn(i int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if c, ok := n.conns[i]; ok {
		_ = c.Close()
		delete(n.conns, i)
	}
}
