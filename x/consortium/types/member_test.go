package types_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

func TestValidateNodeID(t *testing.T) {
	good := testutil.NodeID("node")
	require.NoError(t, types.ValidateNodeID(good))
	for name, id := range map[string]string{
		"empty":           "",
		"39 characters":   good[:39],
		"41 characters":   good + "0",
		"upper-case hex":  strings.ToUpper(good),
		"one upper digit": "A" + good[1:],
		"not hex":         "g" + good[1:],
		"with a prefix":   "0x" + good[2:],
		"peer address":    good[:30] + "@1.2.3.4:",
	} {
		testutil.RequireCode(t, types.ValidateNodeID(id), types.ErrInvalidNodeID, name)
	}
}

func TestValidateName(t *testing.T) {
	require.NoError(t, types.ValidateName("St. Mary's Hospital"))
	require.NoError(t, types.ValidateName(strings.Repeat("a", types.MaxNameLength)), "exactly the limit")
	require.NoError(t, types.ValidateName("Hôpital Saint-Éloi"), "non-ASCII letters")
	for name, s := range map[string]string{
		"empty":                  "",
		"blank":                  " \t ",
		"one byte too long":      strings.Repeat("a", types.MaxNameLength+1),
		"multi-byte too long":    strings.Repeat("é", types.MaxNameLength/2+1),
		"invalid UTF-8":          "Hospital \xff",
		"newline":                "Hospital\nA",
		"escape sequence":        "Hospital \x1b[31mA",
		"DEL":                    "Hospital\x7f",
		"NUL":                    "Hospital\x00",
		"tab inside a real name": "Hospital\tA",
	} {
		testutil.RequireCode(t, types.ValidateName(s), types.ErrInvalidMember, name)
	}
}

func TestValidateRoles(t *testing.T) {
	all := []types.Role{types.Role_ROLE_HOSPITAL, types.Role_ROLE_LAB, types.Role_ROLE_PHARMACY,
		types.Role_ROLE_INSURER, types.Role_ROLE_REGULATOR, types.Role_ROLE_EMERGENCY}
	require.Len(t, all, types.MaxRoles)
	require.NoError(t, types.ValidateRoles(all), "every role once")
	for name, roles := range map[string][]types.Role{
		"none":                   nil,
		"unspecified":            {types.Role_ROLE_UNSPECIFIED},
		"unknown":                {types.Role_ROLE_HOSPITAL, 7},
		"negative":               {-1},
		"repeated":               {types.Role_ROLE_LAB, types.Role_ROLE_LAB},
		"more than MaxRoles":     append(append([]types.Role{}, all...), types.Role_ROLE_LAB),
		"repeated, not adjacent": {types.Role_ROLE_LAB, types.Role_ROLE_HOSPITAL, types.Role_ROLE_LAB},
	} {
		testutil.RequireCode(t, types.ValidateRoles(roles), types.ErrInvalidMember, name)
	}
}

func TestParseRoles(t *testing.T) {
	roles, err := types.ParseRoles("lab, ROLE_PHARMACY,insurer")
	require.NoError(t, err)
	require.Equal(t, []types.Role{types.Role_ROLE_LAB, types.Role_ROLE_PHARMACY, types.Role_ROLE_INSURER}, roles)
	for _, s := range []string{"unspecified", "doctor", "hospital,surgeon"} {
		_, err := types.ParseRoles(s)
		require.Error(t, err, s)
	}
}

