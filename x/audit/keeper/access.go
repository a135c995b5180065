package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Request is an access request or a break-glass access.
type Request struct {
	Signer, Accessor, Patient sdk.AccAddress
	RecordID                  string
	Category                  recordstypes.Category
	Action                    types.Action
	Purpose                   consenttypes.Purpose
	Justification             string
}

// RequestAccess asks consent for a decision and records it, allowed or denied.
// The signer is the accessor, or a data-gateway agent of the record's
// custodian naming the accessor.
func (k Keeper) RequestAccess(ctx context.Context, req Request) (types.AccessEvent, error) {
	if err := types.ValidateAction(req.Action); err != nil {
		return types.AccessEvent{}, err
	}
	category, err := k.target(ctx, req)
	if err != nil {
		return types.AccessEvent{}, err
	}
	if err := k.authorizeSigner(ctx, req); err != nil {
		return types.AccessEvent{}, err
	}
	d, err := k.consent.CheckAccess(ctx, consenttypes.AccessRequest{
		Accessor: req.Accessor, Patient: req.Patient, RecordID: req.RecordID, Category: category, Purpose: req.Purpose,
	})
	if err != nil {
		return types.AccessEvent{}, err
	}
	decision := types.Decision_DECISION_DENIED
	if d.Allowed {
		decision = types.Decision_DECISION_ALLOWED
	}
	e := k.newEvent(ctx, req, category, decision, k.memberOf(ctx, req.Accessor))
	e.GrantId, e.Reason = d.GrantID, d.Reason
	return e, k.record(ctx, &e)
}

// EmergencyAccess records a break-glass access: an agent of a member with the
// emergency role, signing for themself, with a written justification.
func (k Keeper) EmergencyAccess(ctx context.Context, req Request) (types.AccessEvent, error) {
	if err := types.ValidateJustification(req.Justification); err != nil {
		return types.AccessEvent{}, err
	}
	if !req.Signer.Equals(req.Accessor) {
		return types.AccessEvent{}, errorsmod.Wrap(types.ErrNotAllowed, "break-glass access is signed by the accessor")
	}
	if _, err := k.consortium.GetAgent(ctx, req.Accessor); err != nil {
		return types.AccessEvent{}, errorsmod.Wrapf(types.ErrNotEmergencyMember, "%s is not an agent", req.Accessor)
	}
	m, err := k.consortium.SignerMember(ctx, req.Accessor)
	if err != nil || !m.HasRole(consortiumtypes.Role_ROLE_EMERGENCY) {
		return types.AccessEvent{}, errorsmod.Wrapf(types.ErrNotEmergencyMember, "%s", req.Accessor)
	}
	category, err := k.target(ctx, req)
	if err != nil {
		return types.AccessEvent{}, err
	}
	if req.RecordID != "" {
		rec, err := k.records.GetVersion(ctx, req.RecordID, 0)
		patient, _ := k.addressCodec.BytesToString(req.Patient)
		if err != nil || rec.Patient != patient {
			return types.AccessEvent{}, errorsmod.Wrapf(types.ErrRecordNotFound, "%s of patient %s", req.RecordID, patient)
		}
	}
	req.Action, req.Purpose = types.Action_ACTION_READ, consenttypes.Purpose_PURPOSE_ETREAT
	e := k.newEvent(ctx, req, category, types.Decision_DECISION_EMERGENCY, m.Operator)
	e.Reason, e.Justification = "break-glass: emergency access without consent", req.Justification
	if err := k.record(ctx, &e); err != nil {
		return e, err
	}
	return e, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventEmergencyAccess{
		EventId: e.Id, Patient: e.Patient, Accessor: e.Accessor, AccessorMember: e.AccessorMember,
		RecordId: e.RecordId, Justification: e.Justification,
	})
}

// target returns the category of the record asked for, or the category asked for.
func (k Keeper) target(ctx context.Context, req Request) (recordstypes.Category, error) {
	if len(req.Patient) == 0 || len(req.Accessor) == 0 {
		return 0, errorsmod.Wrap(types.ErrInvalidAddress, "accessor and patient are required")
	}
	if err := types.ValidateTarget(req.RecordID, req.Category); err != nil {
		return 0, err
	}
	if req.RecordID != "" {
		if rec, err := k.records.GetVersion(ctx, req.RecordID, 0); err == nil {
			return rec.Category, nil
		}
		return req.Category, nil // unknown record: consent denies, and the attempt is recorded
	}
	return req.Category, nil
}

// authorizeSigner checks the signer may request for the accessor: itself, or
// as a data gateway of the record's custodian.
func (k Keeper) authorizeSigner(ctx context.Context, req Request) error {
	if req.Signer.Equals(req.Accessor) {
		if _, err := k.consortium.SignerMember(ctx, req.Signer); err != nil {
			return errorsmod.Wrapf(types.ErrNotAllowed, "%s acts for no active member", req.Signer)
		}
		return nil
	}
	agent, err := k.consortium.GetAgent(ctx, req.Signer)
	if err != nil || agent.Role != consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY {
		return errorsmod.Wrap(types.ErrNotAllowed, "only the accessor, or a data gateway of the record's custodian, may sign")
	}
	if _, err := k.consortium.SignerMember(ctx, req.Signer); err != nil {
		return errorsmod.Wrapf(types.ErrNotAllowed, "gateway's member is not active")
	}
	if req.RecordID == "" {
		return errorsmod.Wrap(types.ErrNotAllowed, "a gateway requests access to a record it holds: give the record id")
	}
	rec, err := k.records.GetVersion(ctx, req.RecordID, 0)
	if err != nil {
		return errorsmod.Wrapf(types.ErrRecordNotFound, "%s", req.RecordID)
	}
	if rec.Custodian != agent.Member {
		return errorsmod.Wrapf(types.ErrNotAllowed, "record %s is held by %s, not the gateway's member", req.RecordID, rec.Custodian)
	}
	return nil
}

// memberOf is the operator of the active member addr acts for, or "".
func (k Keeper) memberOf(ctx context.Context, addr sdk.AccAddress) string {
	m, err := k.consortium.SignerMember(ctx, addr)
	if err != nil {
		return ""
	}
	return m.Operator
}

func (k Keeper) newEvent(ctx context.Context, req Request, category recordstypes.Category, decision types.Decision, accessorMember string) types.AccessEvent {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	str := func(a sdk.AccAddress) string { s, _ := k.addressCodec.BytesToString(a); return s }
	e := types.AccessEvent{
		Patient: str(req.Patient), RecordId: req.RecordID, Category: category, Accessor: str(req.Accessor),
		Action: req.Action, Purpose: req.Purpose, Decision: decision,
		Time: sdkCtx.BlockTime(), Height: sdkCtx.BlockHeight(), Signer: str(req.Signer), AccessorMember: accessorMember,
	}
	return e
}
