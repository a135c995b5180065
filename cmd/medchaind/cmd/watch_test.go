package cmd

import (
	"bytes"
	"strings"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/testutil"
)

// `watch` refuses what it cannot watch before it connects to anything.
func TestWatchFlags(t *testing.T) {
	patient := sdk.AccAddress(testutil.Addr("patient")).String()
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"nobody to watch":  {nil, "watch whom? give --patient, --accessor or --member"},
		"a bad address":    {[]string{"--patient", "patient-7"}, `--patient "patient-7"`},
		"another chain":    {[]string{"--member", "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu"}, "--member"},
		"negative height":  {[]string{"--patient", patient, "--from-height", "-1"}, "heights are positive"},
		"from after to":    {[]string{"--patient", patient, "--from-height", "9", "--to-height", "3"}, "--from-height 9 is after --to-height 3"},
		"poll too fast":    {[]string{"--patient", patient, "--poll", "1ms"}, "--poll must be between 100ms and 1m"},
		"poll too slow":    {[]string{"--patient", patient, "--poll", "2m"}, "--poll must be between 100ms and 1m"},
		"a stray argument": {[]string{"--patient", patient, "extra"}, "unknown command"},
	} {
		t.Run(name, func(t *testing.T) {
			cmd := watchCmd()
			cmd.SetArgs(tc.args)
			err := cmd.Execute()
			require.Error(t, err)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// `watch --from-height 1 --to-height 2` prints the range's notifications
// for the watched member and exits.
func TestWatchPrintsARange(t *testing.T) {
	member := sdk.AccAddress(testutil.Addr("hospital")).String()
	q := func(s string) string { return `"` + s + `"` }
	node := testutil.NewCometRPC(t,
		testutil.RPCBlock{Txs: [][]byte{[]byte("anchor")}, Results: []*abci.ExecTxResult{{Events: []abci.Event{{
			Type: "medchain.records.v1.EventRecordAnchored", Attributes: []abci.EventAttribute{{Key: "custodian", Value: q(member)}},
		}}}}},
		testutil.RPCBlock{},
		testutil.RPCBlock{Txs: [][]byte{[]byte("later")}, Results: []*abci.ExecTxResult{{Events: []abci.Event{{
			Type: "medchain.records.v1.EventRecordAnchored", Attributes: []abci.EventAttribute{{Key: "custodian", Value: q(member)}},
		}}}}},
	)
	cmd := watchCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"--member", member, "--node", node.URL, "--from-height", "1", "--to-height", "2"})
	require.NoError(t, cmd.Execute())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 1, "block 3 is past --to-height")
	require.Contains(t, lines[0], `"height":1`)
	require.Contains(t, lines[0], `"event":"medchain.records.v1.EventRecordAnchored"`)
}
