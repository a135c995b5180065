package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Ask opens a pending consent request from an active member's operator or
// agent to a known patient, and returns its id. One request per (requester,
// patient) may be pending, and at most max_open_requests_per_patient per patient.
func (k Keeper) Ask(ctx context.Context, msg *types.MsgRequestConsent) (uint64, error) {
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "requester", msg.Requester, "patient", msg.Patient)
	if err != nil {
		return 0, err
	}
	requester, patient := a[0], a[1]
	if err := msg.ValidateBasic(); err != nil {
		return 0, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	if msg.Duration > params.MaxGrantDuration {
		return 0, errorsmod.Wrapf(types.ErrExpiryTooFar, "duration %s; at most %s", msg.Duration, params.MaxGrantDuration)
	}
	member, err := k.consortium.SignerMember(ctx, requester)
	if err != nil {
		return 0, errorsmod.Wrapf(types.ErrNotRequester, "%s: %v", msg.Requester, err)
	}
	if known, err := k.consortium.IsPatient(ctx, patient); err != nil || !known {
		return 0, errorsmod.Wrapf(types.ErrUnknownPatient, "%s", msg.Patient)
	}
	if err := k.recordsOf(ctx, msg.Patient, msg.Records); err != nil {
		return 0, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	open, err := k.pendingOf(ctx, patient, now)
	if err != nil {
		return 0, err
	}
	if prev, err := k.OpenByPair.Get(ctx, collections.Join(requester, patient)); err == nil {
		return 0, errorsmod.Wrapf(types.ErrRequestOpen, "request %d; withdraw it or wait for the answer", prev)
	}
	if open >= params.MaxOpenRequestsPerPatient {
		return 0, errorsmod.Wrapf(types.ErrTooManyRequests, "%d pending", open)
	}
	id, err := modulekit.NextID(ctx, k.RequestSeq)
	if err != nil {
		return 0, err
	}
	r := types.ConsentRequest{
		Id: id, Requester: msg.Requester, RequesterMember: member.Operator, Patient: msg.Patient,
		Categories: msg.Categories, Records: msg.Records, Purposes: msg.Purposes, Duration: msg.Duration,
		NoteCode: msg.NoteCode, CreatedAt: now, ExpiresAt: now.Add(params.RequestTtl),
		Status: types.RequestStatus_REQUEST_STATUS_PENDING,
	}
	if err := k.indexRequest(ctx, r, requester, patient); err != nil {
		return 0, err
	}
	return id, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentRequested{
		RequestId: id, Patient: r.Patient, Requester: r.Requester, RequesterMember: r.RequesterMember, ExpiresAt: r.ExpiresAt,
	})
}

// Respond records the patient's answer to a pending request. An approval
// creates a grant to the requester — the scope and duration asked, or the
// narrower and shorter ones given — linked to the request; it returns the
// grant's id (0 on a decline).
func (k Keeper) Respond(ctx context.Context, msg *types.MsgRespondConsentRequest) (uint64, error) {
	if err := msg.ValidateBasic(); err != nil {
		return 0, err
	}
	r, err := k.pendingRequest(ctx, msg.RequestId, msg.Patient, func(r types.ConsentRequest) string { return r.Patient })
	if err != nil {
		return 0, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if msg.Response == types.Response_RESPONSE_DECLINE {
		return 0, k.endRequest(ctx, r, types.RequestStatus_REQUEST_STATUS_DECLINED, now)
	}
	scope, d, err := r.Approve(msg.Scope, msg.Duration, func(ref recordstypes.RecordRef) recordstypes.Category {
		rec, err := k.records.GetRecord(ctx, ref)
		if err != nil {
			return recordstypes.Category_CATEGORY_UNSPECIFIED // not anchored: the grant refuses it
		}
		return rec.Category
	})
	if err != nil {
		return 0, err
	}
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "patient", r.Patient, "requester", r.Requester)
	if err != nil {
		return 0, err
	}
	grantID, err := k.Grant(ctx, GrantRequest{
		Patient: a[0], Grantee: a[1], Categories: scope.Categories, Records: scope.Records,
		Purposes: scope.Purposes, ExpiresAt: now.Add(d), RequestID: r.Id,
	})
	if err != nil {
		return 0, err
	}
	r.GrantId = grantID
	if err := k.closeRequest(ctx, r, types.RequestStatus_REQUEST_STATUS_APPROVED, now); err != nil {
		return 0, err
	}
	return grantID, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentRequestApproved{
		RequestId: r.Id, Patient: r.Patient, Requester: r.Requester, RequesterMember: r.RequesterMember,
		GrantId: grantID, GrantExpiresAt: now.Add(d).UTC(),
	})
}

