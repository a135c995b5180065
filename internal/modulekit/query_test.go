package modulekit_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/internal/modulekit"
)

var (
	errTest     = errorsmod.RegisterWithGRPCCode("modulekit-test", 2, codes.InvalidArgument, "bad thing")
	errMissing  = errorsmod.RegisterWithGRPCCode("modulekit-test", 3, codes.NotFound, "thing not found")
	errConflict = errorsmod.RegisterWithGRPCCode("modulekit-test", 4, codes.FailedPrecondition, "thing is busy")
	ac          = addresscodec.NewBech32Codec(modulekit.Bech32Prefix)
)

// A query error carries the status code a client can act on: the one the
// module registered, NotFound for a missing entry, Internal for anything
// the request cannot fix.
func TestQueryErrorMapsByKind(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want codes.Code
	}{
		{errorsmod.Wrap(errTest, "field x"), codes.InvalidArgument},
		{errorsmod.Wrap(errMissing, "id 7"), codes.NotFound},
		{errConflict, codes.FailedPrecondition},
		{collections.ErrNotFound, codes.NotFound},
		{fmt.Errorf("reading: %w", collections.ErrNotFound), codes.NotFound},
		{errors.New("disk on fire"), codes.Internal},
		{status.Error(codes.ResourceExhausted, "query gas"), codes.ResourceExhausted},
	} {
		got := modulekit.QueryError(tc.err)
		require.Equal(t, tc.want, status.Code(got), "%v", tc.err)
	}
	require.NoError(t, modulekit.QueryError(nil))
}

func TestQueryAddress(t *testing.T) {
	good := sdk.AccAddress(make([]byte, 20))
	s, err := ac.BytesToString(good)
	require.NoError(t, err)
	got, err := modulekit.QueryAddress(ac, "patient", s)
	require.NoError(t, err)
	require.Equal(t, good, got)
	for _, bad := range []string{"", "med1", "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a", s + "x"} {
		_, err := modulekit.QueryAddress(ac, "patient", bad)
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%q", bad)
		require.ErrorContains(t, err, "patient")
	}
}

// A nil request is refused as empty before its address is read; a present
// one has its address parsed as QueryAddress does.
func TestRequestAddress(t *testing.T) {
	good := sdk.AccAddress(bytes.Repeat([]byte{7}, 20))
	s, err := ac.BytesToString(good)
	require.NoError(t, err)
	_, err = modulekit.RequestAddress(ac, true, "patient", s)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.ErrorContains(t, err, "empty request", "even with a good address, a nil request is empty")
	got, err := modulekit.RequestAddress(ac, false, "patient", s)
	require.NoError(t, err)
	require.Equal(t, good, got)
	_, err = modulekit.RequestAddress(ac, false, "custodian", "")
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.ErrorContains(t, err, "invalid custodian address")
}

// One entry by id: empty requests and id 0 are the caller's mistake,
// a missing id is NotFound, a store failure Internal.
func TestQueryByID(t *testing.T) {
	store := map[uint64]string{1: "one"}
	get := func(_ context.Context, id uint64) (string, error) {
		if id == 99 {
			return "", errors.New("store failure")
		}
		v, ok := store[id]
		if !ok {
			return "", errorsmod.Wrapf(errMissing, "%d", id)
		}
		return v, nil
	}
	ctx := context.Background()
	v, err := modulekit.QueryByID(ctx, false, 1, "thing", get)
	require.NoError(t, err)
	require.Equal(t, "one", v)
	for _, tc := range []struct {
		empty bool
		id    uint64
		want  codes.Code
		text  string
	}{
		{empty: true, id: 1, want: codes.InvalidArgument, text: "empty request"},
		{id: 0, want: codes.InvalidArgument, text: "thing ids start at 1"},
		{id: 2, want: codes.NotFound, text: "thing not found"},
		{id: 99, want: codes.Internal, text: "store failure"},
	} {
		_, err := modulekit.QueryByID(ctx, tc.empty, tc.id, "thing", get)
		require.Equal(t, tc.want, status.Code(err), "%+v", tc)
		require.ErrorContains(t, err, tc.text)
	}
}

func TestEmptyRequest(t *testing.T) {
	require.Equal(t, codes.InvalidArgument, status.Code(modulekit.EmptyRequest()))
}

// Addresses in messages: a missing or malformed one is the module's own
// error naming the field, checked in order.
func TestCheckAndParseAddresses(t *testing.T) {
	a, err := ac.BytesToString(sdk.AccAddress(make([]byte, 20)))
	require.NoError(t, err)
	b, err := ac.BytesToString(sdk.AccAddress(append(make([]byte, 19), 1)))
	require.NoError(t, err)

	require.NoError(t, modulekit.CheckAddresses(errTest, "signer", a, "patient", b))
	err = modulekit.CheckAddresses(errTest, "signer", a, "patient", "")
	require.ErrorIs(t, err, errTest)
	require.ErrorContains(t, err, "patient is required")
	err = modulekit.CheckAddress(errTest, "grantee", "med1nope")
	require.ErrorIs(t, err, errTest)
	require.ErrorContains(t, err, `grantee "med1nope"`)

	got, err := modulekit.ParseAddresses(ac, errTest, "signer", a, "patient", b)
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, byte(1), got[1][19])
	_, err = modulekit.ParseAddresses(ac, errTest, "signer", a, "patient", "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a")
	require.ErrorIs(t, err, errTest, "another chain's prefix is refused")
	require.ErrorContains(t, err, "patient")
	_, err = modulekit.ParseAddress(ac, errTest, "custodian", "")
	require.ErrorIs(t, err, errTest)
}

// Prefixes are medchain's: med, medvaloper, medvalcons.
func TestAddressPrefixes(t *testing.T) {
	modulekit.SetAddressPrefixes()
	cfg := sdk.GetConfig()
	require.Equal(t, "med", cfg.GetBech32AccountAddrPrefix())
	require.Equal(t, "medvaloper", cfg.GetBech32ValidatorAddrPrefix())
	require.Equal(t, "medvalcons", cfg.GetBech32ConsensusAddrPrefix())
	require.NotPanics(t, modulekit.SetAddressPrefixes, "setting them twice is harmless")
}

func init() { modulekit.SetAddressPrefixes() }

// Addresses are compared as strings in state: only the canonical spelling
// passes.
func TestCanonicalAddresses(t *testing.T) {
	s, err := ac.BytesToString(sdk.AccAddress(append(make([]byte, 19), 9)))
	require.NoError(t, err)
	require.NoError(t, modulekit.Canonical(ac, s))
	require.ErrorContains(t, modulekit.Canonical(ac, strings.ToUpper(s)), "canonical")
	require.Error(t, modulekit.Canonical(ac, ""))
	err = modulekit.CheckAddress(errTest, "patient", strings.ToUpper(s))
	require.ErrorIs(t, err, errTest)
	require.ErrorContains(t, err, "lower case")
	_, err = modulekit.ParseAddress(ac, errTest, "patient", strings.ToUpper(s))
	require.ErrorIs(t, err, errTest)
}
