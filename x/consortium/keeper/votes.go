package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// Vote records voter's vote, one per member and proposal. The vote that
// carries the proposal past 2/3 of the eligible members executes it; one
// after which it can no longer pass rejects it. It returns the proposal's
// status after the vote.
func (k Keeper) Vote(ctx context.Context, voter sdk.AccAddress, id uint64, option types.VoteOption) (types.ProposalStatus, error) {
	if !enums.Known(types.VoteOption_name, option) {
		return 0, errorsmod.Wrap(types.ErrInvalidProposal, "vote yes, no or abstain")
	}
	p, err := k.openProposalByID(ctx, id)
	if err != nil {
		return 0, err
	}
	member, err := k.Voter(ctx, voter)
	if err != nil {
		return 0, err
	}
	key := collections.Join(id, voter)
	if has, err := k.Votes.Has(ctx, key); err != nil {
		return 0, err
	} else if has {
		return 0, errorsmod.Wrapf(types.ErrAlreadyVoted, "%s on proposal %d", member.Operator, id)
	}
	if err := k.Votes.Set(ctx, key, types.Vote{ProposalId: id, Voter: member.Operator, Option: option}); err != nil {
		return 0, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventVoted{
		ProposalId: id, Voter: member.Operator, Option: option,
	}); err != nil {
		return 0, err
	}
	tally, err := k.Tally(ctx, id)
	if err != nil {
		return 0, err
	}
	switch {
	case types.Passes(tally.Yes, tally.Eligible):
		err = k.execute(ctx, p, tally)
	case !tally.CanStillPass():
		err = k.decide(ctx, p, types.ProposalStatus_PROPOSAL_STATUS_REJECTED, tally, "")
	default:
		return types.ProposalStatus_PROPOSAL_STATUS_VOTING, nil
	}
	if err != nil {
		return 0, err
	}
	p, err = k.GetProposal(ctx, id)
	return p.Status, err
}

// Tally counts a proposal's votes cast by members that are eligible now
// (active, validating): a member suspended after voting no longer counts.
func (k Keeper) Tally(ctx context.Context, id uint64) (types.TallyResult, error) {
	var t types.TallyResult
	eligible := map[string]bool{}
	err := k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		if m.IsValidator() {
			eligible[m.Operator] = true
			t.Eligible++
		}
		return false, nil
	})
	if err != nil {
		return t, err
	}
	err = k.Votes.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](id),
		func(_ collections.Pair[uint64, sdk.AccAddress], v types.Vote) (bool, error) {
			if !eligible[v.Voter] {
				return false, nil
			}
			switch v.Option {
			case types.VoteOption_VOTE_OPTION_YES:
				t.Yes++
			case types.VoteOption_VOTE_OPTION_NO:
				t.No++
			default:
				t.Abstain++
			}
			return false, nil
		})
	return t, err
}

// execute runs a passed proposal's messages in order on a cached state: all
// of them take effect, or, if one fails, none does and the proposal is
// FAILED with the error.
func (k Keeper) execute(ctx context.Context, p types.Proposal, tally types.TallyResult) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	msgs, err := p.GetMsgs()
	if err != nil {
		return k.decide(ctx, p, types.ProposalStatus_PROPOSAL_STATUS_FAILED, tally, err.Error())
	}
	cache, write := sdkCtx.CacheContext()
	for i, msg := range msgs {
		if err := k.run(cache, msg); err != nil {
			reason := fmt.Sprintf("message %d (%s): %v", i, sdk.MsgTypeURL(msg), err)
			return k.decide(ctx, p, types.ProposalStatus_PROPOSAL_STATUS_FAILED, tally, reason)
		}
	}
	write()
	return k.decide(ctx, p, types.ProposalStatus_PROPOSAL_STATUS_PASSED, tally, "")
}

// run executes one message through the router, turning a panic into an
// error so a faulty message fails its proposal instead of the block, and
// emits the message's events (a member admitted, params updated, …).
func (k Keeper) run(ctx sdk.Context, msg sdk.Msg) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	_, err = k.dispatch(ctx, msg)
	return err
}

// dispatch executes msg through the app's router and emits its events: the
// router gives each message its own event manager, so they reach the
// block only if they are emitted here.
func (k Keeper) dispatch(ctx sdk.Context, msg sdk.Msg) (*sdk.Result, error) {
	handler := k.router.Handler(msg)
	if handler == nil {
		return nil, fmt.Errorf("no handler for %s", sdk.MsgTypeURL(msg))
	}
	res, err := handler(ctx, msg)
	if err != nil {
		return nil, err
	}
	ctx.EventManager().EmitEvents(res.GetEvents())
	return res, nil
}

// decide closes an open proposal with status and the tally that decided it.
func (k Keeper) decide(ctx context.Context, p types.Proposal, status types.ProposalStatus, tally types.TallyResult, execErr string) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	p.Status, p.Tally, p.DecidedAt, p.ExecutionError = status, tally, &now, execErr
	if err := k.Proposals.Set(ctx, p.Id, p); err != nil {
		return err
	}
	if err := k.VotingQueue.Remove(ctx, collections.Join(p.VotingEndsAt.UnixNano(), p.Id)); err != nil {
		return err
	}
	proposer, err := k.addressCodec.StringToBytes(p.Proposer)
	if err != nil {
		return err
	}
	if err := modulekit.AddCount(ctx, k.OpenProposals, proposer, -1); err != nil {
		return err
	}
	decidedCount.IncWith(status.Code())
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProposalDecided{
		ProposalId: p.Id, Status: status, Tally: tally, ExecutionError: execErr,
	})
}