// Withdraw ends a pending request; only its requester may.
func (k Keeper) Withdraw(ctx context.Context, requester string, id uint64) error {
	r, err := k.pendingRequest(ctx, id, requester, func(r types.ConsentRequest) string { return r.Requester })
	if err != nil {
		return err
	}
	return k.endRequest(ctx, r, types.RequestStatus_REQUEST_STATUS_WITHDRAWN, sdk.UnwrapSDKContext(ctx).BlockTime())
}

// GetRequest returns a consent request by id.
func (k Keeper) GetRequest(ctx context.Context, id uint64) (types.ConsentRequest, error) {
	return modulekit.Get(ctx, k.Requests, id, types.ErrRequestNotFound)
}

// pendingRequest returns request id if signer is its party (as party names
// it) and it is pending and not past its expiry at the block time.
func (k Keeper) pendingRequest(ctx context.Context, id uint64, signer string, party func(types.ConsentRequest) string) (types.ConsentRequest, error) {
	r, err := k.GetRequest(ctx, id)
	if err != nil {
		return r, err
	}
	if party(r) != signer {
		return r, errorsmod.Wrapf(types.ErrNotRequestParty, "request %d", id)
	}
	if r.Status != types.RequestStatus_REQUEST_STATUS_PENDING {
		return r, errorsmod.Wrapf(types.ErrNotPending, "request %d is %s", id, r.Status)
	}
	if now := sdk.UnwrapSDKContext(ctx).BlockTime(); !now.Before(r.ExpiresAt) {
		return r, errorsmod.Wrapf(types.ErrNotPending, "request %d expired at %s", id, r.ExpiresAt.UTC())
	}
	return r, nil
}

// indexRequest stores r with its indexes: a pending one joins the open
// indexes and the expiry queue, an ended one the queue of requests to
// delete after the retention period.
func (k Keeper) indexRequest(ctx context.Context, r types.ConsentRequest, requester, patient sdk.AccAddress) error {
	err := putIndexed(ctx, k.Requests, r.Id, r, addrIndex{k.RequestsByPatient, patient}, addrIndex{k.RequestsByRequester, requester})
	if err != nil {
		return err
	}
	if r.Status != types.RequestStatus_REQUEST_STATUS_PENDING {
		return k.RequestEndedQueue.Set(ctx, collections.Join(r.EndedAt.UnixNano(), r.Id))
	}
	if err := k.OpenByPatient.Set(ctx, collections.Join(patient, r.Id)); err != nil {
		return err
	}
	if err := k.OpenByPair.Set(ctx, collections.Join(requester, patient), r.Id); err != nil {
		return err
	}
	return k.RequestExpiryQueue.Set(ctx, collections.Join(r.ExpiresAt.UnixNano(), r.Id))
}

// endRequest ends a pending request without a grant (declined, withdrawn
// or expired) and emits EventConsentRequestEnded.
func (k Keeper) endRequest(ctx context.Context, r types.ConsentRequest, status types.RequestStatus, at time.Time) error {
	if err := k.closeRequest(ctx, r, status, at); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentRequestEnded{
		RequestId: r.Id, Patient: r.Patient, Requester: r.Requester, RequesterMember: r.RequesterMember, Status: status,
	})
}

// closeRequest moves a pending request to a final status and queues it for
// deletion after the retention period.
func (k Keeper) closeRequest(ctx context.Context, r types.ConsentRequest, status types.RequestStatus, at time.Time) error {
	a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "requester", r.Requester, "patient", r.Patient)
	if err != nil {
		return err
	}
	if err := k.OpenByPatient.Remove(ctx, collections.Join(a[1], r.Id)); err != nil {
		return err
	}
	if err := k.OpenByPair.Remove(ctx, collections.Join(a[0], a[1])); err != nil {
		return err
	}
	if err := k.RequestExpiryQueue.Remove(ctx, collections.Join(r.ExpiresAt.UnixNano(), r.Id)); err != nil {
		return err
	}
	if err := k.RequestEndedQueue.Set(ctx, collections.Join(at.UnixNano(), r.Id)); err != nil {
		return err
	}
	r.Status, r.EndedAt = status, &at
	if err := k.Requests.Set(ctx, r.Id, r); err != nil {
		return err
	}
	requestsEnded.IncWith(status.Label())
	return nil
}

// pendingOf marks the patient's pending requests whose expiry has passed as
// expired (at most max_open_requests_per_patient of them exist, so the walk
// is bounded) and returns how many stay pending.
func (k Keeper) pendingOf(ctx context.Context, patient sdk.AccAddress, now time.Time) (uint32, error) {
	due, open, err := splitDue(ctx, k.OpenByPatient, k.Requests, patient, now, func(r types.ConsentRequest) time.Time { return r.ExpiresAt })
	if err != nil {
		return 0, err
	}
	for _, r := range due {
		if err := k.endRequest(ctx, r, types.RequestStatus_REQUEST_STATUS_EXPIRED, now); err != nil {
			return 0, err
		}
	}
	return open, nil
}
