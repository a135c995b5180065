package modulekit

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Get returns the value at key, or notFound naming the key when there is none.
func Get[K, V any](ctx context.Context, m collections.Map[K, V], key K, notFound *errorsmod.Error) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return v, errorsmod.Wrapf(notFound, "%v", key)
	}
	return v, err
}

// Lookup returns the value at key and whether there is one; only a store
// failure is an error.
func Lookup[K, V any](ctx context.Context, m collections.Map[K, V], key K) (V, bool, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return v, false, nil
	}
	return v, err == nil, err
}

// OrZero returns the value at key, or V's zero value when there is none (a
// count nothing has raised yet); only a store failure is an error.
func OrZero[K, V any](ctx context.Context, m collections.Map[K, V], key K) (V, error) {
	v, _, err := Lookup(ctx, m, key)
	return v, err
}

// AddCount adds delta to the count at key, removing the entry when the
// count reaches zero (so an owner with none stores nothing).
func AddCount[K any](ctx context.Context, m collections.Map[K, uint32], key K, delta int) error {
	n, err := OrZero(ctx, m, key)
	if err != nil {
		return err
	}
	if next := int(n) + delta; next > 0 {
		return m.Set(ctx, key, uint32(next))
	}
	return m.Remove(ctx, key)
}

// QueryError is the gRPC status an integrator can act on for a keeper
// error: the code the module registered with the error (NotFound,
// InvalidArgument, FailedPrecondition, …), NotFound for a missing store
// entry, and Internal for anything else — a store or decoding failure, which
// no change to the request fixes.
func QueryError(err error) error {
	if err == nil {
		return nil
	}
	if st, ok := status.FromError(err); ok && st.Code() != codes.Unknown {
		return st.Err()
	}
	if errors.Is(err, collections.ErrNotFound) {
		return status.Error(codes.NotFound, err.Error())
	}
	return status.Error(codes.Internal, err.Error())
}

// QueryAddress parses an address argument of a query; a malformed one is
// InvalidArgument naming the field.
func QueryAddress(ac address.Codec, field, s string) (sdk.AccAddress, error) {
	addr, err := ac.StringToBytes(s)
	if err != nil || len(addr) == 0 {
		return nil, status.Error(codes.InvalidArgument, fmt.Sprintf("invalid %s address %q: %v", field, s, err))
	}
	return addr, nil
}

// RequestAddress parses the address argument of a query request: a nil
// request (empty) is EmptyRequest, a malformed address InvalidArgument
// naming the field.
func RequestAddress(ac address.Codec, empty bool, field, s string) (sdk.AccAddress, error) {
	if empty {
		return nil, EmptyRequest()
	}
	return QueryAddress(ac, field, s)
}

// EmptyRequest is the InvalidArgument answer to a nil request.
func EmptyRequest() error { return status.Error(codes.InvalidArgument, "empty request") }

// QueryByID answers a query for one entry by its numeric id (ids start at
// 1): an empty request or id 0 is InvalidArgument, a missing entry
// NotFound, a store failure Internal.
func QueryByID[V any](ctx context.Context, empty bool, id uint64, what string, get func(context.Context, uint64) (V, error)) (V, error) {
	var zero V
	if empty {
		return zero, EmptyRequest()
	}
	if id == 0 {
		return zero, status.Errorf(codes.InvalidArgument, "%s ids start at 1", what)
	}
	v, err := get(ctx, id)
	if err != nil {
		return zero, QueryError(err)
	}
	return v, nil
}
