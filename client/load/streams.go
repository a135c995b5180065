package load

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	sdk "github.com/cosmos/cosmos-sdk/types"

	medclient "github.com/medchain/medchain/client"
)

// SignedStream is one account's transactions, signed ahead of time: the
// i-th carries Build(i) and the account's next sequence. When a node
// refuses one, the transactions signed after it carry the wrong sequence:
// the stream drops them and signs again from the refused one's sequence.
type SignedStream struct {
	Client  *medclient.Client
	Account medclient.Account
	AccNum  uint64
	Build   func(i uint64) []sdk.Msg

	seq   uint64 // the sequence the next signed transaction takes
	built uint64 // messages built so far
	last  uint64 // sequence of the transaction Next returned last
	ahead []signedTx
}

type signedTx struct {
	seq uint64
	bz  []byte
}

// NewSignedStream is acc's stream from sequence seq on.
func NewSignedStream(c *medclient.Client, acc medclient.Account, accNum, seq uint64, build func(uint64) []sdk.Msg) *SignedStream {
	return &SignedStream{Client: c, Account: acc, AccNum: accNum, Build: build, seq: seq}
}

// Presign signs until n transactions wait to be sent.
func (s *SignedStream) Presign(ctx context.Context, n int) error {
	for len(s.ahead) < n {
		bz, err := s.Client.Sign(ctx, s.Account, s.AccNum, s.seq, s.Client.Fee(), s.Build(s.built)...)
		if err != nil {
			return err
		}
		s.ahead = append(s.ahead, signedTx{seq: s.seq, bz: bz})
		s.seq++
		s.built++
	}
	return nil
}

// Next implements Stream.
func (s *SignedStream) Next(ctx context.Context) ([]byte, error) {
	if err := s.Presign(ctx, 1); err != nil {
		return nil, err
	}
	tx := s.ahead[0]
	s.ahead = s.ahead[1:]
	s.last = tx.seq
	return tx.bz, nil
}

// expectedSequence finds the sequence a "sequence mismatch" refusal says
// the chain expects.
var expectedSequence = regexp.MustCompile(`expected (\d+), got \d+`)

// Refused implements Stream: the refused transaction's sequence is free,
// unless the refusal names the sequence the chain expects (a transaction
// the stream took for refused, after an error of the node's RPC, was
// accepted after all).
func (s *SignedStream) Refused(why string) {
	s.ahead = nil
	s.seq = s.last
	if m := expectedSequence.FindStringSubmatch(why); m != nil {
		if seq, err := strconv.ParseUint(m[1], 10, 64); err == nil {
			s.seq = seq
		}
	}
}

// Waiting is how many signed transactions wait to be sent.
func (s *SignedStream) Waiting() int { return len(s.ahead) }

// KVStream is CometBFT kvstore transactions of one size: key=value with
// random hex key and value, never twice the same.
type KVStream struct{ Size int }

// MinKVSize is the smallest kvstore transaction a KVStream makes.
const MinKVSize = 16

// Next implements Stream.
func (s KVStream) Next(context.Context) ([]byte, error) {
	if s.Size < MinKVSize {
		return nil, fmt.Errorf("kvstore transactions of %d bytes: at least %d", s.Size, MinKVSize)
	}
	raw := make([]byte, (s.Size+1)/2)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	const hexdigits = "0123456789abcdef"
	tx := make([]byte, s.Size)
	for i := range tx {
		tx[i] = hexdigits[raw[i/2]>>(4*(i%2))&0xf]
	}
	tx[s.Size/4] = '=' // a key of a quarter, a value of the rest
	return tx, nil
}

// Refused implements Stream: kvstore transactions carry no sequence.
func (KVStream) Refused(string) {}

// ErrNoStreams: a workload was asked for no accounts.
var ErrNoStreams = errors.New("at least one account is needed")
