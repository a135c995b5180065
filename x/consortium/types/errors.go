package types

import errorsmod "cosmossdk.io/errors"

// Errors of the consortium module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidMember    = errorsmod.Register(ModuleName, 2, "invalid member")
	ErrMemberNotFound   = errorsmod.Register(ModuleName, 3, "member not found")
	ErrMemberNotActive  = errorsmod.Register(ModuleName, 4, "member is not active")
	ErrDuplicateMember  = errorsmod.Register(ModuleName, 5, "member already exists")
	ErrInvalidAgent     = errorsmod.Register(ModuleName, 6, "invalid agent")
	ErrAgentNotFound    = errorsmod.Register(ModuleName, 7, "agent not found")
	ErrDuplicateAgent   = errorsmod.Register(ModuleName, 8, "address is already an agent")
	ErrNotOperator      = errorsmod.Register(ModuleName, 9, "signer is not the member's operator")
	ErrTooManyAgents    = errorsmod.Register(ModuleName, 10, "member has too many agents")
	ErrInvalidNodeID    = errorsmod.Register(ModuleName, 11, "invalid node ID")
	ErrDuplicateNodeID  = errorsmod.Register(ModuleName, 12, "node ID already registered")
	ErrInvalidPubKey    = errorsmod.Register(ModuleName, 13, "invalid consensus public key")
	ErrInvalidParams    = errorsmod.Register(ModuleName, 14, "invalid params")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 15, "invalid genesis")
	ErrSignerNotAllowed = errorsmod.Register(ModuleName, 16, "signer is not a member operator or agent of an active member")
	ErrPeerNotAllowed   = errorsmod.Register(ModuleName, 17, "peer node ID is not registered to an active member")
	ErrInvalidAddress   = errorsmod.Register(ModuleName, 18, "invalid address")
	ErrAddressIsMember  = errorsmod.Register(ModuleName, 19, "address is a member operator")
	ErrTooManyMembers   = errorsmod.Register(ModuleName, 20, "too many members")
	ErrTxTooLarge       = errorsmod.Register(ModuleName, 21, "transaction exceeds the chain's bounds")
	ErrNestedExec       = errorsmod.Register(ModuleName, 22, "MsgExec may not carry another MsgExec")
)
