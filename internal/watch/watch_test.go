package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	alice = "med1alice"
	bob   = "med1bob"
	doc   = "med1doc"
	hosp  = "med1hospital"
)

func q(s string) string { return `"` + s + `"` }

func ev(typ string, kv ...string) Event {
	e := Event{Type: typ}
	for i := 0; i < len(kv); i += 2 {
		e.Attributes = append(e.Attributes, Attribute{Key: kv[i], Value: kv[i+1]})
	}
	return e
}

// chain is a Source of n blocks, each with a request to alice from doc and
// an access to bob; it can fail reads to play a node that restarts.
type chain struct {
	mu       sync.Mutex
	latest   int64
	failures map[int64]int // height → reads that fail before it is served
	reads    []int64
}

func (c *chain) Latest(context.Context) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.latest, nil
}

func (c *chain) Block(_ context.Context, h int64) (Block, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reads = append(c.reads, h)
	if c.failures[h] > 0 {
		c.failures[h]--
		return Block{}, errors.New("connection refused")
	}
	if h > c.latest {
		return Block{}, fmt.Errorf("height %d is not committed", h)
	}
	return Block{
		Height: h, Time: time.Unix(h, 0),
		BlockEvents: []Event{ev("medchain.consent.v1.EventConsentExpired", "grant_id", q("1"), "patient", q(alice), "mode", "BeginBlock")},
		Txs: []Tx{
			{Hash: fmt.Sprintf("TX%dA", h), OK: true, Events: []Event{
				ev("tx", "fee", "10umed"),
				ev("medchain.consent.v1.EventConsentRequested", "request_id", q(fmt.Sprint(h)), "patient", q(alice), "requester", q(doc), "requester_member", q(hosp), "msg_index", "0"),
			}},
			{Hash: fmt.Sprintf("TX%dB", h), OK: false, Events: []Event{ev("medchain.audit.v1.EventAccessRecorded", "patient", q(alice))}},
			{Hash: fmt.Sprintf("TX%dC", h), OK: true, Events: []Event{ev("medchain.audit.v1.EventAccessRecorded", "patient", q(bob), "accessor", q(doc), "decision", q("DECISION_DENIED"))}},
		},
	}, nil
}

func (c *chain) Wait(ctx context.Context, poll time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(poll):
	}
}

func watchFor(t *testing.T, role, addr string) Filter {
	t.Helper()
	var f Filter
	require.NoError(t, f.Add(role, addr))
	return f
}

func lines(t *testing.T, out string) []Notification {
	t.Helper()
	var ns []Notification
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var n Notification
		require.NoError(t, json.Unmarshal([]byte(l), &n), l)
		ns = append(ns, n)
	}
	return ns
}

// A patient sees the BeginBlock expiry then the request, in order, with
// the block time and the transaction hash; not the failed transaction's
// events, not another patient's, not the SDK's own.
func TestPatientNotifications(t *testing.T) {
	b, err := (&chain{latest: 3}).Block(context.Background(), 3)
	require.NoError(t, err)
	ns := watchFor(t, "patient", alice).Notifications(b)
	require.Len(t, ns, 2)
	require.Equal(t, "medchain.consent.v1.EventConsentExpired", ns[0].Event)
	require.Empty(t, ns[0].TxHash, "a BeginBlock event has no transaction")
	require.Equal(t, "medchain.consent.v1.EventConsentRequested", ns[1].Event)
	require.Equal(t, "TX3A", ns[1].TxHash)
	require.Equal(t, int64(3), ns[1].Height)
	require.Equal(t, time.Unix(3, 0).UTC(), ns[1].Time)
	require.JSONEq(t, q(doc), string(ns[1].Attributes["requester"]))
	require.NotContains(t, ns[1].Attributes, "msg_index")
	require.NotContains(t, ns[0].Attributes, "mode")

	bobs := watchFor(t, "patient", bob).Notifications(b)
	require.Len(t, bobs, 1)
	require.Equal(t, "TX3C", bobs[0].TxHash)
}

