package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Errors of the audit module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidAddress       = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid address")
	ErrInvalidTarget        = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid target: give a record (custodian and opaque id) or a category a record may carry")
	ErrInvalidAction        = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.InvalidArgument, "invalid action")
	ErrNotAllowed           = errorsmod.RegisterWithGRPCCode(ModuleName, 5, codes.PermissionDenied, "accessor acts for no active member")
	ErrNotEmergencyMember   = errorsmod.RegisterWithGRPCCode(ModuleName, 6, codes.PermissionDenied, "accessor is not an agent of a member with the emergency role")
	ErrInvalidJustification = errorsmod.RegisterWithGRPCCode(ModuleName, 7, codes.InvalidArgument, "invalid justification")
	ErrEventNotFound        = errorsmod.RegisterWithGRPCCode(ModuleName, 8, codes.NotFound, "access event not found")
	ErrInvalidGenesis       = errorsmod.RegisterWithGRPCCode(ModuleName, 9, codes.InvalidArgument, "invalid genesis")
	ErrRecordNotFound       = errorsmod.RegisterWithGRPCCode(ModuleName, 10, codes.NotFound, "record not found")
)
