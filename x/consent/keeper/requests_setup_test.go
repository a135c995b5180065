package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// requestMsg is requester asking patient for labs, for TREAT, for a week.
func (f *fixture) requestMsg(requester, patient string) *types.MsgRequestConsent {
	return &types.MsgRequestConsent{
		Requester: f.Str(requester), Patient: f.Str(patient), Categories: []recordstypes.Category{lab},
		Purposes: []types.Purpose{treat}, Duration: week, NoteCode: referral,
	}
}

func (f *fixture) ask(t testing.TB, msg *types.MsgRequestConsent) uint64 {
	t.Helper()
	res, err := f.Msgs.RequestConsent(f.Ctx, msg)
	require.NoError(t, err)
	return res.RequestId
}

func (f *fixture) respond(patient string, id uint64, response types.Response, scope *types.Scope, d *time.Duration) (uint64, error) {
	res, err := f.Msgs.RespondConsentRequest(f.Ctx, &types.MsgRespondConsentRequest{
		Patient: f.Str(patient), RequestId: id, Response: response, Scope: scope, Duration: d,
	})
	if err != nil {
		return 0, err
	}
	return res.GrantId, nil
}

func (f *fixture) withdraw(requester string, id uint64) error {
	_, err := f.Msgs.WithdrawConsentRequest(f.Ctx, &types.MsgWithdrawConsentRequest{Requester: f.Str(requester), RequestId: id})
	return err
}

func (f *fixture) request(t testing.TB, id uint64) types.ConsentRequest {
	t.Helper()
	return testutil.Get(t, f.Ctx, f.K.GetRequest, id)
}

// agents names n agents of member for newFixture: prefix-0 … prefix-(n-1).
func agents(member, prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s/%s-%d", member, prefix, i)
	}
	return out
}

func dur(d time.Duration) *time.Duration { return &d }
