package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func deny(format string, args ...any) types.Decision {
	return types.Decision{Reason: fmt.Sprintf(format, args...)}
}

// CheckAccess decides an access request against the patient's active grants
// at the block time: a grant allows if its grantee is the accessor or the
// accessor's member, it covers the record or category and the purpose, and
// it has not expired, whether or not BeginBlock has marked it yet. A
// malformed request is an error; everything else is a decision with a reason.
func (k Keeper) CheckAccess(ctx context.Context, req types.AccessRequest) (types.Decision, error) {
	if err := types.ValidatePurpose(req.Purpose); err != nil {
		return types.Decision{}, err
	}
	patient, err := k.addressCodec.BytesToString(req.Patient)
	if err != nil || len(req.Patient) == 0 || len(req.Accessor) == 0 {
		return types.Decision{}, errorsmod.Wrap(types.ErrInvalidRequest, "accessor and patient are required")
	}
	accessor, err := k.addressCodec.BytesToString(req.Accessor)
	if err != nil {
		return types.Decision{}, err
	}
	category := req.Category
	if req.RecordID != "" {
		rec, err := k.records.GetVersion(ctx, req.RecordID, 0)
		if err != nil {
			return deny("record %s not found", req.RecordID), nil
		}
		if rec.Patient != patient {
			return deny("record %s belongs to another patient", req.RecordID), nil
		}
		category = rec.Category
	} else if err := recordstypes.ValidateCategory(category); err != nil {
		return types.Decision{}, errorsmod.Wrap(types.ErrInvalidRequest, "give a record id or a category")
	}
	member, err := k.consortium.SignerMember(ctx, req.Accessor)
	if err != nil {
		return deny("accessor %s is not an operator or agent of an active member", accessor), nil
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	decision := deny("no active grant of %s allows %s to access %s for %s", patient, accessor, target(req.RecordID, category), req.Purpose)
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](req.Patient)
	err = k.ActiveByPatient.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		g, err := k.Grants.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		if g.Grantee != accessor && g.Grantee != member.Operator {
			return false, nil
		}
		if !g.Covers(req.RecordID, category, req.Purpose) {
			return false, nil
		}
		if !now.Before(g.ExpiresAt) {
			decision = deny("grant %d expired at %s", g.Id, g.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z"))
			return false, nil
		}
		decision = types.Decision{Allowed: true, GrantID: g.Id, Reason: fmt.Sprintf("allowed by grant %d until %s", g.Id, g.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z"))}
		return true, nil
	})
	return decision, err
}

func target(recordID string, category recordstypes.Category) string {
	if recordID != "" {
		return fmt.Sprintf("record %s (%s)", recordID, category)
	}
	return category.String()
}
