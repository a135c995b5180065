package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Request is an access request or a break-glass access, made by the
// accessor itself.
type Request struct {
	Accessor, Patient sdk.AccAddress
	// Record names the record; nil for a whole Category.
	Record   *recordstypes.RecordRef
	Category recordstypes.Category
	Action   types.Action
	Purpose  consenttypes.Purpose
	// Reason and NoteHash justify a break-glass access.
	Reason   types.BreakGlassReason
	NoteHash []byte
}

// RequestAccess asks consent for a decision and records it, allowed or
// denied. The accessor signs its own request (a gateway may only relay it),
// and must act for an active member.
func (k Keeper) RequestAccess(ctx context.Context, req Request) (types.AccessEvent, error) {
	if err := types.ValidateAction(req.Action); err != nil {
		return types.AccessEvent{}, err
	}
	if len(req.Patient) == 0 || len(req.Accessor) == 0 {
		return types.AccessEvent{}, errorsmod.Wrap(types.ErrInvalidAddress, "accessor and patient are required")
	}
	if err := types.ValidateTarget(req.Record.GetCustodian(), req.Record.GetRecordId(), req.Category); err != nil {
		return types.AccessEvent{}, err
	}
	d, err := k.consent.CheckAccess(ctx, consenttypes.AccessRequest{
		Accessor: req.Accessor, Patient: req.Patient, Record: req.Record, Category: req.Category, Purpose: req.Purpose,
	})
	if err != nil {
		return types.AccessEvent{}, err
	}
	if d.Reason == consenttypes.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE {
		return types.AccessEvent{}, errorsmod.Wrapf(types.ErrNotAllowed, "%s acts for no active member", req.Accessor)
	}
	decision := types.Decision_DECISION_DENIED
	if d.Allowed {
		decision = types.Decision_DECISION_ALLOWED
	}
	if d.Reason == consenttypes.DecisionReason_DECISION_REASON_RECORD_OF_ANOTHER_PATIENT {
		// The attempt is on the record owner's record: it goes into the
		// owner's trail, never into the named patient's, who must not learn
		// another patient's record id and category.
		rec, err := k.records.GetRecord(ctx, *req.Record)
		if err != nil {
			return types.AccessEvent{}, err
		}
		if req.Patient, err = k.addressCodec.StringToBytes(rec.Patient); err != nil {
			return types.AccessEvent{}, err
		}
	}
	e, err := k.newEvent(ctx, req, d.Category, decision, d.AccessorMember)
	if err != nil {
		return e, err
	}
	e.GrantId, e.Reason = d.GrantID, d.Reason
	return e, k.record(ctx, &e)
}

// EmergencyAccess records a break-glass access to one record without
// consent: by a clinician agent of a member with the emergency role,
// signing for itself, with a reason code and the hash of its note. The
// event is flagged and emitted so the patient's app and regulators see it.
func (k Keeper) EmergencyAccess(ctx context.Context, req Request) (types.AccessEvent, error) {
	if err := types.ValidateBreakGlass(req.Reason, req.NoteHash); err != nil {
		return types.AccessEvent{}, err
	}
	if req.Record == nil {
		return types.AccessEvent{}, errorsmod.Wrap(types.ErrInvalidTarget, "break-glass access names one record")
	}
	if err := types.ValidateTarget(req.Record.Custodian, req.Record.RecordId, recordstypes.Category_CATEGORY_UNSPECIFIED); err != nil {
		return types.AccessEvent{}, err
	}
	agent, member, err := k.consortium.AgentMember(ctx, req.Accessor)
	if err != nil || !member.HasRole(consortiumtypes.Role_ROLE_EMERGENCY) {
		return types.AccessEvent{}, errorsmod.Wrapf(types.ErrNotEmergencyMember, "%s", req.Accessor)
	}
	if agent.Role != consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN {
		return types.AccessEvent{}, errorsmod.Wrapf(types.ErrNotEmergencyMember, "%s is a %s agent; only clinicians break the glass", req.Accessor, agent.Role)
	}
	rec, err := k.records.GetRecord(ctx, *req.Record)
	patient, perr := k.addressCodec.BytesToString(req.Patient)
	if err != nil || perr != nil || rec.Patient != patient {
		return types.AccessEvent{}, errorsmod.Wrapf(types.ErrRecordNotFound, "%s of patient %s", req.Record.Key(), patient)
	}
	req.Action, req.Purpose = types.Action_ACTION_READ, consenttypes.Purpose_PURPOSE_ETREAT
	e, err := k.newEvent(ctx, req, rec.Category, types.Decision_DECISION_EMERGENCY, member.Operator)
	if err != nil {
		return e, err
	}
	e.Reason, e.BreakGlassReason, e.NoteHash = consenttypes.DecisionReason_DECISION_REASON_EMERGENCY, req.Reason, req.NoteHash
	if err := k.record(ctx, &e); err != nil {
		return e, err
	}
	return e, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventEmergencyAccess{
		EventId: e.Id, Patient: e.Patient, Accessor: e.Accessor, AccessorMember: e.AccessorMember,
		Custodian: e.Custodian, RecordId: e.RecordId, Reason: e.BreakGlassReason, NoteHash: e.NoteHash,
	})
}

func (k Keeper) newEvent(ctx context.Context, req Request, category recordstypes.Category, decision types.Decision, accessorMember string) (types.AccessEvent, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	a, err := modulekit.AddressStrings(k.addressCodec, req.Patient, req.Accessor)
	if err != nil {
		return types.AccessEvent{}, err
	}
	e := types.AccessEvent{
		Patient: a[0], Category: category, Accessor: a[1], AccessorMember: accessorMember,
		Action: req.Action, Purpose: req.Purpose, Decision: decision, Time: sdkCtx.BlockTime(), Height: sdkCtx.BlockHeight(),
	}
	if req.Record != nil {
		e.Custodian, e.RecordId = req.Record.Custodian, req.Record.RecordId
	}
	return e, nil
}