// An accessor sees requests it made and accesses it did; a member sees
// what its agents asked in its name; an unwatched address sees nothing.
func TestRoles(t *testing.T) {
	b, err := (&chain{latest: 1}).Block(context.Background(), 1)
	require.NoError(t, err)
	require.Len(t, watchFor(t, "accessor", doc).Notifications(b), 2)
	member := watchFor(t, "member", hosp).Notifications(b)
	require.Len(t, member, 1)
	require.Equal(t, "medchain.consent.v1.EventConsentRequested", member[0].Event)
	require.Empty(t, watchFor(t, "patient", "med1nobody").Notifications(b))
	require.Empty(t, watchFor(t, "patient", doc).Notifications(b), "a requester is not the patient")

	var f Filter
	require.Error(t, f.Add("auditor", doc))
	require.True(t, f.Empty())
	require.False(t, f.Matches(ev("transfer", "patient", q(doc))))
}

func run(t *testing.T, c *chain, f Filter, from, to int64) string {
	t.Helper()
	var out, log bytes.Buffer
	w := Watcher{Source: c, Filter: f, Out: &out, Log: &log, Poll: time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, w.Run(ctx, from, to))
	return out.String()
}

// Reads that fail (the node restarting) are retried from the same height:
// every block is printed once, in order.
func TestRetriesLoseNothingAndRepeatNothing(t *testing.T) {
	f := watchFor(t, "patient", alice)
	clean := run(t, &chain{latest: 10}, f, 1, 10)
	flaky := &chain{latest: 10, failures: map[int64]int{1: 2, 4: 1, 7: 3, 10: 1}}
	require.Equal(t, clean, run(t, flaky, f, 1, 10))
	ns := lines(t, clean)
	require.Len(t, ns, 20)
	for i, n := range ns {
		require.Equal(t, int64(i/2+1), n.Height)
	}
	require.Greater(t, len(flaky.reads), 10, "failed reads were retried")
}

// A watcher stopped after height 4 and restarted with --from-height 5
// prints exactly what one watcher would have.
func TestResumeFromHeight(t *testing.T) {
	f := watchFor(t, "patient", alice)
	c := &chain{latest: 9}
	require.Equal(t, run(t, c, f, 1, 9), run(t, c, f, 1, 4)+run(t, c, f, 5, 9))
}

// Without --from-height the watcher starts at the next block; it follows
// new blocks as they are committed, and stops when its context ends.
func TestFollowsNewBlocks(t *testing.T) {
	c := &chain{latest: 5}
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Watcher{Source: c, Filter: watchFor(t, "patient", bob), Out: &out, Poll: time.Millisecond}.Run(ctx, 0, 0)
	}()
	time.Sleep(20 * time.Millisecond)
	require.Empty(t, out.String(), "blocks before the start are not read")
	c.mu.Lock()
	c.latest = 7
	c.mu.Unlock()
	require.Eventually(t, func() bool { return len(lines(t, out.String())) == 2 }, 5*time.Second, time.Millisecond)
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)
	ns := lines(t, out.String())
	require.Equal(t, []int64{6, 7}, []int64{ns[0].Height, ns[1].Height})
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Each block's lines reach the writer in one write, so a kill between two
// writes never leaves a block half printed.
func TestOneWritePerBlock(t *testing.T) {
	var w countingWriter
	b, err := (&chain{latest: 2}).Block(context.Background(), 2)
	require.NoError(t, err)
	require.NoError(t, Write(&w, watchFor(t, "patient", alice).Notifications(b)))
	require.Equal(t, 1, w.writes)
	require.Equal(t, 2, strings.Count(w.buf.String(), "\n"))
	require.NoError(t, Write(&w, nil))
	require.Equal(t, 1, w.writes, "an empty block writes nothing")
}

type countingWriter struct {
	buf    bytes.Buffer
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.buf.Write(p)
}
