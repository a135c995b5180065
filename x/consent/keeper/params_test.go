package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// The consent parameters change only by a passed consortium proposal: a
// member, or anyone else, sending the message directly is refused.
func TestParamsChangeByProposal(t *testing.T) {
	f := newFixture(t)
	next := types.DefaultParams()
	next.MaxGrantDuration = 30 * 24 * time.Hour
	for _, signer := range []string{f.Str("hospital-a"), f.Str("patient-1")} {
		_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: signer, Params: next})
		testutil.RequireCode(t, err, types.ErrNotAuthority, signer)
	}

	bad := next
	bad.MaxActiveGrantsPerPatient = 0
	p := f.Propose("hospital-a", []string{"hospital-a", "hospital-b"},
		&types.MsgUpdateParams{Authority: f.Consortium.Authority(), Params: next})
	require.Equal(t, consortiumtypes.ProposalStatus_PROPOSAL_STATUS_PASSED, p.Status, p.ExecutionError)
	got, err := f.K.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, next, got)
	msg := f.grantMsg("dr-a")
	msg.ExpiresAt = f.Ctx.BlockTime().Add(31 * 24 * time.Hour)
	_, err = f.Msgs.GrantConsent(f.Ctx, msg)
	testutil.RequireCode(t, err, types.ErrExpiryTooFar, "the new bound applies at once")

	_, err = f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Consortium.Authority(), Params: bad})
	testutil.RequireCode(t, err, types.ErrInvalidParams, "bounds hold whoever asks")
}
