package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/core/comet"
	"github.com/cometbft/cometbft/crypto/ed25519"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/types"
)

type fakeEvidence struct {
	kind comet.MisbehaviorType
	addr []byte
}

func (e fakeEvidence) Type() comet.MisbehaviorType { return e.kind }
func (e fakeEvidence) Validator() comet.Validator  { return fakeValidator(e.addr) }
func (e fakeEvidence) Height() int64               { return 41 }
func (e fakeEvidence) Time() time.Time             { return time.Time{} }
func (e fakeEvidence) TotalVotingPower() int64     { return 20 }
func (fakeEvidence) String() string                { return "evidence" }

type fakeValidator []byte

func (v fakeValidator) Address() []byte { return v }
func (v fakeValidator) Power() int64    { return 10 }

type evidenceList []fakeEvidence

func (l evidenceList) Len() int                 { return len(l) }
func (l evidenceList) Get(i int) comet.Evidence { return l[i] }

type blockInfo struct{ evidence evidenceList }

func (b blockInfo) GetEvidence() comet.EvidenceList { return b.evidence }
func (blockInfo) GetValidatorsHash() []byte         { return nil }
func (blockInfo) GetProposerAddress() []byte        { return nil }
func (blockInfo) GetLastCommit() comet.CommitInfo   { return nil }

func consAddr(name string) []byte { return ed25519.PubKey(testutil.ConsensusKey(name)).Address() }

func TestDoubleSignSuspendsTheValidator(t *testing.T) {
	f := newFixture(t)
	f.Ctx = f.FreshEvents().WithCometInfo(blockInfo{evidenceList{
		{kind: comet.LightClientAttack, addr: consAddr("hospital-a")}, // not a double vote: ignored
		{kind: comet.DuplicateVote, addr: consAddr("hospital-b")},
		{kind: comet.DuplicateVote, addr: []byte("unknown validator address")},
	}})
	require.NoError(t, f.K.SuspendDoubleSigners(f.Ctx))

	b, err := f.K.GetMember(f.Ctx, f.Addr("hospital-b"))
	require.NoError(t, err)
	require.Equal(t, types.MemberStatus_MEMBER_STATUS_SUSPENDED, b.Status)
	a, err := f.K.GetMember(f.Ctx, f.Addr("hospital-a"))
	require.NoError(t, err)
	require.True(t, a.IsActive())
	require.Equal(t, "medchain.consortium.v1.EventMemberSuspended", f.Ctx.EventManager().Events()[0].Type)
	// EndBlock takes the validator out of the set.
	require.Equal(t, map[string]int64{string(testutil.ConsensusKey("hospital-b")): 0}, powers(t, f))
	ok, err := f.K.IsAllowedSigner(f.Ctx, f.Addr("hospital-b"))
	require.NoError(t, err)
	require.False(t, ok, "a suspended member's operator may not sign")

	// The last validator is kept, so the chain can go on.
	f.Ctx = f.Ctx.WithCometInfo(blockInfo{evidenceList{{kind: comet.DuplicateVote, addr: consAddr("hospital-a")}}})
	require.NoError(t, f.K.SuspendDoubleSigners(f.Ctx))
	a, err = f.K.GetMember(f.Ctx, f.Addr("hospital-a"))
	require.NoError(t, err)
	require.True(t, a.IsActive())
}
