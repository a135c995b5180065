package testutil

import (
	"crypto/sha256"
	"encoding/hex"

	"cosmossdk.io/core/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// Addr derives a deterministic test address from a name.
func Addr(name string) sdk.AccAddress {
	h := sha256.Sum256([]byte("addr/" + name))
	return sdk.AccAddress(h[:20])
}

// Bech32 is Addr(name) as a string.
func Bech32(ac address.Codec, name string) string {
	s, err := ac.BytesToString(Addr(name))
	if err != nil {
		panic(err)
	}
	return s
}

// Member is an active member named name; key != 0 gives it a consensus key.
func Member(ac address.Codec, name string, key byte, roles ...consortiumtypes.Role) consortiumtypes.Member {
	m := consortiumtypes.Member{
		Operator: Bech32(ac, name), Name: name, Roles: roles,
		NodeIds: []string{hex.EncodeToString(Addr("node/" + name))}, Status: consortiumtypes.MemberStatus_MEMBER_STATUS_ACTIVE,
	}
	if key != 0 {
		m.ConsensusPubkey = append(make([]byte, 31), key)
	}
	return m
}

// Agent is name acting for member in role.
func Agent(ac address.Codec, name, member string, role consortiumtypes.AgentRole) consortiumtypes.Agent {
	return consortiumtypes.Agent{Address: Bech32(ac, name), Member: Bech32(ac, member), Role: role}
}
