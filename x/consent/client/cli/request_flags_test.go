package cli

import (
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

var ac = address.NewBech32Codec(modulekit.Bech32Prefix)

func parseRequest(t *testing.T, args ...string) (*types.MsgRequestConsent, error) {
	t.Helper()
	cmd := RequestCmd()
	require.NoError(t, cmd.ParseFlags(args))
	return requestMsg(cmd, testutil.Bech32(ac, "doctor"), testutil.Bech32(ac, "patient"))
}

func parseRespond(t *testing.T, response types.Response, args ...string) (*types.MsgRespondConsentRequest, error) {
	t.Helper()
	cmd := ApproveCmd()
	if response == types.Response_RESPONSE_DECLINE {
		cmd = DeclineCmd()
	}
	require.NoError(t, cmd.ParseFlags(args))
	return respondMsg(cmd, testutil.Addr("patient"), "7", response)
}

// `tx consent request` builds the message README shows; each mistake is
// refused before anything is signed, with the way to fix it.
func TestRequestFlags(t *testing.T) {
	msg, err := parseRequest(t, "--categories", "lab", "--purposes", "treat", "--for", "7d", "--reason", "referral")
	require.NoError(t, err)
	require.Equal(t, []recordstypes.Category{recordstypes.Category_CATEGORY_LAB}, msg.Categories)
	require.Equal(t, []types.Purpose{types.Purpose_PURPOSE_TREAT}, msg.Purposes)
	require.Equal(t, 7*24*time.Hour, msg.Duration)
	require.Equal(t, types.RequestReason_REQUEST_REASON_REFERRAL, msg.NoteCode)
	require.Equal(t, testutil.Bech32(ac, "doctor"), msg.Requester)

	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"no duration":      {[]string{"--purposes", "treat", "--reason", "referral"}, "a request needs a duration: --for 7d"},
		"no reason":        {[]string{"--purposes", "treat", "--for", "7d"}, `--reason: unknown reason ""`},
		"prose as reason":  {[]string{"--purposes", "treat", "--for", "7d", "--reason", "chest pain since Monday"}, "one of referral, follow-up, second-opinion"},
		"no purpose":       {[]string{"--for", "7d", "--reason", "referral"}, "at least one purpose is required"},
		"restricted":       {[]string{"--purposes", "treat", "--for", "7d", "--reason", "referral", "--categories", "mental-health"}, "granted by record, never by category"},
		"over ten years":   {[]string{"--purposes", "treat", "--for", "5000d", "--reason", "referral"}, "invalid duration"},
		"a bad duration":   {[]string{"--purposes", "treat", "--for", "soon", "--reason", "referral"}, `invalid duration "soon"`},
		"unknown category": {[]string{"--purposes", "treat", "--for", "7d", "--reason", "referral", "--categories", "bloodwork"}, `unknown category "bloodwork"`},
	} {
		t.Run(name, func(t *testing.T) {
			msg, err := parseRequest(t, tc.args...)
			require.ErrorContains(t, err, tc.want)
			require.Nil(t, msg)
		})
	}
}

// `approve` with no flags approves as asked; --for shortens, and the scope
// flags narrow (with --purposes); `decline` carries neither.
func TestApproveAndDeclineFlags(t *testing.T) {
	msg, err := parseRespond(t, types.Response_RESPONSE_APPROVE)
	require.NoError(t, err)
	require.Equal(t, uint64(7), msg.RequestId)
	require.Nil(t, msg.Scope)
	require.Nil(t, msg.Duration)

	msg, err = parseRespond(t, types.Response_RESPONSE_APPROVE, "--for", "2d", "--categories", "lab", "--purposes", "treat")
	require.NoError(t, err)
	require.Equal(t, 48*time.Hour, *msg.Duration)
	require.Equal(t, &types.Scope{Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB}, Purposes: []types.Purpose{types.Purpose_PURPOSE_TREAT}}, msg.Scope)

	_, err = parseRespond(t, types.Response_RESPONSE_APPROVE, "--categories", "lab")
	require.ErrorContains(t, err, "give --purposes too")

	msg, err = parseRespond(t, types.Response_RESPONSE_DECLINE)
	require.NoError(t, err)
	require.Equal(t, types.Response_RESPONSE_DECLINE, msg.Response)
	require.Nil(t, msg.Scope)

	cmd := ApproveCmd()
	require.NoError(t, cmd.ParseFlags(nil))
	_, err = respondMsg(cmd, testutil.Addr("patient"), "seven", types.Response_RESPONSE_APPROVE)
	require.ErrorContains(t, err, `request id "seven"`)
	require.Nil(t, DeclineCmd().Flags().Lookup(flagFor), "a decline has nothing to narrow")
}
