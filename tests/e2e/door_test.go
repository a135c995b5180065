package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/app"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// pids returns the process IDs the script recorded for the nodes.
func (n *localnet) pids(t testing.TB) []int {
	var out []int
	for i := range nodeNames {
		bz, err := os.ReadFile(filepath.Join(n.nodeHome(i), "medchaind.pid"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(bz)))
		require.NoError(t, err)
		out = append(out, pid)
	}
	return out
}

// jsonField returns a top-level string field of a JSON object.
func jsonField(t testing.TB, bz []byte, field string) string {
	var m map[string]any
	require.NoError(t, json.Unmarshal(bz, &m), string(bz))
	s, ok := m[field].(string)
	require.True(t, ok, "no %s in %s", field, bz)
	return s
}

// notInABlock checks a transaction CheckTx refused never reaches a block.
func (n *localnet) notInABlock(t *testing.T, hash string) {
	t.Helper()
	ctx := ctxTimeout(t, time.Minute)
	n.waitHeight(t, 30*time.Second, n.height(0)+2, 0)
	_, err := txtypes.NewServiceClient(n.conn(0)).GetTx(ctx, &txtypes.GetTxRequest{Hash: hash})
	require.Equal(t, codes.NotFound, status.Code(err), "refused transaction %s was included: %v", hash, err)
}

func (n *localnet) testRefusedAtTheDoor(t *testing.T) {
	ctx := ctxTimeout(t, 2*time.Minute)
	agent := n.newAgent(ctx, t, 2, "door-agent", consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY)
	conn := n.conn(2)
	patient := n.newKey(t, "door-patient").addr

	t.Run("a malformed record id", func(t *testing.T) {
		msg := anchorMsg(agent.addr, patient, "Jane Doe 1980", recordstypes.Category_CATEGORY_LAB)
		res := n.broadcast(ctx, t, conn, agent, msg)
		require.Equal(t, recordstypes.ModuleName, res.Codespace, res.RawLog)
		require.Equal(t, recordstypes.ErrInvalidRecordID.ABCICode(), res.Code, res.RawLog)
		n.notInABlock(t, res.TxHash)
	})
	t.Run("a digest of the wrong length", func(t *testing.T) {
		msg := anchorMsg(agent.addr, patient, randomID(), recordstypes.Category_CATEGORY_LAB)
		msg.ContentHash.Digest = msg.ContentHash.Digest[:20]
		res := n.broadcast(ctx, t, conn, agent, msg)
		require.Equal(t, recordstypes.ErrInvalidHash.ABCICode(), res.Code, res.RawLog)
	})
	t.Run("33 messages in one transaction", func(t *testing.T) {
		msgs := make([]sdk.Msg, 33)
		for i := range msgs {
			msgs[i] = banktypes.NewMsgSend(agent.addr, agent.addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
		}
		res := n.broadcast(ctx, t, conn, agent, msgs...)
		require.Equal(t, consortiumtypes.ModuleName, res.Codespace, res.RawLog)
		require.Equal(t, consortiumtypes.ErrTxTooLarge.ABCICode(), res.Code, res.RawLog)
	})
	t.Run("a transaction larger than 64 KiB", func(t *testing.T) {
		accNum, seq := n.account(ctx, t, conn, agent.addr)
		bz := n.sign(ctx, t, agent, accNum, seq, &consenttypes.MsgGrantConsent{
			Patient: agent.addr.String(), Grantee: patient.String(), Records: make([]recordstypes.RecordRef, 70_000),
			Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Now().Add(time.Hour),
		})
		require.Greater(t, len(bz), 64<<10)
		// CometBFT's mempool refuses it before the app sees it (max_tx_bytes).
		res, err := n.client(conn).Broadcast(ctx, bz)
		require.NoError(t, err)
		require.Equal(t, sdkerrors.RootCodespace, res.Codespace)
		require.Equal(t, sdkerrors.ErrTxTooLarge.ABCICode(), res.Code)
	})
	t.Run("a transaction without a fee", func(t *testing.T) {
		unpaid := agent
		unpaid.feeGranter = nil
		accNum, seq := n.account(ctx, t, conn, agent.addr)
		bz := n.signWith(ctx, t, unpaid, accNum, seq, nil, banktypes.NewMsgSend(agent.addr, agent.addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1))))
		res, err := n.client(conn).Broadcast(ctx, bz)
		require.NoError(t, err)
		require.Equal(t, sdkerrors.ErrInsufficientFee.ABCICode(), res.Code, res.RawLog)
	})
}

