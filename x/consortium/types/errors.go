package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Errors of the consortium module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidMember      = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid member")
	ErrMemberNotFound     = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.NotFound, "member not found")
	ErrMemberNotActive    = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.FailedPrecondition, "member is not active")
	ErrDuplicateMember    = errorsmod.RegisterWithGRPCCode(ModuleName, 5, codes.AlreadyExists, "member already exists")
	ErrInvalidAgent       = errorsmod.RegisterWithGRPCCode(ModuleName, 6, codes.InvalidArgument, "invalid agent")
	ErrAgentNotFound      = errorsmod.RegisterWithGRPCCode(ModuleName, 7, codes.NotFound, "agent not found")
	ErrDuplicateAgent     = errorsmod.RegisterWithGRPCCode(ModuleName, 8, codes.AlreadyExists, "address is already an agent")
	ErrNotOperator        = errorsmod.RegisterWithGRPCCode(ModuleName, 9, codes.PermissionDenied, "signer is not the member's operator")
	ErrTooManyAgents      = errorsmod.RegisterWithGRPCCode(ModuleName, 10, codes.ResourceExhausted, "member has too many agents")
	ErrInvalidNodeID      = errorsmod.RegisterWithGRPCCode(ModuleName, 11, codes.InvalidArgument, "invalid node ID")
	ErrDuplicateNodeID    = errorsmod.RegisterWithGRPCCode(ModuleName, 12, codes.AlreadyExists, "node ID already registered")
	ErrInvalidPubKey      = errorsmod.RegisterWithGRPCCode(ModuleName, 13, codes.InvalidArgument, "invalid consensus public key")
	ErrInvalidParams      = errorsmod.RegisterWithGRPCCode(ModuleName, 14, codes.InvalidArgument, "invalid params")
	ErrInvalidGenesis     = errorsmod.RegisterWithGRPCCode(ModuleName, 15, codes.InvalidArgument, "invalid genesis")
	ErrSignerNotAllowed   = errorsmod.RegisterWithGRPCCode(ModuleName, 16, codes.PermissionDenied, "signer is not allowed: not an active member's operator or agent, a known patient, an invitee answering for itself, or an app a patient authorised")
	ErrPeerNotAllowed     = errorsmod.RegisterWithGRPCCode(ModuleName, 17, codes.PermissionDenied, "peer node ID is not registered to an active member")
	ErrInvalidAddress     = errorsmod.RegisterWithGRPCCode(ModuleName, 18, codes.InvalidArgument, "invalid address")
	ErrAddressIsMember    = errorsmod.RegisterWithGRPCCode(ModuleName, 19, codes.FailedPrecondition, "address is a member operator")
	ErrTooManyMembers     = errorsmod.RegisterWithGRPCCode(ModuleName, 20, codes.ResourceExhausted, "too many members")
	ErrTxTooLarge         = errorsmod.RegisterWithGRPCCode(ModuleName, 21, codes.InvalidArgument, "transaction exceeds the chain's bounds")
	ErrNestedExec         = errorsmod.RegisterWithGRPCCode(ModuleName, 22, codes.InvalidArgument, "message may not travel inside a MsgExec")
	ErrNoInvitation       = errorsmod.RegisterWithGRPCCode(ModuleName, 23, codes.NotFound, "no open invitation")
	ErrInvitationExpired  = errorsmod.RegisterWithGRPCCode(ModuleName, 24, codes.FailedPrecondition, "invitation expired")
	ErrTooManyInvitations = errorsmod.RegisterWithGRPCCode(ModuleName, 25, codes.ResourceExhausted, "member has too many open invitations")
	ErrAddressIsPatient   = errorsmod.RegisterWithGRPCCode(ModuleName, 26, codes.FailedPrecondition, "address is a known patient")
	ErrMemoNotAllowed     = errorsmod.RegisterWithGRPCCode(ModuleName, 28, codes.InvalidArgument, "transaction memos are not accepted")
	ErrNotAPatient        = errorsmod.RegisterWithGRPCCode(ModuleName, 27, codes.FailedPrecondition, "address is, or was, a member operator or an agent and cannot be a patient")
)
