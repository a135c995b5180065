package types

import errorsmod "cosmossdk.io/errors"

// Errors of the audit module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidAddress       = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidTarget        = errorsmod.Register(ModuleName, 3, "give a record id or a category")
	ErrInvalidAction        = errorsmod.Register(ModuleName, 4, "invalid action")
	ErrNotAllowed           = errorsmod.Register(ModuleName, 5, "signer may not request access for this accessor")
	ErrNotEmergencyMember   = errorsmod.Register(ModuleName, 6, "accessor is not an agent of a member with the emergency role")
	ErrInvalidJustification = errorsmod.Register(ModuleName, 7, "invalid justification")
	ErrEventNotFound        = errorsmod.Register(ModuleName, 8, "access event not found")
	ErrInvalidGenesis       = errorsmod.Register(ModuleName, 9, "invalid genesis")
	ErrRecordNotFound       = errorsmod.Register(ModuleName, 10, "record not found")
)
