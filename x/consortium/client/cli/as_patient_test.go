package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/consortium/client/cli"
	"github.com/medchain/medchain/x/consortium/types"
)

// asPatient runs `tx consortium as-patient PATIENT FILE --generate-only`
// from controller; it returns the unsigned transaction's JSON.
func asPatient(t *testing.T, file string, controller, patient string) (string, error) {
	t.Helper()
	return generateOnly(t, cli.AsPatientCmd(), controller, patient, file)
}

// The patient's unsigned transaction becomes one MsgActAsPatient carrying
// its messages, signed by the controller; a file with no message, or that
// is no transaction, is refused before anything is signed.
func TestAsPatientWrapsTheMessages(t *testing.T) {
	patient, controller := testutil.Addr("jane").String(), testutil.Addr("phone").String()
	enc := app.MakeEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	b := enc.TxConfig.NewTxBuilder()
	require.NoError(t, b.SetMsgs(&types.MsgCancelRecovery{Patient: patient}, &types.MsgRotateKey{Patient: patient, NewController: testutil.Addr("phone-2").String()}))
	bz, err := enc.TxConfig.TxJSONEncoder()(b.GetTx())
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "tx.json")
	require.NoError(t, os.WriteFile(file, bz, 0o600))

	out, err := asPatient(t, file, controller, patient)
	require.NoError(t, err, out)
	tx, err := enc.TxConfig.TxJSONDecoder()([]byte(out))
	require.NoError(t, err, out)
	require.Len(t, tx.GetMsgs(), 1)
	act, ok := tx.GetMsgs()[0].(*types.MsgActAsPatient)
	require.True(t, ok)
	require.Equal(t, controller, act.Controller)
	require.Equal(t, patient, act.Patient)
	inner, err := act.GetMessages()
	require.NoError(t, err)
	require.Equal(t, &types.MsgCancelRecovery{Patient: patient}, inner[0])
	require.IsType(t, &types.MsgRotateKey{}, inner[1])

	empty := filepath.Join(t.TempDir(), "empty.json")
	b = enc.TxConfig.NewTxBuilder()
	bz, err = enc.TxConfig.TxJSONEncoder()(b.GetTx())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(empty, bz, 0o600))
	_, err = asPatient(t, empty, controller, patient)
	require.ErrorContains(t, err, "carry 1..8 messages")

	junk := filepath.Join(t.TempDir(), "junk.json")
	require.NoError(t, os.WriteFile(junk, []byte("not a transaction"), 0o600))
	_, err = asPatient(t, junk, controller, patient)
	require.Error(t, err)
	_, err = asPatient(t, file, patient, patient)
	require.ErrorContains(t, err, "a patient signs its own messages directly")
}
