package keeper

import (
	"context"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/audit/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

type msgServer struct{ k Keeper }

// NewMsgServer returns the audit Msg service.
func NewMsgServer(k Keeper) types.MsgServer { return msgServer{k: k} }

func (s msgServer) RequestAccess(ctx context.Context, msg *types.MsgRequestAccess) (*types.MsgRequestAccessResponse, error) {
	a, err := modulekit.ParseAddresses(s.k.addressCodec, types.ErrInvalidAddress, "accessor", msg.Accessor, "patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	e, err := s.k.RequestAccess(ctx, Request{
		Accessor: a[0], Patient: a[1], Record: recordRef(msg.Custodian, msg.RecordId),
		Category: msg.Category, Action: msg.Action, Purpose: msg.Purpose,
	})
	if err != nil {
		return nil, err
	}
	accessCount.IncWith(e.Decision.Code())
	return &types.MsgRequestAccessResponse{EventId: e.Id, Decision: e.Decision, GrantId: e.GrantId, Reason: e.Reason}, nil
}

func (s msgServer) EmergencyAccess(ctx context.Context, msg *types.MsgEmergencyAccess) (*types.MsgEmergencyAccessResponse, error) {
	a, err := modulekit.ParseAddresses(s.k.addressCodec, types.ErrInvalidAddress, "accessor", msg.Accessor, "patient", msg.Patient)
	if err != nil {
		return nil, err
	}
	e, err := s.k.EmergencyAccess(ctx, Request{
		Accessor: a[0], Patient: a[1], Record: recordRef(msg.Custodian, msg.RecordId), Reason: msg.Reason, NoteHash: msg.NoteHash,
	})
	if err != nil {
		return nil, err
	}
	accessCount.IncWith(e.Decision.Code())
	breakGlassCount.IncWith(e.BreakGlassReason.Code())
	return &types.MsgEmergencyAccessResponse{EventId: e.Id}, nil
}

// recordRef is the record a message names, or nil for none.
func recordRef(custodian, recordID string) *recordstypes.RecordRef {
	if custodian == "" && recordID == "" {
		return nil
	}
	return &recordstypes.RecordRef{Custodian: custodian, RecordId: recordID}
}
