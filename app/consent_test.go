package app_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// A patient's app grants consent through x/authz MsgExec, may send nothing
// else, and a member pays the patient's fees through x/feegrant.
func TestConsentThroughAuthzAndFeegrant(t *testing.T) {
	appKey := secp256k1.GenPrivKey() // the patient's app: a funded account, not a member
	c := newTestChain(t, appKey)
	c.block()
	member, appAddr := sdk.AccAddress(c.member.PubKey().Address()), sdk.AccAddress(appKey.PubKey().Address())
	patientKey := secp256k1.GenPrivKey()
	patient := sdk.AccAddress(patientKey.PubKey().Address())

	// The hospital anchors a lab record: the patient becomes known, with an account.
	c.knownPatient(patient, "lab-1")

	// The patient authorises the app to grant consent on their behalf.
	expiry := c.time.Add(30 * 24 * time.Hour)
	authGrant, err := authz.NewMsgGrant(patient, appAddr, authz.NewGenericAuthorization(sdk.MsgTypeURL(&consenttypes.MsgGrantConsent{})), &expiry)
	require.NoError(t, err)
	c.ok(c.block(c.tx(patientKey, nil, nil, authGrant)))

	// The app grants the hospital 7 days of labs for treatment, for the patient.
	exec := authz.NewMsgExec(appAddr, []sdk.Msg{&consenttypes.MsgGrantConsent{
		Patient: patient.String(), Grantee: member.String(),
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: c.time.Add(7 * 24 * time.Hour),
	}})
	c.ok(c.block(c.tx(appKey, nil, nil, &exec)))
	g, err := c.app.ConsentKeeper.GetGrant(c.app.NewContext(true), 1)
	require.NoError(t, err)
	require.Equal(t, patient.String(), g.Patient)
	require.Equal(t, consenttypes.GrantStatus_GRANT_STATUS_ACTIVE, g.Status)

	// The app may not send what it was not authorised for, nor anything on its own.
	for name, msg := range map[string]sdk.Msg{
		"revoke through MsgExec": func() sdk.Msg {
			m := authz.NewMsgExec(appAddr, []sdk.Msg{&consenttypes.MsgRevokeConsent{Patient: patient.String(), GrantId: 1}})
			return &m
		}(),
		"a message of its own": &consortiumtypes.MsgAddAgent{Operator: appAddr.String(), Agent: patient.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_STAFF},
	} {
		res := c.block(c.tx(appKey, nil, nil, msg))
		require.Equal(t, consortiumtypes.ErrSignerNotAllowed.ABCICode(), res[0].Code, name)
	}

	// The hospital pays the patient's fees: a fee allowance, then the patient
	// revokes with a fee the hospital's account pays.
	allowance, err := feegrant.NewMsgGrantAllowance(&feegrant.BasicAllowance{
		SpendLimit: sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(100))),
	}, member, patient)
	require.NoError(t, err)
	c.ok(c.block(c.tx(c.member, nil, nil, allowance)))
	before := c.app.BankKeeper.GetBalance(c.app.NewContext(true), member, app.BondDenom).Amount
	fee := sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(10)))
	c.ok(c.block(c.tx(patientKey, fee, member, &consenttypes.MsgRevokeConsent{Patient: patient.String(), GrantId: 1})))
	ctx := c.app.NewContext(true)
	require.Equal(t, before.SubRaw(10), c.app.BankKeeper.GetBalance(ctx, member, app.BondDenom).Amount)
	require.True(t, c.app.BankKeeper.GetBalance(ctx, patient, app.BondDenom).IsZero(), "the patient holds no tokens")
	g, err = c.app.ConsentKeeper.GetGrant(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, consenttypes.GrantStatus_GRANT_STATUS_REVOKED, g.Status)
}
