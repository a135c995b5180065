package types

import errorsmod "cosmossdk.io/errors"

// Errors of the records module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidRecordID = errorsmod.Register(ModuleName, 2, "invalid record id")
	ErrInvalidHash     = errorsmod.Register(ModuleName, 3, "invalid content hash")
	ErrInvalidURI      = errorsmod.Register(ModuleName, 4, "invalid URI")
	ErrInvalidCategory = errorsmod.Register(ModuleName, 5, "invalid category")
	ErrInvalidReason   = errorsmod.Register(ModuleName, 6, "invalid amendment reason")
	ErrDuplicateRecord = errorsmod.Register(ModuleName, 7, "record id already anchored")
	ErrRecordNotFound  = errorsmod.Register(ModuleName, 8, "record not found")
	ErrNotCustodian    = errorsmod.Register(ModuleName, 9, "record is held by another member")
	ErrNotAllowed      = errorsmod.Register(ModuleName, 10, "signer may not anchor records")
	ErrInvalidAddress  = errorsmod.Register(ModuleName, 11, "invalid address")
	ErrInvalidBatch    = errorsmod.Register(ModuleName, 12, "invalid batch")
	ErrBatchNotFound   = errorsmod.Register(ModuleName, 13, "batch not found")
	ErrVersionNotFound = errorsmod.Register(ModuleName, 14, "record version not found")
	ErrUnchanged       = errorsmod.Register(ModuleName, 15, "amendment has the same content hash as the latest version")
	ErrTooManyVersions = errorsmod.Register(ModuleName, 16, "record has too many versions")
	ErrInvalidPatient  = errorsmod.Register(ModuleName, 17, "invalid patient")
	ErrInvalidGenesis  = errorsmod.Register(ModuleName, 18, "invalid genesis")
)
