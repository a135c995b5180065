package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Errors of the records module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidRecordID   = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid record id")
	ErrInvalidHash       = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid content hash")
	ErrInvalidURI        = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.InvalidArgument, "invalid URI")
	ErrInvalidCategory   = errorsmod.RegisterWithGRPCCode(ModuleName, 5, codes.InvalidArgument, "invalid category")
	ErrInvalidReason     = errorsmod.RegisterWithGRPCCode(ModuleName, 6, codes.InvalidArgument, "invalid amendment reason or note hash")
	ErrDuplicateRecord   = errorsmod.RegisterWithGRPCCode(ModuleName, 7, codes.AlreadyExists, "the custodian already anchored this record id")
	ErrRecordNotFound    = errorsmod.RegisterWithGRPCCode(ModuleName, 8, codes.NotFound, "record not found")
	ErrNotCustodian      = errorsmod.RegisterWithGRPCCode(ModuleName, 9, codes.PermissionDenied, "record is held by another member")
	ErrNotAllowed        = errorsmod.RegisterWithGRPCCode(ModuleName, 10, codes.PermissionDenied, "signer may not anchor records")
	ErrInvalidAddress    = errorsmod.RegisterWithGRPCCode(ModuleName, 11, codes.InvalidArgument, "invalid address")
	ErrInvalidBatch      = errorsmod.RegisterWithGRPCCode(ModuleName, 12, codes.InvalidArgument, "invalid batch")
	ErrBatchNotFound     = errorsmod.RegisterWithGRPCCode(ModuleName, 13, codes.NotFound, "batch not found")
	ErrVersionNotFound   = errorsmod.RegisterWithGRPCCode(ModuleName, 14, codes.NotFound, "record version not found")
	ErrUnchanged         = errorsmod.RegisterWithGRPCCode(ModuleName, 15, codes.FailedPrecondition, "amendment has the same content hash as the latest version")
	ErrTooManyVersions   = errorsmod.RegisterWithGRPCCode(ModuleName, 16, codes.ResourceExhausted, "record has too many versions")
	ErrInvalidPatient    = errorsmod.RegisterWithGRPCCode(ModuleName, 17, codes.InvalidArgument, "invalid patient")
	ErrInvalidGenesis    = errorsmod.RegisterWithGRPCCode(ModuleName, 18, codes.InvalidArgument, "invalid genesis")
	ErrSensitiveCategory = errorsmod.RegisterWithGRPCCode(ModuleName, 19, codes.InvalidArgument, "sensitive category on chain")
)
