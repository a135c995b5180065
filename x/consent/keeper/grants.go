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

// GrantRequest is what a patient grants.
type GrantRequest struct {
	Patient, Grantee sdk.AccAddress
	Categories       []recordstypes.Category
	Records          []recordstypes.RecordRef
	Purposes         []types.Purpose
	ExpiresAt        time.Time
	// RequestID is the consent request the grant approves (0 when unasked).
	RequestID uint64
}

// Grant records a patient's consent and returns its id. The grant is bound
// to the member the grantee acts for now: if an agent grantee later acts
// for another member, the grant does not follow it.
func (k Keeper) Grant(ctx context.Context, req GrantRequest) (uint64, error) {
	if err := types.ValidateScope(req.Categories, req.Records, req.Purposes); err != nil {
		return 0, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if !req.ExpiresAt.After(now) {
		return 0, errorsmod.Wrapf(types.ErrExpiryInPast, "expires_at %s, block time %s", req.ExpiresAt.UTC(), now.UTC())
	}
	if req.ExpiresAt.Sub(now) > params.MaxGrantDuration {
		return 0, errorsmod.Wrapf(types.ErrExpiryTooFar, "at most %s from now", params.MaxGrantDuration)
	}
	if req.Patient.Equals(req.Grantee) {
		return 0, errorsmod.Wrap(types.ErrInvalidGrantee, "a patient does not grant to themself")
	}
	member, err := k.consortium.SignerMember(ctx, req.Grantee)
	if err != nil {
		return 0, errorsmod.Wrapf(types.ErrInvalidGrantee, "%s: %v", req.Grantee, err)
	}
	patient, err := k.addressCodec.BytesToString(req.Patient)
	if err != nil {
		return 0, err
	}
	if err := k.recordsOf(ctx, patient, req.Records); err != nil {
		return 0, err
	}
	active, err := modulekit.OrZero(ctx, k.ActiveCount, req.Patient)
	if err != nil {
		return 0, err
	}
	if active >= params.MaxActiveGrantsPerPatient {
		// Grants past their expiry that BeginBlock has not marked yet do not
		// hold the patient back.
		if active, err = k.markExpiredOf(ctx, req.Patient, now); err != nil {
			return 0, err
		}
	}
	if active >= params.MaxActiveGrantsPerPatient {
		return 0, errorsmod.Wrapf(types.ErrTooManyGrants, "%d active; revoke one first", active)
	}
	grantee, err := k.addressCodec.BytesToString(req.Grantee)
	if err != nil {
		return 0, err
	}
	id, err := modulekit.NextID(ctx, k.GrantSeq)
	if err != nil {
		return 0, err
	}
	g := types.Grant{
		Id: id, Patient: patient, Grantee: grantee, GranteeMember: member.Operator, Categories: req.Categories,
		Records: req.Records, Purposes: req.Purposes, CreatedAt: now, ExpiresAt: req.ExpiresAt.UTC(),
		Status: types.GrantStatus_GRANT_STATUS_ACTIVE, RequestId: req.RequestID,
	}
	if err := k.indexGrant(ctx, g, req.Patient, req.Grantee); err != nil {
		return 0, err
	}
	return id, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentGranted{
		GrantId: id, Patient: patient, Grantee: grantee, GranteeMember: member.Operator, ExpiresAt: g.ExpiresAt,
		RequestId: req.RequestID,
	})
}

// recordsOf checks every record is anchored and names patient.
func (k Keeper) recordsOf(ctx context.Context, patient string, refs []recordstypes.RecordRef) error {
	for _, ref := range refs {
		rec, err := k.records.GetRecord(ctx, ref)
		if err != nil {
			return errorsmod.Wrapf(types.ErrRecordNotFound, "%s/%s", ref.Custodian, ref.RecordId)
		}
		if rec.Patient != patient {
			return errorsmod.Wrapf(types.ErrNotPatients, "%s/%s", ref.Custodian, ref.RecordId)
		}
	}
	return nil
}

