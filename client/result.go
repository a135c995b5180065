package client

import (
	"encoding/hex"
	"errors"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/gogoproto/proto"
)

// ErrNotIncluded: no block included the transaction within the wait. It may
// still be in a mempool; submitting it again with the same sequence is safe
// (one of the two is refused as a duplicate or a used sequence).
var ErrNotIncluded = errors.New("transaction not included")

// Stages at which a transaction fails.
const (
	// StageCheck: refused by CheckTx, before the mempool; nothing happened.
	StageCheck = "check"
	// StageBlock: included in a block but failed; none of its messages applied.
	StageBlock = "block"
)

// TxError is a transaction the chain refused, with medchain's error code.
type TxError struct {
	Stage     string
	TxHash    string
	Height    int64
	Codespace string
	Code      uint32
	Log       string
}

func txError(stage string, res *sdk.TxResponse) *TxError {
	return &TxError{Stage: stage, TxHash: res.TxHash, Height: res.Height, Codespace: res.Codespace, Code: res.Code, Log: res.RawLog}
}

func (e *TxError) Error() string {
	where := "refused by CheckTx"
	if e.Stage == StageBlock {
		where = fmt.Sprintf("failed in block %d", e.Height)
	}
	return fmt.Sprintf("tx %s %s: %s code %d: %s", e.TxHash, where, e.Codespace, e.Code, e.Log)
}

// Is matches a registered error by codespace and code, so that
// errors.Is(err, consenttypes.ErrGrantNotFound) works across the wire.
func (e *TxError) Is(target error) bool {
	var reg *errorsmod.Error
	if !errors.As(target, &reg) {
		return false
	}
	return reg.Codespace() == e.Codespace && reg.ABCICode() == e.Code
}

// Retry says whether the same messages may succeed if submitted again later
// with a fresh sequence: the mempool was full, or the sequence was taken by
// another transaction of the same key.
func (e *TxError) Retry() bool {
	return errors.Is(e, sdkerrors.ErrMempoolIsFull) || errors.Is(e, sdkerrors.ErrWrongSequence)
}

// Result is a transaction included in a block that succeeded.
type Result struct {
	*sdk.TxResponse
}

// MsgResponse decodes the response of message i into out (e.g. a
// *consenttypes.MsgGrantConsentResponse with the new grant's id).
func (r *Result) MsgResponse(i int, out proto.Message) error {
	bz, err := hex.DecodeString(r.Data)
	if err != nil {
		return err
	}
	var data sdk.TxMsgData
	if err := data.Unmarshal(bz); err != nil {
		return err
	}
	if i < 0 || i >= len(data.MsgResponses) {
		return fmt.Errorf("the transaction has %d message responses, not %d", len(data.MsgResponses), i+1)
	}
	return proto.Unmarshal(data.MsgResponses[i].Value, out)
}

// Events decodes the transaction's typed events (medchain's and the SDK's),
// in order; events that are not typed (plain key/value) are skipped.
func (r *Result) Events() []proto.Message {
	var out []proto.Message
	for _, e := range r.TxResponse.Events {
		if proto.MessageType(e.Type) == nil {
			continue
		}
		if msg, err := sdk.ParseTypedEvent(e); err == nil {
			out = append(out, msg)
		}
	}
	return out
}

// Event returns the first event of type T (e.g. *audittypes.EventAccessDecided).
func Event[T proto.Message](r *Result) (T, bool) {
	for _, e := range r.Events() {
		if t, ok := e.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}
