package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// checkTx submits tx to CheckTx as a new transaction (the mempool's door).
func (c *testChain) checkTx(tx []byte) *abci.ResponseCheckTx {
	c.t.Helper()
	res, err := c.app.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
	require.NoError(c.t, err)
	return res
}

// recheckTx submits tx to CheckTx as the mempool does after a block for
// every transaction it still holds.
func (c *testChain) recheckTx(tx []byte) *abci.ResponseCheckTx {
	c.t.Helper()
	res, err := c.app.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_Recheck})
	require.NoError(c.t, err)
	return res
}

// requireCode asserts an ABCI result carries err's codespace and code.
func requireCode(t testing.TB, err *errorsmod.Error, codespace string, code uint32, log string) {
	t.Helper()
	require.Equal(t, err.Codespace(), codespace, log)
	require.Equal(t, err.ABCICode(), code, log)
}

func sha256Hash(b byte) *recordstypes.ContentHash {
	h := recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
	h.Digest[0] = b
	return &h
}

// Every stateless rule is enforced in CheckTx, so a malformed transaction
// never enters the mempool — and again in the block, if a proposer
// includes one anyway.
func TestMalformedMessagesRefusedBeforeTheMempool(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey())
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address()).String()
	patient := sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address()).String()
	anchor := func(mut func(*recordstypes.MsgAnchorRecord)) sdk.Msg {
		m := &recordstypes.MsgAnchorRecord{Signer: member, RecordId: testutil.RecordID("lab-1"), Patient: patient,
			Category: recordstypes.Category_CATEGORY_LAB, ContentHash: sha256Hash(1), Uri: "https://fhir.example/r1"}
		mut(m)
		return m
	}
	short := sha256Hash(1)
	short.Digest = short.Digest[:31]
	future := c.time.Add(time.Hour)
	cases := []struct {
		name string
		msg  sdk.Msg
		want *errorsmod.Error
	}{
		{"record id with a space", anchor(func(m *recordstypes.MsgAnchorRecord) { m.RecordId = "lab 1" }), recordstypes.ErrInvalidRecordID},
		{"a readable record id", anchor(func(m *recordstypes.MsgAnchorRecord) { m.RecordId = "smith-john-1970" }), recordstypes.ErrInvalidRecordID},
		{"record id of 65 hex digits", anchor(func(m *recordstypes.MsgAnchorRecord) { m.RecordId = fmt.Sprintf("%065d", 1) }), recordstypes.ErrInvalidRecordID},
		{"sha2-256 digest of 31 bytes", anchor(func(m *recordstypes.MsgAnchorRecord) { m.ContentHash = short }), recordstypes.ErrInvalidHash},
		{"no content hash", anchor(func(m *recordstypes.MsgAnchorRecord) { m.ContentHash = nil }), recordstypes.ErrInvalidHash},
		{"ftp URI", anchor(func(m *recordstypes.MsgAnchorRecord) { m.Uri = "ftp://x.example/1" }), recordstypes.ErrInvalidURI},
		{"URI with a readable path", anchor(func(m *recordstypes.MsgAnchorRecord) { m.Uri = "https://x.example/Patient/smith/lab" }), recordstypes.ErrInvalidURI},
		{"URI with a query", anchor(func(m *recordstypes.MsgAnchorRecord) { m.Uri = "https://x.example/r1?name=smith" }), recordstypes.ErrInvalidURI},
		{"unknown category", anchor(func(m *recordstypes.MsgAnchorRecord) { m.Category = 99 }), recordstypes.ErrInvalidCategory},
		{"a sensitive category in the clear", anchor(func(m *recordstypes.MsgAnchorRecord) { m.Category = recordstypes.Category_CATEGORY_MENTAL_HEALTH }), recordstypes.ErrSensitiveCategory},
		{"restricted without a commitment", anchor(func(m *recordstypes.MsgAnchorRecord) { m.Category = recordstypes.Category_CATEGORY_RESTRICTED }), recordstypes.ErrInvalidCategory},
		{"malformed patient", anchor(func(m *recordstypes.MsgAnchorRecord) { m.Patient = "med1notanaddress" }), recordstypes.ErrInvalidAddress},
		{"amend without a reason", &recordstypes.MsgAmendRecord{Signer: member, RecordId: testutil.RecordID("lab-1"), ContentHash: sha256Hash(2), Uri: "https://fhir.example/r1"}, recordstypes.ErrInvalidReason},
		{"batch root of 10 bytes", &recordstypes.MsgAnchorBatch{Signer: member, Root: make([]byte, 10), LeafCount: 2,
			Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: "https://x.example/m"}, recordstypes.ErrInvalidBatch},
		{"grant without a purpose", &consenttypes.MsgGrantConsent{Patient: member, Grantee: patient, ExpiresAt: future}, consenttypes.ErrInvalidPurpose},
		{"grant of 65 records", &consenttypes.MsgGrantConsent{Patient: member, Grantee: patient, Records: make([]recordstypes.RecordRef, consenttypes.MaxRecords+1),
			Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: future}, consenttypes.ErrTooMany},
		{"revoke grant 0", &consenttypes.MsgRevokeConsent{Patient: member}, consenttypes.ErrGrantNotFound},
		{"request without an action", &audittypes.MsgRequestAccess{Accessor: member, Patient: patient, Custodian: member, RecordId: testutil.RecordID("lab-1"),
			Purpose: consenttypes.Purpose_PURPOSE_TREAT}, audittypes.ErrInvalidAction},
		{"request for a readable record id", &audittypes.MsgRequestAccess{Accessor: member, Patient: patient, Custodian: member, RecordId: "lab-1",
			Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT}, audittypes.ErrInvalidTarget},
		{"break-glass without a reason", &audittypes.MsgEmergencyAccess{Accessor: member, Patient: patient, Custodian: member,
			RecordId: testutil.RecordID("lab-1"), NoteHash: testutil.NoteHash("note")}, audittypes.ErrInvalidJustification},
		{"break-glass with a note in place of its hash", &audittypes.MsgEmergencyAccess{Accessor: member, Patient: patient, Custodian: member,
			RecordId: testutil.RecordID("lab-1"), Reason: audittypes.BreakGlassReason_BREAK_GLASS_REASON_LIFE_THREATENING,
			NoteHash: []byte("patient found unconscious after a fall")}, audittypes.ErrInvalidJustification},
		{"agent without a role", &consortiumtypes.MsgAddAgent{Operator: member, Agent: patient}, consortiumtypes.ErrInvalidAgent},
		{"remove an agent named by a malformed address", &consortiumtypes.MsgRemoveAgent{Signer: member, Agent: "med1x"}, consortiumtypes.ErrInvalidAddress},
	}
	var txs [][]byte
	for _, tc := range cases {
		tx := c.tx(c.member, nil, nil, tc.msg)
		res := c.checkTx(tx)
		requireCode(t, tc.want, res.Codespace, res.Code, tc.name+": "+res.Log)
		txs = append(txs, tx)
	}
	results := c.block(txs...)
	for i, tc := range cases {
		requireCode(t, tc.want, results[i].Codespace, results[i].Code, tc.name+" in a block: "+results[i].Log)
	}
	// Nothing was anchored, and the member's sequence did not move.
	require.Zero(t, c.app.AccountKeeper.GetAccount(c.app.NewContext(true), sdk.AccAddress(c.member.PubKey().Address())).GetSequence())
}