// Revoke ends an active grant; only its patient may.
func (k Keeper) Revoke(ctx context.Context, patient sdk.AccAddress, id uint64) error {
	g, err := k.GetGrant(ctx, id)
	if err != nil {
		return err
	}
	p, err := k.addressCodec.StringToBytes(g.Patient)
	if err != nil {
		return err
	}
	if !patient.Equals(sdk.AccAddress(p)) {
		return errorsmod.Wrapf(types.ErrNotPatient, "grant %d", id)
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if g.Status != types.GrantStatus_GRANT_STATUS_ACTIVE {
		return errorsmod.Wrapf(types.ErrNotActive, "grant %d is %s", id, g.Status)
	}
	if !now.Before(g.ExpiresAt) {
		return errorsmod.Wrapf(types.ErrNotActive, "grant %d expired at %s", id, g.ExpiresAt)
	}
	if err := k.end(ctx, g, types.GrantStatus_GRANT_STATUS_REVOKED, now); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentRevoked{
		GrantId: id, Patient: g.Patient, Grantee: g.Grantee,
	})
}

// GetGrant returns a grant by id.
func (k Keeper) GetGrant(ctx context.Context, id uint64) (types.Grant, error) {
	return modulekit.Get(ctx, k.Grants, id, types.ErrGrantNotFound)
}

// indexGrant stores g with its indexes; an active grant also joins the
// active index and the expiry queue, an ended one the queue of grants to
// delete after the retention period.
func (k Keeper) indexGrant(ctx context.Context, g types.Grant, patient, grantee sdk.AccAddress) error {
	if err := putIndexed(ctx, k.Grants, g.Id, g, addrIndex{k.ByPatient, patient}, addrIndex{k.ByGrantee, grantee}); err != nil {
		return err
	}
	if g.Status != types.GrantStatus_GRANT_STATUS_ACTIVE {
		return k.EndedQueue.Set(ctx, collections.Join(g.EndedAt.UnixNano(), g.Id))
	}
	if err := k.ActiveByPatient.Set(ctx, collections.Join(patient, g.Id)); err != nil {
		return err
	}
	if err := k.addActive(ctx, patient, 1); err != nil {
		return err
	}
	return k.ExpiryQueue.Set(ctx, collections.Join(g.ExpiresAt.UnixNano(), g.Id))
}

// end moves an active grant to a final status and queues it for deletion
// after the retention period.
func (k Keeper) end(ctx context.Context, g types.Grant, status types.GrantStatus, at time.Time) error {
	patient, err := k.addressCodec.StringToBytes(g.Patient)
	if err != nil {
		return err
	}
	if err := k.ActiveByPatient.Remove(ctx, collections.Join(sdk.AccAddress(patient), g.Id)); err != nil {
		return err
	}
	if err := k.addActive(ctx, patient, -1); err != nil {
		return err
	}
	if err := k.ExpiryQueue.Remove(ctx, collections.Join(g.ExpiresAt.UnixNano(), g.Id)); err != nil {
		return err
	}
	if err := k.EndedQueue.Set(ctx, collections.Join(at.UnixNano(), g.Id)); err != nil {
		return err
	}
	g.Status, g.EndedAt = status, &at
	return k.Grants.Set(ctx, g.Id, g)
}

// addActive adds delta to a patient's active grant count.
func (k Keeper) addActive(ctx context.Context, patient sdk.AccAddress, delta int) error {
	return modulekit.AddCount(ctx, k.ActiveCount, patient, delta)
}

// markExpiredOf marks the patient's active grants whose expiry has passed
// as expired (at most max_active_grants_per_patient of them exist), with an
// event each, and returns how many stay active.
func (k Keeper) markExpiredOf(ctx context.Context, patient sdk.AccAddress, now time.Time) (uint32, error) {
	due, active, err := splitDue(ctx, k.ActiveByPatient, k.Grants, patient, now, func(g types.Grant) time.Time { return g.ExpiresAt })
	if err != nil {
		return 0, err
	}
	for _, g := range due {
		if err := k.end(ctx, g, types.GrantStatus_GRANT_STATUS_EXPIRED, now); err != nil {
			return 0, err
		}
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventConsentExpired{
			GrantId: g.Id, Patient: g.Patient, Grantee: g.Grantee,
		}); err != nil {
			return 0, err
		}
	}
	return active, nil
}

// splitDue reads the values a patient's (patient, id) index names and
// splits them into those whose expiry is at or before now, and a count of
// the rest.
func splitDue[V any](ctx context.Context, index collections.KeySet[collections.Pair[sdk.AccAddress, uint64]], values collections.Map[uint64, V],
	patient sdk.AccAddress, now time.Time, expiresAt func(V) time.Time,
) (due []V, open uint32, err error) {
	err = index.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](patient),
		func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
			v, err := values.Get(ctx, key.K2())
			if err != nil {
				return true, err
			}
			if now.Before(expiresAt(v)) {
				open++
			} else {
				due = append(due, v)
			}
			return false, nil
		})
	return due, open, err
}
