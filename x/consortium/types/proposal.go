package types

import (
	"strings"
	"unicode"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdktx "github.com/cosmos/cosmos-sdk/types/tx"

	"github.com/medchain/medchain/internal/enums"
	"github.com/medchain/medchain/internal/modulekit"
)

// Bounds on a proposal's text and messages.
const (
	MaxTitleLength   = 140
	MaxSummaryLength = 2048
	// CeilingProposalMessages bounds max_proposal_messages.
	CeilingProposalMessages = 100
)

// Passes reports whether yes votes carry a proposal: more than 2/3 of the
// eligible members.
func Passes(yes, eligible uint32) bool { return 3*uint64(yes) > 2*uint64(eligible) }

// Needed is the fewest yes votes that pass a proposal among eligible members.
func Needed(eligible uint32) uint32 { return uint32(2*uint64(eligible)/3) + 1 }

// CanStillPass reports whether the votes not yet cast could still carry t.
func (t TallyResult) CanStillPass() bool {
	cast := t.Yes + t.No + t.Abstain
	if cast > t.Eligible {
		cast = t.Eligible
	}
	return Passes(t.Yes+(t.Eligible-cast), t.Eligible)
}

// ValidateProposalText checks a title (required) and a summary: bounded,
// valid UTF-8, printable.
func ValidateProposalText(title, summary string) error {
	if strings.TrimSpace(title) == "" || len(title) > MaxTitleLength {
		return errorsmod.Wrapf(ErrInvalidProposal, "title must be 1..%d bytes", MaxTitleLength)
	}
	if len(summary) > MaxSummaryLength {
		return errorsmod.Wrapf(ErrInvalidProposal, "summary must be at most %d bytes", MaxSummaryLength)
	}
	for _, s := range []string{title, summary} {
		if !utf8.ValidString(s) {
			return errorsmod.Wrap(ErrInvalidProposal, "title and summary must be valid UTF-8")
		}
		for _, r := range s {
			if !unicode.IsPrint(r) && r != '\n' {
				return errorsmod.Wrapf(ErrInvalidProposal, "title and summary must be printable (found %U)", r)
			}
		}
	}
	return nil
}

// ValidateBasic checks the proposer, the text and every carried message's
// own stateless checks, before the mempool.
func (m *MsgSubmitProposal) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "proposer", m.Proposer); err != nil {
		return err
	}
	if err := ValidateProposalText(m.Title, m.Summary); err != nil {
		return err
	}
	if len(m.Messages) == 0 || len(m.Messages) > CeilingProposalMessages {
		return errorsmod.Wrapf(ErrInvalidProposal, "a proposal carries 1..%d messages, got %d", CeilingProposalMessages, len(m.Messages))
	}
	msgs, err := m.GetMsgs()
	if err != nil {
		return errorsmod.Wrap(ErrInvalidProposal, err.Error())
	}
	for i, msg := range msgs {
		if v, ok := msg.(sdk.HasValidateBasic); ok {
			if err := v.ValidateBasic(); err != nil {
				return errorsmod.Wrapf(err, "message %d (%s)", i, sdk.MsgTypeURL(msg))
			}
		}
	}
	return nil
}

// GetMsgs unpacks the carried messages.
func (m *MsgSubmitProposal) GetMsgs() ([]sdk.Msg, error) {
	return sdktx.GetMsgs(m.Messages, "proposal")
}

// UnpackInterfaces implements codectypes.UnpackInterfacesMessage.
func (m *MsgSubmitProposal) UnpackInterfaces(u codectypes.AnyUnpacker) error {
	return unpackMsgs(u, m.Messages)
}

// GetMsgs unpacks the proposal's messages.
func (p *Proposal) GetMsgs() ([]sdk.Msg, error) { return sdktx.GetMsgs(p.Messages, "proposal") }

// UnpackInterfaces implements codectypes.UnpackInterfacesMessage.
func (p *Proposal) UnpackInterfaces(u codectypes.AnyUnpacker) error { return unpackMsgs(u, p.Messages) }

// UnpackInterfaces implements codectypes.UnpackInterfacesMessage.
func (gs *GenesisState) UnpackInterfaces(u codectypes.AnyUnpacker) error {
	for i := range gs.Proposals {
		if err := gs.Proposals[i].UnpackInterfaces(u); err != nil {
			return err
		}
	}
	return nil
}

func unpackMsgs(u codectypes.AnyUnpacker, anys []*codectypes.Any) error {
	for _, a := range anys {
		var msg sdk.Msg
		if err := u.UnpackAny(a, &msg); err != nil {
			return err
		}
	}
	return nil
}

// ValidateBasic checks the voter, the proposal id and the option.
func (m *MsgVote) ValidateBasic() error {
	if err := modulekit.CheckAddressAndID(ErrInvalidAddress, "voter", m.Voter, ErrProposalNotFound, "proposal", m.ProposalId); err != nil {
		return err
	}
	if !enums.Known(VoteOption_name, m.Option) {
		return errorsmod.Wrap(ErrInvalidProposal, "vote yes, no or abstain")
	}
	return nil
}

// ValidateBasic checks the proposer and the proposal id.
func (m *MsgWithdrawProposal) ValidateBasic() error {
	return modulekit.CheckAddressAndID(ErrInvalidAddress, "proposer", m.Proposer, ErrProposalNotFound, "proposal", m.ProposalId)
}

// ValidateBasic checks the authority and the member's own fields.
func (m *MsgAdmitMember) ValidateBasic() error { return validateMemberMsg(m.Authority, m.Member) }

// ValidateBasic checks the authority and the member's own fields.
func (m *MsgUpdateMember) ValidateBasic() error { return validateMemberMsg(m.Authority, m.Member) }

func validateMemberMsg(authority string, m Member) error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "authority", authority); err != nil {
		return err
	}
	m.Status = MemberStatus_MEMBER_STATUS_ACTIVE // the chain sets it
	return m.ValidateStateless(CeilingNodeIDs)
}

// ValidateBasic checks the addresses.
func (m *MsgSuspendMember) ValidateBasic() error {
	return checkAuthorityOperator(m.Authority, m.Operator)
}

// ValidateBasic checks the addresses.
func (m *MsgReinstateMember) ValidateBasic() error {
	return checkAuthorityOperator(m.Authority, m.Operator)
}

// ValidateBasic checks the addresses.
func (m *MsgRemoveMember) ValidateBasic() error {
	return checkAuthorityOperator(m.Authority, m.Operator)
}

func checkAuthorityOperator(authority, operator string) error {
	return modulekit.CheckAddresses(ErrInvalidAddress, "authority", authority, "operator", operator)
}

// ValidateBasic checks the authority and every parameter's bounds.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := modulekit.CheckAddress(ErrInvalidAddress, "authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}