// A transaction is bounded in bytes, gas and messages; a MsgExec may not
// carry another MsgExec. Each bound is enforced before the mempool.
func TestTransactionBounds(t *testing.T) {
	appKey := secp256k1.GenPrivKey()
	c := newTestChain(t, appKey)
	c.block()
	memberAddr := sdk.AccAddress(c.member.PubKey().Address())
	send := func(n int) []sdk.Msg {
		out := make([]sdk.Msg, n)
		for i := range out {
			out[i] = banktypes.NewMsgSend(memberAddr, memberAddr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
		}
		return out
	}
	tooLarge := consortiumtypes.ErrTxTooLarge

	t.Run("32 messages pass, 33 do not", func(t *testing.T) {
		res := c.checkTx(c.tx(c.member, nil, nil, send(33)...))
		requireCode(t, tooLarge, res.Codespace, res.Code, res.Log)
		require.Contains(t, res.Log, "33 messages")
		res = c.checkTx(c.tx(c.member, nil, nil, send(32)...))
		require.Zero(t, res.Code, res.Log)
		c.block() // reset the check state's sequence
	})

	t.Run("a transaction over max_tx_bytes", func(t *testing.T) {
		// A 70 kB memo: the size bound refuses it before anything reads it.
		acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), memberAddr)
		bz := c.buildTxWith(c.member, acc.GetAccountNumber(), acc.GetSequence(), func(b client.TxBuilder) {
			b.SetMemo(strings.Repeat("x", 70_000))
		}, send(1)...)
		require.Greater(t, len(bz), int(consortiumtypes.DefaultMaxTxBytes))
		res := c.checkTx(bz)
		requireCode(t, tooLarge, res.Codespace, res.Code, res.Log)
		require.Contains(t, res.Log, "bytes")
		results := c.block(bz)
		requireCode(t, tooLarge, results[0].Codespace, results[0].Code, results[0].Log)
	})

	t.Run("a transaction asking for more than max_tx_gas", func(t *testing.T) {
		c.gasLimit = consortiumtypes.DefaultMaxTxGas + 1
		defer func() { c.gasLimit = 400_000 }()
		res := c.checkTx(c.tx(c.member, nil, nil, send(1)...))
		requireCode(t, tooLarge, res.Codespace, res.Code, res.Log)
		require.Contains(t, res.Log, "gas")
	})

	t.Run("MsgExec inside MsgExec moves nobody's funds", func(t *testing.T) {
		// The member authorised a known patient to send its funds; the
		// patient authorised a stranger's app to execute for them. The app
		// wraps the member's MsgSend in two MsgExec layers.
		patientKey := secp256k1.GenPrivKey()
		patient := sdk.AccAddress(patientKey.PubKey().Address())
		appAddr := sdk.AccAddress(appKey.PubKey().Address())
		mustOK(t, c.block(c.tx(c.member, nil, nil, &recordstypes.MsgAnchorRecord{
			Signer: memberAddr.String(), RecordId: testutil.RecordID("nested-1"), Patient: patient.String(),
			Category: recordstypes.Category_CATEGORY_LAB, ContentHash: sha256Hash(9), Uri: "https://fhir.example/r9",
		})))
		expiry := c.time.Add(time.Hour)
		g1, err := authz.NewMsgGrant(memberAddr, patient, authz.NewGenericAuthorization(sdk.MsgTypeURL(&banktypes.MsgSend{})), &expiry)
		require.NoError(t, err)
		mustOK(t, c.block(c.tx(c.member, nil, nil, g1)))
		g2, err := authz.NewMsgGrant(patient, appAddr, authz.NewGenericAuthorization(sdk.MsgTypeURL(&authz.MsgExec{})), &expiry)
		require.NoError(t, err)
		fund := banktypes.NewMsgSend(memberAddr, patient, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 10_000_000)))
		mustOK(t, c.block(c.tx(c.member, nil, nil, fund)))
		mustOK(t, c.block(c.tx(patientKey, nil, nil, g2)))

		before := c.app.BankKeeper.GetBalance(c.app.NewContext(true), memberAddr, app.BondDenom)
		steal := banktypes.NewMsgSend(memberAddr, appAddr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 500)))
		inner := authz.NewMsgExec(patient, []sdk.Msg{steal})
		outer := authz.NewMsgExec(appAddr, []sdk.Msg{&inner})
		tx := c.tx(appKey, nil, nil, &outer)
		res := c.checkTx(tx)
		requireCode(t, consortiumtypes.ErrNestedExec, res.Codespace, res.Code, res.Log)
		results := c.block(tx)
		requireCode(t, consortiumtypes.ErrNestedExec, results[0].Codespace, results[0].Code, results[0].Log)
		require.Equal(t, before, c.app.BankKeeper.GetBalance(c.app.NewContext(true), memberAddr, app.BondDenom))
	})

	t.Run("a malformed message inside MsgExec is refused in CheckTx", func(t *testing.T) {
		exec := authz.NewMsgExec(sdk.AccAddress(appKey.PubKey().Address()), []sdk.Msg{&consenttypes.MsgRevokeConsent{Patient: memberAddr.String()}})
		res := c.checkTx(c.tx(appKey, nil, nil, &exec))
		requireCode(t, consenttypes.ErrGrantNotFound, res.Codespace, res.Code, res.Log)
	})
}

