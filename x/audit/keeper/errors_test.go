package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// suspend sets member's status to suspended.
func (f *fixture) suspend(t testing.TB, member string) {
	t.Helper()
	m, err := f.Consortium.GetMember(f.Ctx, f.Addr(member))
	require.NoError(t, err)
	m.Status = consortiumtypes.MemberStatus_MEMBER_STATUS_SUSPENDED
	require.NoError(t, f.Consortium.SetMember(f.Ctx, m))
}

// Each row of the README's error table: its code and gRPC status, provoked
// through a public path; none of them records an event.
func TestErrorTable(t *testing.T) {
	f := newFixture(t)
	reqMsg := func(mut func(m *types.MsgRequestAccess)) error {
		m := &types.MsgRequestAccess{Accessor: f.Str("cardio"), Patient: f.Str("patient-1"), Custodian: f.lab1.Custodian,
			RecordId: f.lab1.RecordId, Action: read, Purpose: treat}
		mut(m)
		_, err := f.Msgs.RequestAccess(f.Ctx, m)
		return err
	}
	glass := func(accessor string, mut func(m *types.MsgEmergencyAccess)) error {
		m := f.breakGlass(accessor, f.lab1)
		mut(m)
		_, err := f.Msgs.EmergencyAccess(f.Ctx, m)
		return err
	}
	cases := []struct {
		code    uint32
		err     *errorsmod.Error
		grpc    codes.Code
		provoke func() error
	}{
		{2, types.ErrInvalidAddress, codes.InvalidArgument, func() error {
			return glass("er-doc", func(m *types.MsgEmergencyAccess) { m.Patient = "patient-1" })
		}},
		{3, types.ErrInvalidTarget, codes.InvalidArgument, func() error {
			return reqMsg(func(m *types.MsgRequestAccess) { m.Custodian = "hospital-a" })
		}},
		{4, types.ErrInvalidAction, codes.InvalidArgument, func() error {
			return reqMsg(func(m *types.MsgRequestAccess) { m.Action = 99 })
		}},
		{5, types.ErrNotAllowed, codes.PermissionDenied, func() error {
			f.suspend(t, "hospital-b")
			return reqMsg(func(m *types.MsgRequestAccess) { m.Accessor = f.Str("hospital-b") })
		}},
		{6, types.ErrNotEmergencyMember, codes.PermissionDenied, func() error {
			return glass("patient-1", func(*types.MsgEmergencyAccess) {})
		}},
		{7, types.ErrInvalidJustification, codes.InvalidArgument, func() error {
			m := f.breakGlass("er-doc", f.lab1)
			m.Reason = 0
			return m.ValidateBasic()
		}},
		{8, types.ErrEventNotFound, codes.NotFound, func() error {
			_, err := f.K.GetEvent(f.Ctx, 1)
			return err
		}},
		{9, types.ErrInvalidGenesis, codes.InvalidArgument, func() error {
			return f.K.InitGenesis(f.Ctx, types.GenesisState{Events: []types.AccessEvent{{Id: 0}}})
		}},
		{10, types.ErrRecordNotFound, codes.NotFound, func() error {
			return glass("er-doc", func(m *types.MsgEmergencyAccess) { m.Custodian = f.Str("hospital-b") })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.err.Error(), func(t *testing.T) {
			require.Equal(t, types.ModuleName, tc.err.Codespace())
			require.Equal(t, tc.code, tc.err.ABCICode())
			err := tc.provoke()
			testutil.RequireCode(t, err, tc.err)
			require.Equal(t, tc.grpc, status.Code(err))
		})
	}
	t.Run("an unknown purpose is consent's code 6", func(t *testing.T) {
		err := reqMsg(func(m *types.MsgRequestAccess) { m.Accessor, m.Purpose = f.Str("dr-a"), 99 })
		testutil.RequireCode(t, err, consenttypes.ErrInvalidPurpose)
		require.EqualValues(t, 6, consenttypes.ErrInvalidPurpose.ABCICode())
	})
	require.Empty(t, f.events(t))
}
