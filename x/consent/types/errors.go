package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Errors of the consent module. Codes start at 2 (1 is reserved for internal errors).
var (
	ErrInvalidAddress  = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid address")
	ErrInvalidGrantee  = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "grantee is not an active member's operator or agent")
	ErrExpiryInPast    = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.InvalidArgument, "expiry must be after the current block time")
	ErrExpiryTooFar    = errorsmod.RegisterWithGRPCCode(ModuleName, 5, codes.InvalidArgument, "expiry is beyond the maximum grant duration")
	ErrInvalidPurpose  = errorsmod.RegisterWithGRPCCode(ModuleName, 6, codes.InvalidArgument, "invalid purpose of use")
	ErrInvalidCategory = errorsmod.RegisterWithGRPCCode(ModuleName, 7, codes.InvalidArgument, "invalid category")
	ErrRecordNotFound  = errorsmod.RegisterWithGRPCCode(ModuleName, 8, codes.NotFound, "record not found")
	ErrNotPatients     = errorsmod.RegisterWithGRPCCode(ModuleName, 9, codes.PermissionDenied, "record belongs to another patient")
	ErrTooMany         = errorsmod.RegisterWithGRPCCode(ModuleName, 10, codes.InvalidArgument, "list is too long")
	ErrDuplicate       = errorsmod.RegisterWithGRPCCode(ModuleName, 11, codes.InvalidArgument, "list repeats an entry")
	ErrTooManyGrants   = errorsmod.RegisterWithGRPCCode(ModuleName, 12, codes.ResourceExhausted, "patient has too many active grants")
	ErrGrantNotFound   = errorsmod.RegisterWithGRPCCode(ModuleName, 13, codes.NotFound, "grant not found")
	ErrNotPatient      = errorsmod.RegisterWithGRPCCode(ModuleName, 14, codes.PermissionDenied, "only the patient may revoke the grant")
	ErrNotActive       = errorsmod.RegisterWithGRPCCode(ModuleName, 15, codes.FailedPrecondition, "grant is not active")
	ErrInvalidParams   = errorsmod.RegisterWithGRPCCode(ModuleName, 16, codes.InvalidArgument, "invalid params")
	ErrInvalidGenesis  = errorsmod.RegisterWithGRPCCode(ModuleName, 17, codes.InvalidArgument, "invalid genesis")
	ErrInvalidRequest  = errorsmod.RegisterWithGRPCCode(ModuleName, 18, codes.InvalidArgument, "invalid access request")
	ErrRestricted      = errorsmod.RegisterWithGRPCCode(ModuleName, 19, codes.InvalidArgument, "restricted and sensitive records are granted by record, never by category")
	ErrInvalidRecord   = errorsmod.RegisterWithGRPCCode(ModuleName, 20, codes.InvalidArgument, "invalid record reference")
	ErrNotAuthority    = errorsmod.RegisterWithGRPCCode(ModuleName, 21, codes.PermissionDenied, "only a passed consortium proposal may change the parameters")
	ErrNotRequester    = errorsmod.RegisterWithGRPCCode(ModuleName, 22, codes.PermissionDenied, "requester is not an active member's operator or agent")
	ErrUnknownPatient  = errorsmod.RegisterWithGRPCCode(ModuleName, 23, codes.FailedPrecondition, "no record names this patient address")
	ErrRequestOpen     = errorsmod.RegisterWithGRPCCode(ModuleName, 24, codes.AlreadyExists, "the requester already has a pending request to this patient")
	ErrTooManyRequests = errorsmod.RegisterWithGRPCCode(ModuleName, 25, codes.ResourceExhausted, "patient has too many pending requests")
	ErrRequestNotFound = errorsmod.RegisterWithGRPCCode(ModuleName, 26, codes.NotFound, "consent request not found")
	ErrNotRequestParty = errorsmod.RegisterWithGRPCCode(ModuleName, 27, codes.PermissionDenied, "only the request's patient answers it and only its requester withdraws it")
	ErrNotPending      = errorsmod.RegisterWithGRPCCode(ModuleName, 28, codes.FailedPrecondition, "consent request is no longer pending")
	ErrWiderThanAsked  = errorsmod.RegisterWithGRPCCode(ModuleName, 29, codes.InvalidArgument, "an approval may narrow or shorten what was asked, never widen or lengthen it")
	ErrInvalidDuration = errorsmod.RegisterWithGRPCCode(ModuleName, 30, codes.InvalidArgument, "invalid duration")
	ErrInvalidResponse = errorsmod.RegisterWithGRPCCode(ModuleName, 31, codes.InvalidArgument, "response must be approve or decline, with a scope or duration only when approving")
	ErrInvalidReason   = errorsmod.RegisterWithGRPCCode(ModuleName, 32, codes.InvalidArgument, "invalid request reason code")
)
