package app_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/stretchr/testify/require"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

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
	expiry := c.time.Add(30 * 24 * time.Hour)
	auth, err := authz.NewMsgGrant(patient, appAddr, authz.NewGenericAuthorization(sdk.MsgTypeURL(&consenttypes.MsgGrantConsent{})), &expiry)
	require.NoError(t, err)
	c.ok(c.block(c.tx(oldKey, fee, member, auth)))
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
