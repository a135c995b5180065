package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// CheckAccess decides an access request against the patient's active grants
// at the block time. A grant allows if its grantee is the accessor or the
// accessor's member — and the accessor still acts for the member the grant
// was made to — it covers the record (or category) and the purpose, and it
// has not expired, whether or not BeginBlock has marked it yet. A restricted
// record is covered only by a grant naming it. A malformed request is an
// error; everything else is a decision with a reason code.
func (k Keeper) CheckAccess(ctx context.Context, req types.AccessRequest) (types.Decision, error) {
	if err := types.ValidatePurpose(req.Purpose); err != nil {
		return types.Decision{}, err
	}
	if len(req.Patient) == 0 || len(req.Accessor) == 0 {
		return types.Decision{}, errorsmod.Wrap(types.ErrInvalidRequest, "accessor and patient are required")
	}
	a, err := modulekit.AddressStrings(k.addressCodec, req.Patient, req.Accessor)
	if err != nil {
		return types.Decision{}, err
	}
	patient, accessor := a[0], a[1]
	if req.Record != nil {
		if err := types.ValidateRecordRef(*req.Record); err != nil {
			return types.Decision{}, err
		}
	} else if err := recordstypes.ValidateCategory(req.Category); err != nil {
		return types.Decision{}, errorsmod.Wrap(types.ErrInvalidRequest, "give a record or a category a record may carry")
	}
	base := types.Decision{Category: req.Category}
	member, err := k.consortium.SignerMember(ctx, req.Accessor)
	if err != nil {
		return base.Deny(types.DecisionReason_DECISION_REASON_ACCESSOR_NOT_ACTIVE), nil
	}
	base.AccessorMember = member.Operator
	if req.Record != nil {
		rec, err := k.records.GetRecord(ctx, *req.Record)
		if err != nil {
			return base.Deny(types.DecisionReason_DECISION_REASON_RECORD_NOT_FOUND), nil
		}
		base.Category = rec.Category
		if rec.Patient != patient {
			return base.Deny(types.DecisionReason_DECISION_REASON_RECORD_OF_ANOTHER_PATIENT), nil
		}
	}
	category := base.Category
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	decision := base.Deny(types.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT)
	if category == recordstypes.Category_CATEGORY_RESTRICTED {
		decision = base.Deny(types.DecisionReason_DECISION_REASON_RESTRICTED_NEEDS_RECORD_GRANT)
	}
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](req.Patient)
	err = k.ActiveByPatient.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		g, err := k.Grants.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		if (g.Grantee != accessor && g.Grantee != member.Operator) || g.GranteeMember != member.Operator {
			return false, nil
		}
		if !g.Covers(req.Record, category, req.Purpose) {
			return false, nil
		}
		if !now.Before(g.ExpiresAt) {
			decision = base.Deny(types.DecisionReason_DECISION_REASON_GRANT_EXPIRED)
			decision.GrantID = g.Id
			return false, nil
		}
		decision = base
		decision.Allowed, decision.GrantID, decision.Reason = true, g.Id, types.DecisionReason_DECISION_REASON_GRANTED
		return true, nil
	})
	return decision, err
}