// A validator with a minimum gas price refuses unpaid transactions; a
// patient, who holds no tokens, transacts through a member's periodic fee
// allowance for consent messages, a few per day, and no more.
func TestPatientFeesThroughPeriodicAllowance(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey(), withBaseApp(baseapp.SetMinGasPrices(app.DefaultMinGasPrices)))
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address())
	patientKey := secp256k1.GenPrivKey()
	patient := sdk.AccAddress(patientKey.PubKey().Address())
	fee := sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 4_000)) // 400,000 gas at 0.01umed

	// Unpaid: refused by this validator before its mempool.
	res := c.checkTx(c.tx(c.member, nil, nil, banktypes.NewMsgSend(member, member, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))))
	requireCode(t, sdkerrors.ErrInsufficientFee, res.Codespace, res.Code, res.Log)

	// The hospital anchors the patient's record and sponsors three consent
	// transactions a day.
	mustOK(t, c.block(c.tx(c.member, fee, nil, &recordstypes.MsgAnchorRecord{
		Signer: member.String(), RecordId: testutil.RecordID("lab-1"), Patient: patient.String(), Category: recordstypes.Category_CATEGORY_LAB,
		ContentHash: sha256Hash(1), Uri: "https://fhir.example/r1",
	})))
	mustOK(t, c.block(c.tx(c.member, fee, nil, patientAllowance(t, member, patient, 3, fee))))

	grant := func(i int) []byte {
		return c.tx(patientKey, fee, member, &consenttypes.MsgGrantConsent{
			Patient: patient.String(), Grantee: member.String(), Records: []recordstypes.RecordRef{{Custodian: member.String(), RecordId: testutil.RecordID("lab-1")}},
			Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: c.time.Add(time.Duration(i+1) * time.Hour),
		})
	}
	for i := range 3 {
		mustOK(t, c.block(grant(i)))
	}
	// The fourth that day is refused at the door; the member's own go on.
	res = c.checkTx(grant(3))
	require.Equal(t, feegrant.ModuleName, res.Codespace, res.Log)
	require.Contains(t, res.Log, "fee limit exceeded")
	res = c.checkTx(c.tx(c.member, fee, nil, banktypes.NewMsgSend(member, member, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))))
	require.Zero(t, res.Code, res.Log)
	c.block()

	// The allowance covers only consent messages.
	res = c.checkTx(c.tx(patientKey, fee, member, banktypes.NewMsgSend(patient, member, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))))
	require.NotZero(t, res.Code, res.Log)

	// A day later the patient may act again.
	c.time = c.time.Add(24 * time.Hour)
	c.block()
	mustOK(t, c.block(grant(4)))
}

