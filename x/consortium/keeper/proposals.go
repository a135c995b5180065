package keeper

import (
	"bytes"
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// GetProposal returns the proposal with id.
func (k Keeper) GetProposal(ctx context.Context, id uint64) (types.Proposal, error) {
	return modulekit.Get(ctx, k.Proposals, id, types.ErrProposalNotFound)
}

// Voter returns the active validating member whose operator is addr: only
// such members propose and vote.
func (k Keeper) Voter(ctx context.Context, addr sdk.AccAddress) (types.Member, error) {
	m, err := k.Members.Get(ctx, addr)
	if err != nil || !m.IsValidator() {
		return m, errorsmod.Wrapf(types.ErrNotVoter, "%s", addr)
	}
	return m, nil
}

// SubmitProposal opens a proposal of msgs by proposer. Every message must be
// one the chain can execute, signed by the module account alone (the
// proposal is its only way in), and pass its own checks.
func (k Keeper) SubmitProposal(ctx context.Context, proposer sdk.AccAddress, msgs []*codectypes.Any, title, summary string) (uint64, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	member, err := k.Voter(ctx, proposer)
	if err != nil {
		return 0, err
	}
	if err := types.ValidateProposalText(title, summary); err != nil {
		return 0, err
	}
	if len(msgs) == 0 || len(msgs) > int(params.MaxProposalMessages) {
		return 0, errorsmod.Wrapf(types.ErrInvalidProposal, "a proposal carries 1..%d messages, got %d", params.MaxProposalMessages, len(msgs))
	}
	p := types.Proposal{Proposer: member.Operator, Messages: msgs, Title: title, Summary: summary}
	decoded, err := p.GetMsgs()
	if err != nil {
		return 0, errorsmod.Wrap(types.ErrInvalidProposal, err.Error())
	}
	typeURLs, err := k.checkProposalMsgs(decoded)
	if err != nil {
		return 0, err
	}
	open, err := modulekit.OrZero(ctx, k.OpenProposals, proposer)
	if err != nil {
		return 0, err
	}
	if open >= params.MaxOpenProposalsPerMember {
		return 0, errorsmod.Wrapf(types.ErrTooManyProposals, "%s has %d open", member.Operator, open)
	}
	if p.Id, err = modulekit.NextID(ctx, k.ProposalSeq); err != nil {
		return 0, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	p.Status, p.SubmittedAt, p.VotingEndsAt = types.ProposalStatus_PROPOSAL_STATUS_VOTING, now, now.Add(params.VotingPeriod)
	if err := k.openProposal(ctx, p, proposer, open); err != nil {
		return 0, err
	}
	return p.Id, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProposalSubmitted{
		ProposalId: p.Id, Proposer: p.Proposer, MessageTypes: typeURLs,
	})
}

// checkProposalMsgs refuses a message the router cannot execute, one any
// other account signs, or one failing its own checks; it returns the
// messages' type URLs.
func (k Keeper) checkProposalMsgs(msgs []sdk.Msg) ([]string, error) {
	authority, err := k.addressCodec.StringToBytes(k.authority)
	if err != nil {
		return nil, err
	}
	urls := make([]string, len(msgs))
	for i, msg := range msgs {
		urls[i] = sdk.MsgTypeURL(msg)
		if k.router.Handler(msg) == nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidProposal, "message %d: %s is not a message the chain executes", i, urls[i])
		}
		signers, _, err := k.cdc.GetMsgV1Signers(msg)
		if err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidProposal, "message %d: %v", i, err)
		}
		if len(signers) != 1 || !bytes.Equal(signers[0], authority) {
			return nil, errorsmod.Wrapf(types.ErrInvalidProposal, "message %d (%s) must have the module account %s as its only signer", i, urls[i], k.authority)
		}
		if v, ok := msg.(sdk.HasValidateBasic); ok {
			if err := v.ValidateBasic(); err != nil {
				return nil, errorsmod.Wrapf(err, "message %d (%s)", i, urls[i])
			}
		}
		if m, ok := msg.(*consensustypes.MsgUpdateParams); ok && m.Auth != nil && m.Auth.Authority != "" && m.Auth.Authority != k.authority {
			return nil, errorsmod.Wrapf(types.ErrInvalidProposal, "message %d hands the consensus authority to %s: only the consortium holds it", i, m.Auth.Authority)
		}
	}
	return urls, nil
}

// openProposal stores p, counts it against its proposer, who had open
// proposals before it (the caller read the count), and queues the end of
// its vote.
func (k Keeper) openProposal(ctx context.Context, p types.Proposal, proposer sdk.AccAddress, open uint32) error {
	if err := k.Proposals.Set(ctx, p.Id, p); err != nil {
		return err
	}
	if err := k.OpenProposals.Set(ctx, proposer, open+1); err != nil {
		return err
	}
	return k.VotingQueue.Set(ctx, collections.Join(p.VotingEndsAt.UnixNano(), p.Id))
}

// WithdrawProposal closes an open proposal; only its proposer may.
func (k Keeper) WithdrawProposal(ctx context.Context, proposer sdk.AccAddress, id uint64) error {
	p, err := k.openProposalByID(ctx, id)
	if err != nil {
		return err
	}
	who, err := k.addressCodec.BytesToString(proposer)
	if err != nil {
		return err
	}
	if who != p.Proposer {
		return errorsmod.Wrapf(types.ErrNotProposer, "proposal %d was submitted by %s", id, p.Proposer)
	}
	return k.decide(ctx, p, types.ProposalStatus_PROPOSAL_STATUS_WITHDRAWN, types.TallyResult{}, "")
}

// openProposalByID returns proposal id if it is open for votes.
func (k Keeper) openProposalByID(ctx context.Context, id uint64) (types.Proposal, error) {
	p, err := k.GetProposal(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Status != types.ProposalStatus_PROPOSAL_STATUS_VOTING {
		return p, errorsmod.Wrapf(types.ErrProposalClosed, "proposal %d is %s", id, p.Status)
	}
	if !sdk.UnwrapSDKContext(ctx).BlockTime().Before(p.VotingEndsAt) {
		return p, errorsmod.Wrapf(types.ErrProposalClosed, "proposal %d's voting period ended at %s", id, p.VotingEndsAt.UTC())
	}
	return p, nil
}

// EndProposals closes at most proposal_end_limit proposals whose voting
// period has ended, oldest first: each passes (and executes) if the votes
// cast carry it among the members eligible now, and is rejected otherwise.
func (k Keeper) EndProposals(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime().UnixNano()
	var due []uint64
	err = k.VotingQueue.Walk(ctx, nil, func(key collections.Pair[int64, uint64]) (bool, error) {
		if key.K1() > now {
			return true, nil
		}
		due = append(due, key.K2())
		return uint32(len(due)) >= params.ProposalEndLimit, nil
	})
	if err != nil {
		return err
	}
	for _, id := range due {
		p, err := k.GetProposal(ctx, id)
		if err != nil {
			return err
		}
		tally, err := k.Tally(ctx, id)
		if err != nil {
			return err
		}
		if types.Passes(tally.Yes, tally.Eligible) {
			err = k.execute(ctx, p, tally)
		} else {
			err = k.decide(ctx, p, types.ProposalStatus_PROPOSAL_STATUS_REJECTED, tally, "")
		}
		if err != nil {
			return err
		}
	}
	return nil
}
