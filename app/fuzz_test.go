package app_test

import (
	"bytes"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/cosmos-sdk/x/authz"

	"github.com/medchain/medchain/testutil"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// sameSigned reports whether a and b carry the same signed body, auth info
// and signatures, however their outer encoding differs.
func sameSigned(a, b []byte) bool {
	var ra, rb txtypes.TxRaw
	if ra.Unmarshal(a) != nil || rb.Unmarshal(b) != nil || len(ra.Signatures) != len(rb.Signatures) {
		return false
	}
	for i := range ra.Signatures {
		if !bytes.Equal(ra.Signatures[i], rb.Signatures[i]) {
			return false
		}
	}
	return bytes.Equal(ra.BodyBytes, rb.BodyBytes) && bytes.Equal(ra.AuthInfoBytes, rb.AuthInfoBytes)
}

// Arbitrary bytes submitted as a transaction: decoding and every CheckTx
// check (bounds, allowlist, fees, signatures) answer with a code and never
// panic, and nothing but the signed seed is ever admitted.
//
//	go test -fuzz FuzzCheckTx -fuzztime 10m ./app
func FuzzCheckTx(f *testing.F) {
	c := newTestChain(f, secp256k1.GenPrivKey())
	c.block()
	member := sdk.AccAddress(c.member.PubKey().Address())
	valid := c.tx(c.member, nil, nil, &recordstypes.MsgAnchorRecord{
		Signer: member.String(), RecordId: testutil.RecordID("lab-1"), Patient: sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address()).String(),
		Category: recordstypes.Category_CATEGORY_LAB, ContentHash: sha256Hash(1), Uri: "https://fhir.example/r1",
	})
	exec := authz.NewMsgExec(member, []sdk.Msg{&recordstypes.MsgAmendRecord{Signer: member.String(), RecordId: testutil.RecordID("lab-1")}})
	f.Add(valid)
	f.Add(c.tx(c.member, nil, nil, &exec))
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x02, 0x0a, 0x00})
	f.Fuzz(func(t *testing.T, tx []byte) {
		res, err := c.app.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
		if err != nil {
			t.Fatalf("CheckTx failed instead of answering: %v", err)
		}
		if res.Code == 0 && !sameSigned(tx, valid) {
			t.Fatalf("a transaction nobody signed was admitted: %x", tx)
		}
		if res.Code != 0 && res.Codespace == sdkerrors.RootCodespace && res.Code == sdkerrors.ErrPanic.ABCICode() {
			t.Fatalf("CheckTx panicked: %s", res.Log)
		}
	})
}
