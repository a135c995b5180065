package ante_test

import (
	"testing"

	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/cosmos/cosmos-sdk/x/authz"
	protov2 "google.golang.org/protobuf/proto"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

// fakeTx is a transaction as the decorators see it: messages, signers, a
// memo and the gas it asks for.
type fakeTx struct {
	msgs    []sdk.Msg
	signers [][]byte
	memo    string
	gas     uint64
	err     error
}

func (tx fakeTx) GetMsgs() []sdk.Msg                              { return tx.msgs }
func (tx fakeTx) GetMsgsV2() ([]protov2.Message, error)           { return nil, nil }
func (tx fakeTx) GetGas() uint64                                  { return tx.gas }
func (tx fakeTx) GetFee() sdk.Coins                               { return nil }
func (tx fakeTx) FeePayer() []byte                                { return nil }
func (tx fakeTx) FeeGranter() []byte                              { return nil }
func (tx fakeTx) GetMemo() string                                 { return tx.memo }
func (tx fakeTx) GetSigners() ([][]byte, error)                   { return tx.signers, tx.err }
func (tx fakeTx) GetPubKeys() ([]cryptotypes.PubKey, error)       { return nil, nil }
func (tx fakeTx) GetSignaturesV2() ([]signing.SignatureV2, error) { return nil, nil }

// bareTx carries messages only: no signers, no gas, no memo.
type bareTx struct{ msgs []sdk.Msg }

func (tx bareTx) GetMsgs() []sdk.Msg                    { return tx.msgs }
func (tx bareTx) GetMsgsV2() ([]protov2.Message, error) { return nil, nil }

// next records whether the decorator passed the transaction on.
type next struct{ called bool }

func (n *next) handle(ctx sdk.Context, _ sdk.Tx, _ bool) (sdk.Context, error) {
	n.called = true
	return ctx, nil
}

// exec wraps msgs in an x/authz MsgExec sent by grantee.
func exec(grantee string, msgs ...sdk.Msg) *authz.MsgExec {
	m := authz.NewMsgExec(testutil.Addr(grantee), msgs)
	return &m
}

// signedBy is a transaction of msgs signed by the named addresses.
func signedBy(msgs []sdk.Msg, names ...string) fakeTx {
	tx := fakeTx{msgs: msgs}
	for _, n := range names {
		tx.signers = append(tx.signers, testutil.Addr(n))
	}
	return tx
}

// consortium is a stack with two validating hospitals; configure may change
// its genesis before it is built.
func consortium(t testing.TB, configure ...func(*testutil.Stack)) *testutil.Stack {
	s := testutil.NewStack(t).
		WithMember("hospital-a", types.Role_ROLE_HOSPITAL).
		WithMember("hospital-b", types.Role_ROLE_HOSPITAL)
	for _, c := range configure {
		c(s)
	}
	return s.Build()
}

// str is the bech32 address of the test account name.
func str(name string) string { return sdk.AccAddress(testutil.Addr(name)).String() }
