package app_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// patientChain is a chain with a known patient the member sponsors (its
// patient allowance), and a funded app key that is no member.
type patientChain struct {
	*testChain
	appKey, patientKey           cryptotypes.PrivKey
	memberAddr, appAddr, patient sdk.AccAddress
	// fee is what each patient transaction pays from the allowance.
	fee sdk.Coins
}

func newPatientChain(t *testing.T) *patientChain {
	t.Helper()
	appKey, patientKey := secp256k1.GenPrivKey(), secp256k1.GenPrivKey()
	c := &patientChain{testChain: newTestChain(t, appKey), appKey: appKey, patientKey: patientKey,
		fee: sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(10)))}
	c.block()
	c.memberAddr, c.appAddr = sdk.AccAddress(c.member.PubKey().Address()), sdk.AccAddress(appKey.PubKey().Address())
	c.patient = sdk.AccAddress(patientKey.PubKey().Address())
	c.knownPatient(c.patient, "lab-1")
	c.sponsor(c.patient)
	return c
}

// sponsor gives who the member's patient allowance.
func (c *patientChain) sponsor(who sdk.AccAddress) {
	c.t.Helper()
	allowance, err := app.NewPatientAllowance(c.memberAddr, who, 10, c.fee)
	require.NoError(c.t, err)
	c.ok(c.block(c.tx(c.member, nil, nil, allowance)))
}

// authoriseApp has the patient authorise its app through x/authz, for 30
// days, to send messages of msg's type for it; the allowance pays the fee.
func (c *patientChain) authoriseApp(msg sdk.Msg) {
	c.t.Helper()
	expiry := c.time.Add(30 * 24 * time.Hour)
	auth, err := authz.NewMsgGrant(c.patient, c.appAddr, authz.NewGenericAuthorization(sdk.MsgTypeURL(msg)), &expiry)
	require.NoError(c.t, err)
	c.ok(c.block(c.tx(c.patientKey, c.fee, c.memberAddr, auth)))
}

// A member asks; the patient's app, authorised through x/authz for answers
// only, approves for the patient, on fees the member's patient allowance
// pays; the app cannot use that authorisation to grant unasked, and the
// patient cannot use the allowance to pay for anything but patient messages.
func TestConsentRequestAnsweredThroughAuthz(t *testing.T) {
	c := newPatientChain(t)
	member, appAddr, patient, patientKey, appKey, fee := c.memberAddr, c.appAddr, c.patient, c.patientKey, c.appKey, c.fee
	code := func(res []*abci.ExecTxResult) uint32 { return res[0].Code }

	c.ok(c.block(c.tx(c.member, nil, nil, &consenttypes.MsgRequestConsent{
		Requester: member.String(), Patient: patient.String(), Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, Duration: 7 * 24 * time.Hour,
		NoteCode: consenttypes.RequestReason_REQUEST_REASON_FOLLOW_UP,
	})))
	c.authoriseApp(&consenttypes.MsgRespondConsentRequest{})

	// Granting unasked is another message type: refused at the door.
	grant := authz.NewMsgExec(appAddr, []sdk.Msg{&consenttypes.MsgGrantConsent{
		Patient: patient.String(), Grantee: member.String(), Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT},
		ExpiresAt: c.time.Add(time.Hour),
	}})
	require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), code(c.block(c.tx(appKey, nil, nil, &grant))))

	// The app approves for three days.
	three := 3 * 24 * time.Hour
	approve := authz.NewMsgExec(appAddr, []sdk.Msg{&consenttypes.MsgRespondConsentRequest{
		Patient: patient.String(), RequestId: 1, Response: consenttypes.Response_RESPONSE_APPROVE, Duration: &three,
	}})
	c.ok(c.block(c.tx(appKey, nil, nil, &approve)))
	ctx := c.app.NewContext(true)
	g, err := c.app.ConsentKeeper.GetGrant(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, uint64(1), g.RequestId)
	require.Equal(t, member.String(), g.Grantee)
	require.Equal(t, three, g.ExpiresAt.Sub(g.CreatedAt))

	// The member's allowance pays for patient messages only.
	withdraw := &consenttypes.MsgWithdrawConsentRequest{Requester: patient.String(), RequestId: 1}
	res := c.block(c.tx(patientKey, fee, member, withdraw))
	require.Equal(t, "feegrant", res[0].Codespace, res[0].Log)
	require.Contains(t, res[0].Log, "message does not exist in allowed messages")
}

// After a patient rotates to a new key, the old key's transactions are
// refused before the mempool (CheckTx) and in blocks, and so is an app the
// old key authorised through x/authz; the new key, sponsored by the
// member, acts for the same address through MsgActAsPatient.
func TestRotatedKeyRefusedAtTheDoor(t *testing.T) {
	c := newPatientChain(t)
	member, appAddr, patient, oldKey, appKey, fee := c.memberAddr, c.appAddr, c.patient, c.patientKey, c.appKey, c.fee
	newKey := secp256k1.GenPrivKey()
	controller := sdk.AccAddress(newKey.PubKey().Address())
	c.sponsor(controller)
	c.authoriseApp(&consenttypes.MsgGrantConsent{})
	grant := &consenttypes.MsgGrantConsent{
		Patient: patient.String(), Grantee: member.String(), Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: c.time.Add(7 * 24 * time.Hour),
	}
	c.ok(c.block(c.tx(oldKey, fee, member, grant)))

	c.ok(c.block(c.tx(oldKey, fee, member, &consortiumtypes.MsgRotateKey{Patient: patient.String(), NewController: controller.String()})))

	rotated := consortiumtypes.ErrKeyRotated.ABCICode()
	revoke := &consenttypes.MsgRevokeConsent{Patient: patient.String(), GrantId: 1}
	res, err := c.app.CheckTx(&abci.RequestCheckTx{Tx: c.tx(oldKey, fee, member, revoke), Type: abci.CheckTxType_New})
	require.NoError(t, err)
	require.Equal(t, rotated, res.Code, "CheckTx refuses the old key: %s", res.Log)
	require.Equal(t, rotated, c.block(c.tx(oldKey, fee, member, revoke))[0].Code, "and so does a block")
	exec := authz.NewMsgExec(appAddr, []sdk.Msg{grant})
	require.Equal(t, rotated, c.block(c.tx(appKey, nil, nil, &exec))[0].Code, "the old key's app is refused")

	packed, err := codectypes.NewAnyWithValue(revoke)
	require.NoError(t, err)
	c.ok(c.block(c.tx(newKey, fee, member, &consortiumtypes.MsgActAsPatient{Controller: controller.String(), Patient: patient.String(), Msgs: []*codectypes.Any{packed}})))
	g, err := c.app.ConsentKeeper.GetGrant(c.app.NewContext(true), 1)
	require.NoError(t, err)
	require.Equal(t, consenttypes.GrantStatus_GRANT_STATUS_REVOKED, g.Status)
	require.Equal(t, patient.String(), g.Patient)
}
