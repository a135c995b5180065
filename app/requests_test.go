package app_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/stretchr/testify/require"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

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
	expiry := c.time.Add(30 * 24 * time.Hour)
	auth, err := authz.NewMsgGrant(patient, appAddr, authz.NewGenericAuthorization(sdk.MsgTypeURL(&consenttypes.MsgRespondConsentRequest{})), &expiry)
	require.NoError(t, err)
	c.ok(c.block(c.tx(patientKey, fee, member, auth)))

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
