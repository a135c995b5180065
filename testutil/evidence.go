package testutil

import (
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/lightproof"
)

// RequireEvidence checks that kind names, for id, the store key where the
// keeper keeps want: a proof of that key is a proof of want. It returns the
// stored bytes.
func (s *Stack) RequireEvidence(kind lightproof.Kind, id string, want proto.Message) []byte {
	s.T.Helper()
	key, err := kind.Key(id)
	require.NoError(s.T, err)
	got := s.Ctx.KVStore(s.Keys[kind.Store]).Get(key)
	require.NotNil(s.T, got, "nothing stored under %s %s", kind.Name, id)
	if want != nil {
		raw, err := proto.Marshal(want)
		require.NoError(s.T, err)
		require.Equal(s.T, raw, got, "%s %s", kind.Name, id)
	}
	_, err = kind.Decode(got)
	require.NoError(s.T, err)
	return got
}
