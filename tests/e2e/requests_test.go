package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// notice is one line `medchaind watch` prints.
type notice struct {
	Height     int64                      `json:"height"`
	TxHash     string                     `json:"tx_hash"`
	Event      string                     `json:"event"`
	Attributes map[string]json.RawMessage `json:"attributes"`
}

func (x notice) attr(key string) string {
	var s string
	if json.Unmarshal(x.Attributes[key], &s) != nil {
		return string(x.Attributes[key])
	}
	return s
}

// watcher is a running `medchaind watch` and the lines it printed.
type watcher struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string
	done  chan struct{}
}

// watch starts `medchaind watch args...` against node i.
func (n *localnet) watch(t *testing.T, i int, args ...string) *watcher {
	t.Helper()
	cmd := exec.Command(n.bin, append([]string{"watch", "--node", n.rpcAddr(i), "--poll", "200ms"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	w := &watcher{cmd: cmd, done: make(chan struct{})}
	require.NoError(t, cmd.Start())
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			w.mu.Lock()
			w.lines = append(w.lines, sc.Text())
			w.mu.Unlock()
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return w
}

func (w *watcher) notices(t testing.TB) []notice {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]notice, len(w.lines))
	for i, l := range w.lines {
		require.NoError(t, json.Unmarshal([]byte(l), &out[i]), l)
	}
	return out
}

// waitNotice waits for a line of event type whose attribute key is value.
func (w *watcher) waitNotice(t testing.TB, event, key, value string) notice {
	t.Helper()
	var found notice
	waitFor(t, 30*time.Second, fmt.Sprintf("watch to print %s with %s=%s", event, key, value), func() bool {
		for _, x := range w.notices(t) {
			if strings.HasSuffix(x.Event, event) && x.attr(key) == value {
				found = x
				return true
			}
		}
		return false
	})
	return found
}

// The story the product exists for: a doctor asks, the patient's watcher
// shows it, the patient approves for less time than asked, the doctor's
// watcher shows the grant, access is allowed within it and denied after;
// a watcher killed mid-stream and restarted with --from-height prints the
// missed notifications exactly once.
func (n *localnet) testConsentRequest(t *testing.T) {
	ctx := ctxTimeout(t, 4*time.Minute)
	hospital := n.conn(0)
	doctor := n.newAgent(ctx, t, 0, "requesting-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	patient, labRecord := n.newPatient(ctx, t, 0, doctor)
	p, d := patient.addr.String(), doctor.addr.String()

	patientWatch := n.watch(t, regulator, "--patient", p)
	doctorWatch := n.watch(t, 1, "--accessor", d)
	// An integrator subscribes itself with the query README gives.
	ws, err := rpchttp.New(n.rpcAddr(2), "/websocket")
	require.NoError(t, err)
	require.NoError(t, ws.Start())
	t.Cleanup(func() { _ = ws.Stop() })
	sub, err := ws.Subscribe(ctx, "integrator", fmt.Sprintf(`tm.event='Tx' AND medchain.consent.v1.EventConsentRequested.patient='"%s"'`, p), 4)
	require.NoError(t, err)
	expirySub, err := ws.Subscribe(ctx, "integrator", fmt.Sprintf(`tm.event='NewBlockEvents' AND medchain.consent.v1.EventConsentExpired.patient='"%s"'`, p), 4)
	require.NoError(t, err)
	time.Sleep(2 * time.Second) // the watchers are following

	res := n.deliver(ctx, t, hospital, doctor, &consenttypes.MsgRequestConsent{
		Requester: d, Patient: p, Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, Duration: time.Hour,
		NoteCode: consenttypes.RequestReason_REQUEST_REASON_REFERRAL,
	})
	var asked consenttypes.MsgRequestConsentResponse
	require.NoError(t, unpackResponse(res, &asked))
	id := fmt.Sprint(asked.RequestId)
	opened := patientWatch.waitNotice(t, "EventConsentRequested", "request_id", id)
	require.Equal(t, res.TxHash, opened.TxHash)
	require.Equal(t, res.Height, opened.Height)
	require.Equal(t, d, opened.attr("requester"))
	select {
	case e := <-sub:
		require.Contains(t, e.Events["medchain.consent.v1.EventConsentRequested.request_id"], `"`+id+`"`)
	case <-time.After(20 * time.Second):
		t.Fatal("the websocket subscription saw no request")
	}

	// The patient approves for 25 seconds instead of the hour asked.
	short := 25 * time.Second
	res = n.deliver(ctx, t, hospital, patient, &consenttypes.MsgRespondConsentRequest{
		Patient: p, RequestId: asked.RequestId, Response: consenttypes.Response_RESPONSE_APPROVE, Duration: &short,
	})
	var answered consenttypes.MsgRespondConsentRequestResponse
	require.NoError(t, unpackResponse(res, &answered))
	grant := fmt.Sprint(answered.GrantId)
	doctorWatch.waitNotice(t, "EventConsentGranted", "grant_id", grant)
	approved := doctorWatch.waitNotice(t, "EventConsentRequestApproved", "request_id", id)
	require.Equal(t, grant, approved.attr("grant_id"))
	patientWatch.waitNotice(t, "EventConsentRequestApproved", "request_id", id)

	q := consenttypes.NewQueryClient(n.conn(regulator))
	r, err := q.ConsentRequest(ctx, &consenttypes.QueryConsentRequestRequest{RequestId: asked.RequestId})
	require.NoError(t, err)
	require.Equal(t, consenttypes.RequestStatus_REQUEST_STATUS_APPROVED, r.Request.Status)
	g, err := q.Grant(ctx, &consenttypes.QueryGrantRequest{GrantId: answered.GrantId})
	require.NoError(t, err)
	require.Equal(t, asked.RequestId, g.Grant.RequestId)
	require.Equal(t, short, g.Grant.ExpiresAt.Sub(g.Grant.CreatedAt), "the shorter duration, from the approval's block")
	check := func() *consenttypes.QueryCheckAccessResponse {
		out, err := q.CheckAccess(ctx, &consenttypes.QueryCheckAccessRequest{
			Accessor: d, Patient: p, Custodian: labRecord.Custodian, RecordId: labRecord.RecordId, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
		})
		require.NoError(t, err)
		return out
	}
	waitFor(t, 15*time.Second, "access allowed under the approved grant", func() bool { return check().Allowed })
	require.Equal(t, answered.GrantId, check().GrantId)

	// The patient's watcher is killed mid-stream; the doctor reads twice
	// while it is down; restarted from the height after its last line, it
	// prints exactly the missed notifications, once.
	require.NoError(t, patientWatch.cmd.Process.Kill())
	<-patientWatch.done
	printed := patientWatch.notices(t)
	last := printed[len(printed)-1].Height
	var missed []string
	var to int64
	for range 2 {
		res := n.deliver(ctx, t, hospital, doctor, requestMsg(doctor, p, labRecord))
		missed, to = append(missed, res.TxHash), res.Height
	}
	out, err := n.medchaind("watch", "--node", n.rpcAddr(regulator), "--patient", p, "--from-height", fmt.Sprint(last+1), "--to-height", fmt.Sprint(to))
	require.NoError(t, err, out)
	var resumed []notice
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var x notice
		require.NoError(t, json.Unmarshal([]byte(l), &x), l)
		resumed = append(resumed, x)
	}
	whole, err := n.medchaind("watch", "--node", n.rpcAddr(regulator), "--patient", p, "--from-height", fmt.Sprint(opened.Height), "--to-height", fmt.Sprint(to))
	require.NoError(t, err, whole)
	require.Equal(t, strings.Join(append(append([]string{}, patientWatch.lines...), strings.Split(strings.TrimSpace(out), "\n")...), "\n"),
		strings.TrimSpace(whole), "before the kill + after the restart = one uninterrupted watch")
	var accesses []string
	for _, x := range resumed {
		require.Greater(t, x.Height, last, "nothing printed before the kill is printed again")
		if strings.HasSuffix(x.Event, "EventAccessRecorded") {
			accesses = append(accesses, x.TxHash)
		}
	}
	require.Equal(t, missed, accesses, "each missed access once, in order")

	// After the approved 25 seconds the same access is denied.
	waitFor(t, time.Minute, "access denied after the approved duration", func() bool { return !check().Allowed })
	require.Contains(t, []consenttypes.DecisionReason{
		consenttypes.DecisionReason_DECISION_REASON_GRANT_EXPIRED,     // past its expiry, before BeginBlock marks it
		consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT, // marked expired: no active grant left
	}, check().Reason)
	waitFor(t, 15*time.Second, "BeginBlock to mark the grant expired", func() bool {
		g, err := q.Grant(ctx, &consenttypes.QueryGrantRequest{GrantId: answered.GrantId})
		return err == nil && g.Grant.Status == consenttypes.GrantStatus_GRANT_STATUS_EXPIRED
	})
	select {
	case e := <-expirySub:
		require.Contains(t, e.Events["medchain.consent.v1.EventConsentExpired.grant_id"], `"`+grant+`"`)
	case <-time.After(20 * time.Second):
		t.Fatal("the NewBlockEvents subscription saw no expiry")
	}
	// The patient's watcher shows the expiry too, with no transaction hash.
	out, err = n.medchaind("watch", "--node", n.rpcAddr(regulator), "--patient", p, "--from-height", fmt.Sprint(opened.Height), "--to-height", fmt.Sprint(n.height(regulator)))
	require.NoError(t, err, out)
	expired := false
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var x notice
		require.NoError(t, json.Unmarshal([]byte(l), &x), l)
		if x.Event == "medchain.consent.v1.EventConsentExpired" && x.attr("grant_id") == grant {
			require.Empty(t, x.TxHash, "BeginBlock's event has no transaction")
			expired = true
		}
	}
	require.True(t, expired, out)
}

