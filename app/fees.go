package app

import (
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"

	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// PatientMessages are the messages a member's fee allowance lets a patient
// (or the patient's app, through MsgExec; or its controller, through
// MsgActAsPatient; or a patient guardian) pay for.
var PatientMessages = []string{
	sdk.MsgTypeURL(&consenttypes.MsgGrantConsent{}),
	sdk.MsgTypeURL(&consenttypes.MsgRevokeConsent{}),
	sdk.MsgTypeURL(&consenttypes.MsgRespondConsentRequest{}),
	sdk.MsgTypeURL(&consortiumtypes.MsgActAsPatient{}),
	sdk.MsgTypeURL(&consortiumtypes.MsgRotateKey{}),
	sdk.MsgTypeURL(&consortiumtypes.MsgSetGuardians{}),
	sdk.MsgTypeURL(&consortiumtypes.MsgStartRecovery{}),
	sdk.MsgTypeURL(&consortiumtypes.MsgApproveRecovery{}),
	sdk.MsgTypeURL(&consortiumtypes.MsgCancelRecovery{}),
	"/cosmos.authz.v1beta1.MsgGrant",
	"/cosmos.authz.v1beta1.MsgRevoke",
	"/cosmos.authz.v1beta1.MsgExec",
}

// NewPatientAllowance is how a member pays a patient's fees: a periodic
// x/feegrant allowance of perDay transactions of feePerTx each, renewed
// every 24 hours, for PatientMessages only. A patient cannot spend more,
// so no patient fills blocks for free.
func NewPatientAllowance(member, patient sdk.AccAddress, perDay int64, feePerTx sdk.Coins) (*feegrant.MsgGrantAllowance, error) {
	limit := sdk.NewCoins()
	for _, c := range feePerTx {
		limit = limit.Add(sdk.NewCoin(c.Denom, c.Amount.MulRaw(perDay)))
	}
	periodic := &feegrant.PeriodicAllowance{
		Period:           24 * time.Hour,
		PeriodSpendLimit: limit,
		PeriodCanSpend:   limit,
	}
	allowance, err := feegrant.NewAllowedMsgAllowance(periodic, PatientMessages)
	if err != nil {
		return nil, err
	}
	return feegrant.NewMsgGrantAllowance(allowance, member, patient)
}