// Neither an agent flooding one node nor a patient flooding with a
// member's allowance keeps anyone else's transactions out.
func (n *localnet) testFloods(t *testing.T) {
	ctx := ctxTimeout(t, 3*time.Minute)
	flooder := n.newAgent(ctx, t, 1, "flooder", consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY)
	victim := n.newAgent(ctx, t, 1, "bystander", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	conn := n.conn(1)
	patientsOf := n.newKey(t, "flood-patient").addr

	t.Run("an agent past its pending cap waits for blocks", func(t *testing.T) {
		accNum, seq := n.account(ctx, t, conn, flooder.addr)
		signed := make([][]byte, 150)
		for i := range signed {
			signed[i] = n.sign(ctx, t, flooder, accNum, seq+uint64(i), anchorMsg(flooder.addr, patientsOf, randomID(), recordstypes.Category_CATEGORY_LAB))
		}
		accepted, full := 0, 0
		for _, bz := range signed {
			res, err := n.client(conn).Broadcast(ctx, bz)
			require.NoError(t, err)
			switch {
			case res.Code == 0:
				accepted++
			case res.Codespace == sdkerrors.RootCodespace && res.Code == sdkerrors.ErrMempoolIsFull.ABCICode():
				full++
				require.Contains(t, res.RawLog, "waiting for a block")
			}
		}
		t.Logf("flood of %d: %d accepted, %d told to wait", len(signed), accepted, full)
		require.Positive(t, full, "the flooder was never held back")

		// The bystander on the same node gets in at once.
		res := n.deliver(ctx, t, conn, victim, anchorMsg(victim.addr, patientsOf, randomID(), recordstypes.Category_CATEGORY_LAB))
		require.Zero(t, res.Code)
	})

	t.Run("a patient past the member's allowance pays nothing more", func(t *testing.T) {
		patient, record := n.newPatient(ctx, t, 1, victim)
		op := n.operator(t, 1)
		// Replace the default allowance with three transactions a day.
		n.deliver(ctx, t, conn, op, &feegrant.MsgRevokeAllowance{Granter: op.addr.String(), Grantee: patient.addr.String()})
		allowance, err := app.NewPatientAllowance(op.addr, patient.addr, 3, fee(txGas))
		require.NoError(t, err)
		n.deliver(ctx, t, conn, op, allowance)

		accNum, seq := n.account(ctx, t, conn, patient.addr)
		committed, refused := 0, 0
		var hashes []string
		for i := range 6 {
			bz := n.sign(ctx, t, patient, accNum, seq+uint64(committed), &consenttypes.MsgGrantConsent{
				Patient: patient.addr.String(), Grantee: victim.addr.String(), Records: []recordstypes.RecordRef{record},
				Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Now().Add(time.Duration(i+1) * time.Hour).UTC(),
			})
			res, err := n.client(conn).Broadcast(ctx, bz)
			require.NoError(t, err)
			if res.Code == 0 {
				committed++
				hashes = append(hashes, res.TxHash)
				continue
			}
			refused++
			require.Equal(t, feegrant.ModuleName, res.Codespace, res.RawLog)
			require.Contains(t, res.RawLog, "fee limit exceeded")
		}
		require.Equal(t, 3, committed)
		require.Equal(t, 3, refused)
		for _, h := range hashes {
			require.Zero(t, n.waitTx(ctx, t, conn, h).Code)
		}
		// Others carry on.
		n.deliver(ctx, t, conn, victim, anchorMsg(victim.addr, patientsOf, randomID(), recordstypes.Category_CATEGORY_LAB))
	})
}