// The README's story with the CLI: a member's operator asks with `tx consent
// request`, the patient (a key in its own keyring) approves for 2 of the 7
// days asked with `tx consent approve`, and `query consent check` allows.
func (n *localnet) testConsentRequestCLI(t *testing.T) {
	ctx := ctxTimeout(t, 3*time.Minute)
	const member = 1
	home, patientHome := n.nodeHome(member), t.TempDir()
	op := n.operator(t, member)
	cli := func(args ...string) string {
		t.Helper()
		out, err := n.medchaind(append(args, "--node", n.rpcAddr(member), "--output", "json")...)
		require.NoError(t, err, out)
		return out
	}
	tx := func(args ...string) {
		t.Helper()
		out := cli(append(args, "--chain-id", n.cfg.chainID, "-y")...)
		require.Contains(t, out, `"code":0`, out)
		res := n.waitTx(ctx, t, n.conn(member), jsonField(t, []byte(out), "txhash"))
		require.Zero(t, res.Code, res.RawLog)
	}
	key, err := n.medchaind("keys", "add", "story-patient", "--keyring-backend", "test", "--home", patientHome, "--output", "json")
	require.NoError(t, err, key)
	patient := jsonField(t, []byte(key), "address")
	patientAddr, err := sdk.AccAddressFromBech32(patient)
	require.NoError(t, err)
	doctor := n.newAgent(ctx, t, member, "story-doctor", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN)
	record := n.anchor(ctx, t, member, doctor, patientAddr, recordstypes.Category_CATEGORY_LAB)
	allowance, err := app.NewPatientAllowance(op.addr, patientAddr, 10, fee(txGas))
	require.NoError(t, err)
	n.deliver(ctx, t, n.conn(member), op, allowance)

	tx("tx", "consent", "request", patient, "--categories", "lab", "--purposes", "treat", "--for", "7d", "--reason", "referral",
		"--from", "operator", "--keyring-backend", "test", "--home", home)
	var pending consenttypes.QueryRequestsResponse
	require.NoError(t, n.enc.Codec.UnmarshalJSON([]byte(cli("query", "consent", "requests-to", patient, "--status", "pending")), &pending))
	require.Len(t, pending.Requests, 1)
	id := fmt.Sprint(pending.Requests[0].Id)
	require.Equal(t, op.addr.String(), pending.Requests[0].Requester)

	tx("tx", "consent", "approve", id, "--for", "2d", "--from", "story-patient", "--fee-granter", op.addr.String(),
		"--keyring-backend", "test", "--home", patientHome)
	var decision consenttypes.QueryCheckAccessResponse
	require.NoError(t, n.enc.Codec.UnmarshalJSON([]byte(cli("query", "consent", "check", doctor.addr.String(), patient, "treat",
		"--custodian", record.Custodian, "--record-id", record.RecordId)), &decision))
	require.True(t, decision.Allowed, "the member's grant covers its agent")
	var g consenttypes.QueryGrantResponse
	require.NoError(t, n.enc.Codec.UnmarshalJSON([]byte(cli("query", "consent", "grant", fmt.Sprint(decision.GrantId))), &g))
	require.Equal(t, 48*time.Hour, g.Grant.ExpiresAt.Sub(g.Grant.CreatedAt))
	require.Equal(t, pending.Requests[0].Id, g.Grant.RequestId)

	out, err := n.medchaind("consent", "export", id, "--requests", "--node", n.rpcAddr(member))
	require.NoError(t, err, out)
	c, err := fhir.UnmarshalConsent([]byte(out))
	require.NoError(t, err, out)
	require.Equal(t, fhir.ConsentStateActive, c.Status)
}
