package types

import errorsmod "cosmossdk.io/errors"

// Errors of the consent module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidAddress  = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidGrantee  = errorsmod.Register(ModuleName, 3, "grantee is not an active member's operator or agent")
	ErrExpiryInPast    = errorsmod.Register(ModuleName, 4, "expiry must be after the current block time")
	ErrExpiryTooFar    = errorsmod.Register(ModuleName, 5, "expiry is beyond the maximum grant duration")
	ErrInvalidPurpose  = errorsmod.Register(ModuleName, 6, "invalid purpose of use")
	ErrInvalidCategory = errorsmod.Register(ModuleName, 7, "invalid category")
	ErrRecordNotFound  = errorsmod.Register(ModuleName, 8, "record not found")
	ErrNotPatients     = errorsmod.Register(ModuleName, 9, "record belongs to another patient")
	ErrTooMany         = errorsmod.Register(ModuleName, 10, "list is too long")
	ErrDuplicate       = errorsmod.Register(ModuleName, 11, "list repeats an entry")
	ErrTooManyGrants   = errorsmod.Register(ModuleName, 12, "patient has too many active grants")
	ErrGrantNotFound   = errorsmod.Register(ModuleName, 13, "grant not found")
	ErrNotPatient      = errorsmod.Register(ModuleName, 14, "only the patient may revoke the grant")
	ErrNotActive       = errorsmod.Register(ModuleName, 15, "grant is not active")
	ErrInvalidParams   = errorsmod.Register(ModuleName, 16, "invalid params")
	ErrInvalidGenesis  = errorsmod.Register(ModuleName, 17, "invalid genesis")
	ErrInvalidRequest  = errorsmod.Register(ModuleName, 18, "invalid access request")
)
