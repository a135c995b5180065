package client_test

import (
	"context"
	"encoding/hex"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtp2p "github.com/cometbft/cometbft/proto/tendermint/p2p"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

const chainID = "medchain-client-test"

// fakeNode answers the gRPC calls the client makes, as a node would: it
// decodes each broadcast transaction, answers CheckTx with checkCode, and
// "includes" accepted ones after pending GetTx calls with blockCode.
type fakeNode struct {
	txtypes.UnimplementedServiceServer
	authtypes.UnimplementedQueryServer

	mu        sync.Mutex
	checkCode uint32
	blockCode uint32
	pending   int
	sequence  uint64
	got       []sdk.Tx
	raw       [][]byte
	waits     int
	// refuse is how many broadcasts, from the refuseFrom-th on (0-based),
	// to refuse with refuseCode.
	refuse, refuseFrom int
	refuseCode         uint32
	// includeAfter: GetTx finds nothing before this many broadcasts.
	includeAfter int
}

// nodeInfo answers which chain the node is on.
type nodeInfo struct {
	cmtservice.UnimplementedServiceServer
}

func (nodeInfo) GetNodeInfo(context.Context, *cmtservice.GetNodeInfoRequest) (*cmtservice.GetNodeInfoResponse, error) {
	return &cmtservice.GetNodeInfoResponse{DefaultNodeInfo: &cmtp2p.DefaultNodeInfo{Network: chainID}}, nil
}

func (f *fakeNode) AccountInfo(_ context.Context, req *authtypes.QueryAccountInfoRequest) (*authtypes.QueryAccountInfoResponse, error) {
	if f.sequence == 0 {
		return nil, status.Error(codes.NotFound, "account "+req.Address+" not found")
	}
	return &authtypes.QueryAccountInfoResponse{Info: &authtypes.BaseAccount{Address: req.Address, AccountNumber: 7, Sequence: f.sequence}}, nil
}

func (f *fakeNode) BroadcastTx(_ context.Context, req *txtypes.BroadcastTxRequest) (*txtypes.BroadcastTxResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	enc := app.MakeEncodingConfig()
	consenttypes.RegisterInterfaces(enc.InterfaceRegistry)
	tx, err := enc.TxConfig.TxDecoder()(req.TxBytes)
	if err != nil {
		return nil, err
	}
	f.got, f.raw = append(f.got, tx), append(f.raw, req.TxBytes)
	res := &sdk.TxResponse{TxHash: medclient.TxHash(req.TxBytes), Code: f.checkCode}
	if f.refuse > 0 && len(f.raw) > f.refuseFrom {
		f.refuse--
		res.Code = f.refuseCode
	}
	if res.Code != 0 {
		res.Codespace, res.RawLog = sdkerrors.ErrMempoolIsFull.Codespace(), "refused"
	}
	return &txtypes.BroadcastTxResponse{TxResponse: res}, nil
}

func (f *fakeNode) GetTx(_ context.Context, req *txtypes.GetTxRequest) (*txtypes.GetTxResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits++
	if f.waits <= f.pending || len(f.raw) < f.includeAfter {
		return nil, status.Error(codes.NotFound, "tx not found")
	}
	res := &sdk.TxResponse{TxHash: req.Hash, Height: 42, Code: f.blockCode, Data: grantData()}
	if f.blockCode != 0 {
		res.Codespace, res.Code, res.RawLog = consenttypes.ErrGrantNotFound.Codespace(), consenttypes.ErrGrantNotFound.ABCICode(), "grant 9 not found"
	}
	event, err := sdk.TypedEventToEvent(&consenttypes.EventConsentRevoked{GrantId: 9})
	if err != nil {
		return nil, err
	}
	res.Events = []abci.Event{{Type: "message", Attributes: []abci.EventAttribute{{Key: "action", Value: "x"}}}, abci.Event(event)}
	return &txtypes.GetTxResponse{TxResponse: res}, nil
}

// grantData is TxMsgData with one MsgGrantConsentResponse for grant 9.
func grantData() string {
	resp, _ := proto.Marshal(&consenttypes.MsgGrantConsentResponse{GrantId: 9})
	data := sdk.TxMsgData{MsgResponses: []*codectypes.Any{{TypeUrl: "/medchain.consent.v1.MsgGrantConsentResponse", Value: resp}}}
	bz, _ := data.Marshal()
	return hex.EncodeToString(bz)
}

func startNode(t *testing.T, f *fakeNode) *medclient.Client {
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	txtypes.RegisterServiceServer(srv, f)
	authtypes.RegisterQueryServer(srv, f)
	cmtservice.RegisterServiceServer(srv, &nodeInfo{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	c, err := medclient.Dial(t.Context(), "passthrough:///bufnet",
		grpc.WithContextDialer(func(context.Context, string) (net.Conn, error) { return lis.Dial() }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	c.Poll = time.Millisecond
	return c
}

func newAccount(t *testing.T) medclient.Account {
	kr := keyring.NewInMemory(app.MakeEncodingConfig().Codec)
	_, _, err := kr.NewMnemonic("doctor", keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	acc, err := medclient.NewAccount(kr, "doctor")
	require.NoError(t, err)
	return acc
}

func grantMsg(patient sdk.AccAddress) *consenttypes.MsgGrantConsent {
	return &consenttypes.MsgGrantConsent{Patient: patient.String(), Grantee: patient.String(),
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB}, Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}}
}

// Submit signs at the node's sequence with the default fee and the fee
// granter, waits through "not found yet", and decodes the response and the
// typed events.
func TestSubmitWaitsAndDecodes(t *testing.T) {
	f := &fakeNode{sequence: 3, pending: 2}
	c := startNode(t, f)
	require.Equal(t, chainID, c.ChainID(), "Dial asks the node for its chain")
	acc := newAccount(t)
	acc.FeeGranter = sdk.AccAddress(make([]byte, 20))

	res, err := c.Submit(t.Context(), acc, grantMsg(acc.Address))
	require.NoError(t, err)
	require.EqualValues(t, 42, res.Height)
	require.Equal(t, 3, f.waits, "two polls before the block")

	var granted consenttypes.MsgGrantConsentResponse
	require.NoError(t, res.MsgResponse(0, &granted))
	require.EqualValues(t, 9, granted.GrantId)
	require.ErrorContains(t, res.MsgResponse(1, &granted), "1 message responses, not 2")
	revoked, ok := medclient.Event[*consenttypes.EventConsentRevoked](res)
	require.True(t, ok)
	require.EqualValues(t, 9, revoked.GrantId)
	_, ok = medclient.Event[*consenttypes.EventConsentGranted](res)
	require.False(t, ok)
	require.Len(t, res.Events(), 1, "the plain message event is skipped")

	require.Len(t, f.got, 1)
	tx := f.got[0].(sdk.FeeTx)
	require.Equal(t, c.Fee(), tx.GetFee())
	require.EqualValues(t, medclient.DefaultGas, tx.GetGas())
	require.Equal(t, acc.FeeGranter.Bytes(), tx.FeeGranter())
	sigs, err := f.got[0].(authsigning.Tx).GetSignaturesV2()
	require.NoError(t, err)
	require.EqualValues(t, 3, sigs[0].Sequence)
}

// A refusal comes back as a *TxError an integrator acts on with errors.Is.
func TestSubmitRefusals(t *testing.T) {
	acc := newAccount(t)

	full := &fakeNode{sequence: 1, checkCode: sdkerrors.ErrMempoolIsFull.ABCICode()}
	c := startNode(t, full)
	c.Retries = 0
	_, err := c.Submit(t.Context(), acc, grantMsg(acc.Address))
	var txErr *medclient.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, medclient.StageCheck, txErr.Stage)
	require.ErrorIs(t, err, sdkerrors.ErrMempoolIsFull)
	require.True(t, txErr.Retry(), "a full mempool is worth a retry")
	require.Contains(t, err.Error(), "refused by CheckTx: sdk code 20")
	require.Len(t, full.got, 1, "no retry when Retries is 0")
	require.Zero(t, full.waits, "nothing to wait for")

	failed := &fakeNode{blockCode: 1}
	_, err = startNode(t, failed).Submit(t.Context(), acc, grantMsg(acc.Address))
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, medclient.StageBlock, txErr.Stage)
	require.ErrorIs(t, err, consenttypes.ErrGrantNotFound)
	require.NotErrorIs(t, err, consenttypes.ErrNotPatient)
	require.False(t, txErr.Retry())
	require.Contains(t, err.Error(), "failed in block 42: consent code")
	sigs, err := failed.got[0].(authsigning.Tx).GetSignaturesV2()
	require.NoError(t, err)
	require.Zero(t, sigs[0].Sequence, "an account the chain does not know yet signs at sequence 0")

	lost := &fakeNode{sequence: 1, pending: 1 << 30}
	c = startNode(t, lost)
	c.Wait, c.Backoff = 50*time.Millisecond, time.Millisecond
	_, err = c.Submit(t.Context(), acc, grantMsg(acc.Address))
	require.ErrorIs(t, err, medclient.ErrNotIncluded)
	require.False(t, errors.Is(err, sdkerrors.ErrMempoolIsFull))
	require.Len(t, lost.raw, 1+medclient.DefaultRetries, "broadcast again after each wait")
	for _, bz := range lost.raw[1:] {
		require.Equal(t, lost.raw[0], bz, "the same bytes: at most one copy can be included")
	}
}

// A full mempool is tried again after a pause, signed afresh at the
// sequence the node reports then, until it gets in.
func TestSubmitRetriesAFullMempool(t *testing.T) {
	acc := newAccount(t)
	f := &fakeNode{sequence: 4, refuse: 2, refuseCode: sdkerrors.ErrMempoolIsFull.ABCICode()}
	c := startNode(t, f)
	c.Backoff = time.Millisecond
	res, err := c.Submit(t.Context(), acc, grantMsg(acc.Address))
	require.NoError(t, err)
	require.EqualValues(t, 42, res.Height)
	require.Len(t, f.got, 3, "two refusals, then in")

	f = &fakeNode{sequence: 4, refuse: 1 + medclient.DefaultRetries, refuseCode: sdkerrors.ErrMempoolIsFull.ABCICode()}
	c = startNode(t, f)
	c.Backoff = time.Millisecond
	_, err = c.Submit(t.Context(), acc, grantMsg(acc.Address))
	require.ErrorIs(t, err, sdkerrors.ErrMempoolIsFull, "the last refusal, once the retries are spent")
	require.Len(t, f.got, 1+medclient.DefaultRetries)

	// A refusal not worth a retry comes back at once.
	f = &fakeNode{sequence: 4, refuse: 1, refuseCode: sdkerrors.ErrUnauthorized.ABCICode()}
	_, err = startNode(t, f).Submit(t.Context(), acc, grantMsg(acc.Address))
	require.Error(t, err)
	require.Len(t, f.got, 1)
}

// A transaction not seen in a block, broadcast again, and then refused as
// a used sequence was included after all: Submit returns its result.
func TestSubmitFindsTheCopyThatWasIncluded(t *testing.T) {
	acc := newAccount(t)
	f := &fakeNode{sequence: 4, includeAfter: 2, refuse: 1, refuseFrom: 1, refuseCode: sdkerrors.ErrWrongSequence.ABCICode()}
	c := startNode(t, f)
	c.Wait, c.Backoff = 20*time.Millisecond, time.Millisecond
	res, err := c.Submit(t.Context(), acc, grantMsg(acc.Address))
	require.NoError(t, err)
	require.EqualValues(t, 42, res.Height)
	require.Len(t, f.raw, 2, "broadcast, not seen within the wait, broadcast again and refused as a used sequence")
	require.Equal(t, f.raw[0], f.raw[1], "the same bytes both times")
	require.Zero(t, f.refuse)
}