// patientAllowance is what a member grants a patient: n transactions of
// fee each per day, for consent messages only.
func patientAllowance(t testing.TB, granter, grantee sdk.AccAddress, n int64, fee sdk.Coins) sdk.Msg {
	t.Helper()
	msg, err := app.NewPatientAllowance(granter, grantee, n, fee)
	require.NoError(t, err)
	return msg
}

// One query cannot stall a node: a list query is capped at 1,000 entries a
// page, and one that costs more than the node's query gas limit fails
// cleanly, leaving the node answering.
func TestQueryBounds(t *testing.T) {
	c := newTestChain(t, secp256k1.GenPrivKey(), withBaseApp(baseapp.SetQueryGasLimit(300_000)))
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address())
	patient := sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address()).String()
	acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), member)
	for blk := range 3 {
		txs := make([][]byte, 100)
		for i := range txs {
			n := blk*100 + i
			txs[i] = c.buildTx(c.member, acc.GetAccountNumber(), uint64(n), nil, nil, &recordstypes.MsgAnchorRecord{
				Signer: member.String(), RecordId: fmt.Sprintf("%032x", n), Patient: patient, Category: recordstypes.Category_CATEGORY_LAB,
				ContentHash: sha256Hash(byte(n)), Uri: "https://fhir.example/r",
			})
		}
		mustOK(t, c.block(txs...))
	}
	ask := func(limit uint64) *abci.ResponseQuery {
		req := &recordstypes.QueryRecordsByCustodianRequest{Custodian: member.String(), Pagination: &query.PageRequest{Limit: limit}}
		bz, err := req.Marshal()
		require.NoError(t, err)
		res, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: "/medchain.records.v1.Query/RecordsByCustodian", Data: bz})
		require.NoError(t, err)
		return res
	}

	res := ask(1001)
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, "exceeds the maximum of 1000")

	res = ask(1000) // 300 records cost more than 300,000 gas
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, "query gas limit exceeded in medchain.records.v1.Query/RecordsByCustodian")

	res = ask(10)
	require.Zero(t, res.Code, res.Log)
	var page recordstypes.QueryRecordsResponse
	require.NoError(t, page.Unmarshal(res.Value))
	require.Len(t, page.Records, 10)
}
