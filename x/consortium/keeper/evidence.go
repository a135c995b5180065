package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/core/comet"
	"github.com/cometbft/cometbft/crypto/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/x/consortium/types"
)

// SuspendDoubleSigners suspends the member of every validator that the
// block's evidence shows voting twice; EndBlock then reports its power as 0.
// The last validator is never suspended: the chain could not go on.
func (k Keeper) SuspendDoubleSigners(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	info := sdkCtx.CometInfo()
	if info == nil || info.GetEvidence() == nil {
		return nil
	}
	evidence := info.GetEvidence()
	for i := range evidence.Len() {
		ev := evidence.Get(i)
		if ev.Type() != comet.DuplicateVote {
			continue
		}
		vals, err := k.ValidatorSet(ctx)
		if err != nil {
			return err
		}
		for _, v := range vals {
			if string(ed25519.PubKey(v.ConsensusPubkey).Address()) != string(ev.Validator().Address()) {
				continue
			}
			remaining, err := k.desiredValidators(ctx)
			if err != nil {
				return err
			}
			if len(remaining) <= 1 {
				sdkCtx.Logger().Error("double-sign evidence against the last validator; not suspending", "operator", v.Operator)
				break
			}
			if err := k.suspend(ctx, v.Operator, fmt.Sprintf("double-signed at height %d", ev.Height())); err != nil {
				return err
			}
		}
	}
	return nil
}

func (k Keeper) suspend(ctx context.Context, operator, reason string) error {
	op, err := k.addressCodec.StringToBytes(operator)
	if err != nil {
		return err
	}
	m, err := k.GetMember(ctx, op)
	if err != nil || !m.IsActive() {
		return err
	}
	m.Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED
	if err := k.SetMember(ctx, m); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventMemberSuspended{Operator: operator, Reason: reason})
}
