// Package watch turns the chain's blocks into notifications: one JSON line
// per medchain event that names a watched address, with the height, block
// time and transaction hash. It reads blocks in order from a height and
// prints each block's lines in one write, so a watcher restarted with
// --from-height (the last printed height + 1) prints every missed
// notification exactly once.
package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// EventPrefix is the type prefix of medchain's typed events.
const EventPrefix = "medchain."

// Roles are the event attributes that name each kind of watched address.
var Roles = map[string][]string{
	// a patient: every event naming the patient address, or naming it as
	// another patient's guardian
	"patient": {"patient", "guardian"},
	// an accessor: an agent or operator asking, granted, accessing, or
	// acting as a patient's guardian
	"accessor": {"accessor", "grantee", "requester", "guardian"},
	// a member: events naming the member's operator as the custodian or as
	// the member an agent acted for
	"member": {"custodian", "grantee_member", "requester_member", "accessor_member", "member", "operator"},
}

// Attribute is one event attribute as the chain emitted it.
type Attribute struct{ Key, Value string }

// Event is one event of a block.
type Event struct {
	Type       string
	Attributes []Attribute
}

// Block is what a watcher reads of one block: its time, each committed
// transaction's hash and events, and the block's own (BeginBlock,
// EndBlock) events.
type Block struct {
	Height      int64
	Time        time.Time
	Txs         []Tx
	BlockEvents []Event
}

// Tx is a committed transaction: its hash and, if it succeeded, its events.
type Tx struct {
	Hash   string
	OK     bool
	Events []Event
}

// Notification is one printed line.
type Notification struct {
	Height     int64                      `json:"height"`
	Time       time.Time                  `json:"time"`
	TxHash     string                     `json:"tx_hash,omitempty"`
	Event      string                     `json:"event"`
	Attributes map[string]json.RawMessage `json:"attributes"`
}

// Filter selects the events that concern a set of watched addresses.
type Filter struct {
	// keys maps an attribute key to the addresses it is watched for.
	keys map[string]map[string]bool
}

// Add watches addr in role (a key of Roles).
func (f *Filter) Add(role, addr string) error {
	keys, ok := Roles[role]
	if !ok {
		return fmt.Errorf("unknown role %q", role)
	}
	if f.keys == nil {
		f.keys = map[string]map[string]bool{}
	}
	for _, k := range keys {
		if f.keys[k] == nil {
			f.keys[k] = map[string]bool{}
		}
		f.keys[k][addr] = true
	}
	return nil
}

// Empty reports whether nothing is watched.
func (f Filter) Empty() bool { return len(f.keys) == 0 }

// Matches reports whether a medchain event names a watched address.
func (f Filter) Matches(e Event) bool {
	if !strings.HasPrefix(e.Type, EventPrefix) {
		return false
	}
	for _, a := range e.Attributes {
		if addrs := f.keys[a.Key]; addrs != nil && addrs[unquote(a.Value)] {
			return true
		}
	}
	return false
}

// Notifications lists the block's events that match, in the order the
// chain emitted them: block events first (BeginBlock runs first), then each
// successful transaction's.
func (f Filter) Notifications(b Block) []Notification {
	var out []Notification
	add := func(hash string, events []Event) {
		for _, e := range events {
			if f.Matches(e) {
				out = append(out, notification(b, hash, e))
			}
		}
	}
	add("", b.BlockEvents)
	for _, tx := range b.Txs {
		if tx.OK {
			add(tx.Hash, tx.Events)
		}
	}
	return out
}

func notification(b Block, hash string, e Event) Notification {
	n := Notification{Height: b.Height, Time: b.Time.UTC(), TxHash: hash, Event: e.Type, Attributes: map[string]json.RawMessage{}}
	for _, a := range e.Attributes {
		if a.Key == "msg_index" || a.Key == "mode" {
			continue
		}
		v := json.RawMessage(a.Value)
		if !json.Valid(v) {
			v, _ = json.Marshal(a.Value)
		}
		n.Attributes[a.Key] = v
	}
	return n
}

// unquote reads a typed event's attribute value: a JSON string, or a bare value.
func unquote(v string) string {
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		return s
	}
	return v
}

// Write prints a block's notifications as JSON lines in one write.
func Write(w io.Writer, ns []Notification) error {
	if len(ns) == 0 {
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, n := range ns {
		if err := enc.Encode(n); err != nil {
			return err
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Source is a node's blocks.
type Source interface {
	// Latest is the node's last committed height.
	Latest(ctx context.Context) (int64, error)
	// Block reads one committed block.
	Block(ctx context.Context, height int64) (Block, error)
	// Wait returns when a new block may have been committed: on the node's
	// new-block event, or after at most poll.
	Wait(ctx context.Context, poll time.Duration)
}

// Watcher prints the notifications of a Filter from a Source.
type Watcher struct {
	Source Source
	Filter Filter
	Out    io.Writer
	// Log reports reconnections (standard error).
	Log io.Writer
	// Poll is the longest wait between reads when no new-block event comes.
	Poll time.Duration
}

// Run prints the notifications of every block from `from` (0: the next
// block) up to `to` (0: forever, until ctx ends), in order. A failed read
// (the node restarting, the connection lost) is retried from the same
// height, so no block is skipped and none is printed twice.
func (w Watcher) Run(ctx context.Context, from, to int64) error {
	next := from
	for next == 0 {
		latest, err := w.Source.Latest(ctx)
		if err == nil {
			next = latest + 1
			break
		}
		if werr := w.retry(ctx, err); werr != nil {
			return werr
		}
	}
	for to == 0 || next <= to {
		latest, err := w.Source.Latest(ctx)
		for err == nil && next <= latest && (to == 0 || next <= to) {
			var b Block
			if b, err = w.Source.Block(ctx, next); err == nil {
				if werr := Write(w.Out, w.Filter.Notifications(b)); werr != nil {
					return werr
				}
				next++
			}
		}
		if err != nil {
			if werr := w.retry(ctx, err); werr != nil {
				return werr
			}
			continue
		}
		if to != 0 && next > to {
			break
		}
		w.Source.Wait(ctx, w.Poll)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// retry reports err and waits a poll interval, or returns ctx's error.
func (w Watcher) retry(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if w.Log != nil {
		fmt.Fprintf(w.Log, "watch: %v; retrying\n", err)
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(w.Poll):
		return nil
	}
}