func TestMemberValidateStateless(t *testing.T) {
	ac := testutil.NewStack(t).AC
	base := func() types.Member { return testutil.Member(ac, "hospital", 1, types.Role_ROLE_HOSPITAL) }
	require.NoError(t, base().ValidateStateless(1))

	cases := []struct {
		name   string
		mutate func(m *types.Member)
		max    uint32
		want   *errorsmod.Error
	}{
		{"node IDs at the limit", func(m *types.Member) { m.NodeIds = []string{testutil.NodeID("1"), testutil.NodeID("2")} }, 2, nil},
		{"node IDs past the limit", func(m *types.Member) { m.NodeIds = []string{testutil.NodeID("1"), testutil.NodeID("2")} }, 1, types.ErrInvalidMember},
		{"no node ID", func(m *types.Member) { m.NodeIds = nil }, 1, nil},
		{"node ID listed twice", func(m *types.Member) { m.NodeIds = []string{testutil.NodeID("1"), testutil.NodeID("1")} }, 2, types.ErrDuplicateNodeID},
		{"malformed node ID", func(m *types.Member) { m.NodeIds = []string{"node-1"} }, 1, types.ErrInvalidNodeID},
		{"31-byte key", func(m *types.Member) { m.ConsensusPubkey = make([]byte, 31) }, 1, types.ErrInvalidPubKey},
		{"33-byte key (secp256k1 size)", func(m *types.Member) { m.ConsensusPubkey = make([]byte, 33) }, 1, types.ErrInvalidPubKey},
		{"no key: an observer", func(m *types.Member) { m.ConsensusPubkey = nil }, 1, nil},
		{"regulator with a key", func(m *types.Member) { m.Roles = append(m.Roles, types.Role_ROLE_REGULATOR) }, 1, types.ErrInvalidMember},
		{"regulator without a key", func(m *types.Member) {
			m.Roles, m.ConsensusPubkey = []types.Role{types.Role_ROLE_REGULATOR}, nil
		}, 1, nil},
		{"unknown status", func(m *types.Member) { m.Status = 9 }, 1, types.ErrInvalidMember},
		{"suspended", func(m *types.Member) { m.Status = types.MemberStatus_MEMBER_STATUS_SUSPENDED }, 1, nil},
		{"removed", func(m *types.Member) { m.Status = types.MemberStatus_MEMBER_STATUS_REMOVED }, 1, nil},
		{"bad name", func(m *types.Member) { m.Name = "" }, 1, types.ErrInvalidMember},
		{"no roles", func(m *types.Member) { m.Roles = nil }, 1, types.ErrInvalidMember},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.mutate(&m)
			err := m.ValidateStateless(tc.max)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			testutil.RequireCode(t, err, tc.want)
		})
	}
}

func TestMemberIsValidator(t *testing.T) {
	ac := testutil.NewStack(t).AC
	m := testutil.Member(ac, "hospital", 1, types.Role_ROLE_HOSPITAL, types.Role_ROLE_EMERGENCY)
	require.True(t, m.IsActive())
	require.True(t, m.IsValidator())
	require.True(t, m.HasRole(types.Role_ROLE_EMERGENCY))
	require.False(t, m.HasRole(types.Role_ROLE_LAB))
	for _, s := range []types.MemberStatus{types.MemberStatus_MEMBER_STATUS_SUSPENDED, types.MemberStatus_MEMBER_STATUS_REMOVED, types.MemberStatus_MEMBER_STATUS_UNSPECIFIED} {
		m.Status = s
		require.False(t, m.IsActive(), s)
		require.False(t, m.IsValidator(), "a %s member does not validate", s)
	}
	observer := testutil.Member(ac, "lab", 0, types.Role_ROLE_LAB)
	require.False(t, observer.IsValidator(), "no consensus key")
}

func TestMsgValidateBasic(t *testing.T) {
	ac := testutil.NewStack(t).AC
	op, agent := testutil.Bech32(ac, "op"), testutil.Bech32(ac, "agent")
	foreign := "cosmos1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du"
	testutil.RequireMsgCases(t,
		testutil.Case("add", &types.MsgAddAgent{Operator: op, Agent: agent, Role: types.AgentRole_AGENT_ROLE_GATEWAY}, nil),
		testutil.Case("add: no operator", &types.MsgAddAgent{Agent: agent, Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrInvalidAddress),
		testutil.Case("add: other chain's agent", &types.MsgAddAgent{Operator: op, Agent: foreign, Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrInvalidAddress),
		testutil.Case("add: itself", &types.MsgAddAgent{Operator: op, Agent: op, Role: types.AgentRole_AGENT_ROLE_STAFF}, types.ErrAddressIsMember),
		testutil.Case("add: no role", &types.MsgAddAgent{Operator: op, Agent: agent}, types.ErrInvalidAgent),
		testutil.Case("add: unknown role", &types.MsgAddAgent{Operator: op, Agent: agent, Role: 4}, types.ErrInvalidAgent),
		testutil.Case("accept", &types.MsgAcceptAgent{Agent: agent, Member: op}, nil),
		testutil.Case("accept: no member", &types.MsgAcceptAgent{Agent: agent}, types.ErrInvalidAddress),
		testutil.Case("accept: bad agent", &types.MsgAcceptAgent{Agent: agent + "x", Member: op}, types.ErrInvalidAddress),
		testutil.Case("remove", &types.MsgRemoveAgent{Signer: op, Agent: agent}, nil),
		testutil.Case("remove: no agent", &types.MsgRemoveAgent{Signer: op}, types.ErrInvalidAddress),
		testutil.Case("remove: foreign signer", &types.MsgRemoveAgent{Signer: foreign, Agent: agent}, types.ErrInvalidAddress),
	)
}
