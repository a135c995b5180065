package keeper

import (
	"bytes"
	"context"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtcrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// desiredValidators derives the validator set from the members: every active
// member with a consensus key, each with the same power, in operator order.
func (k Keeper) desiredValidators(ctx context.Context) ([]types.Validator, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	var out []types.Validator
	err = k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		if m.IsValidator() {
			out = append(out, types.Validator{Operator: m.Operator, ConsensusPubkey: m.ConsensusPubkey, Power: params.ValidatorPower})
		}
		return false, nil
	})
	return out, err
}

// ApplyValidatorSet compares the derived validator set with the one last
// reported to CometBFT, stores the new one and returns the updates: power 0
// for members that left or changed key, the new power for the rest that changed.
func (k Keeper) ApplyValidatorSet(ctx context.Context) ([]abci.ValidatorUpdate, error) {
	desired, err := k.desiredValidators(ctx)
	if err != nil {
		return nil, err
	}
	want := make(map[string]types.Validator, len(desired))
	for _, v := range desired {
		want[v.Operator] = v
	}
	var updates []abci.ValidatorUpdate
	var removed []sdk.AccAddress
	// Walk the last set in key order; the map is only read, never iterated.
	err = k.Validators.Walk(ctx, nil, func(op sdk.AccAddress, last types.Validator) (bool, error) {
		next, stays := want[last.Operator]
		if stays && bytes.Equal(next.ConsensusPubkey, last.ConsensusPubkey) {
			return false, nil
		}
		updates = append(updates, validatorUpdate(last.ConsensusPubkey, 0))
		removed = append(removed, op)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for _, op := range removed {
		if err := k.Validators.Remove(ctx, op); err != nil {
			return nil, err
		}
		opStr, err := k.addressCodec.BytesToString(op)
		if err != nil {
			return nil, err
		}
		if _, stays := want[opStr]; !stays {
			if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventValidatorUpdated{Operator: opStr, Power: 0}); err != nil {
				return nil, err
			}
		}
	}
	for _, v := range desired {
		op, err := k.addressCodec.StringToBytes(v.Operator)
		if err != nil {
			return nil, err
		}
		last, err := k.Validators.Get(ctx, op)
		if err == nil && last.Power == v.Power {
			continue
		}
		updates = append(updates, validatorUpdate(v.ConsensusPubkey, v.Power))
		if err := k.Validators.Set(ctx, op, v); err != nil {
			return nil, err
		}
		if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventValidatorUpdated{Operator: v.Operator, Power: v.Power}); err != nil {
			return nil, err
		}
	}
	return updates, nil
}

// ValidatorSet returns the validator set last reported to CometBFT.
func (k Keeper) ValidatorSet(ctx context.Context) ([]types.Validator, error) {
	return modulekit.Values(ctx, k.Validators)
}

func validatorUpdate(pubkey []byte, power int64) abci.ValidatorUpdate {
	return abci.ValidatorUpdate{
		PubKey: cmtcrypto.PublicKey{Sum: &cmtcrypto.PublicKey_Ed25519{Ed25519: pubkey}},
		Power:  power,
	}
}
