package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/medchain/medchain/testutil"
	"github.com/medchain/medchain/x/audit/keeper"
	"github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// node serves the audit queries over the events of a keeper stack loaded
// with patient-1's n events, one minute apart from T0 and alternately
// allowed and denied, and one event of patient-2; it returns the patient's
// address and a connection to it.
func node(t *testing.T, n int) (string, *grpc.ClientConn) {
	s := testutil.NewStack(t)
	gs := types.GenesisState{}
	for i := range n + 1 {
		patient, decision, reason := "patient-1", types.Decision_DECISION_ALLOWED, consenttypes.DecisionReason_DECISION_REASON_GRANTED
		if i%2 == 1 {
			decision, reason = types.Decision_DECISION_DENIED, consenttypes.DecisionReason_DECISION_REASON_NO_MATCHING_GRANT
		}
		if i == n {
			patient = "patient-2"
		}
		gs.Events = append(gs.Events, types.AccessEvent{
			Id: uint64(i + 1), Patient: s.Str(patient), Category: recordstypes.Category_CATEGORY_LAB, Accessor: s.Str("cardio"),
			Action: types.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT, Decision: decision, Reason: reason,
			Time: testutil.T0.Add(time.Duration(i) * time.Minute), Height: int64(10 + i),
		})
	}
	require.NoError(t, s.Audit.InitGenesis(s.Ctx, gs))

	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry()).GRPCCodec()
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer(grpc.ForceServerCodec(cdc),
		grpc.UnaryInterceptor(func(_ context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			return h(s.Ctx, req)
		}))
	types.RegisterQueryServer(srv, keeper.NewQueryServer(s.Audit))
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("passthrough:///audit",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithDefaultCallOptions(grpc.ForceCodec(cdc)))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return s.Str("patient-1"), conn
}

// export runs `medchaind audit export` against conn.
func export(conn *grpc.ClientConn, args ...string) (stdout, stderr string, err error) {
	cmd := Cmd()
	clientCtx := client.Context{}.WithGRPCClient(conn)
	cmd.SetContext(context.WithValue(context.Background(), client.ClientContextKey, &clientCtx))
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(append([]string{"export"}, args...))
	err = cmd.Execute()
	return out.String(), errOut.String(), err
}

func jsonIDs(t *testing.T, out string) []uint64 {
	t.Helper()
	var evs []types.AccessEvent
	require.NoError(t, json.Unmarshal([]byte(out), &evs))
	ids := []uint64{}
	for _, e := range evs {
		ids = append(ids, e.Id)
	}
	return ids
}

func TestExportCommand(t *testing.T) {
	patient, conn := node(t, 4)
	at := func(minutes int) string {
		return testutil.T0.Add(time.Duration(minutes) * time.Minute).Format(time.RFC3339)
	}

	out, stderr, err := export(conn, "--patient", patient, "--format", "json")
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2, 3, 4}, jsonIDs(t, out), "only the patient's events")
	require.Empty(t, stderr, "no progress bar for a small export")

	out, _, err = export(conn, "--patient", patient, "--format", "json", "--from", at(1), "--to", at(3))
	require.NoError(t, err)
	require.Equal(t, []uint64{2, 3}, jsonIDs(t, out), "--from inclusive, --to exclusive")

	out, _, err = export(conn, "--patient", patient, "--format", "json", "--from", at(10))
	require.NoError(t, err)
	require.Equal(t, []uint64{}, jsonIDs(t, out))
	require.Equal(t, "[]\n", out, "an empty export is an empty array")

	out, _, err = export(conn, "--patient", patient, "--format", "csv", "--from", at(2))
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"id", "time", "height", "patient", "custodian", "record_id", "category", "accessor", "accessor_member",
		"action", "purpose", "decision", "grant_id", "reason", "break_glass_reason", "note_hash"}, rows[0])
	require.Len(t, rows, 3)
	require.Equal(t, []string{"3", "2026-06-01T08:02:00Z", "12", patient, "", "", "lab"}, rows[1][:7])
	require.Equal(t, []string{"read", "TREAT", "allowed", "0", "granted", "", ""}, rows[1][9:])
	require.Equal(t, []string{"denied", "no-matching-grant"}, []string{rows[2][11], rows[2][13]})

	out, _, err = export(conn, "--patient", patient, "--to", at(1))
	require.NoError(t, err)
	b, err := fhir.UnmarshalBundle([]byte(out))
	require.NoError(t, err, "fhir is the default format")
	require.Equal(t, fhir.BundleTypeCollection, b.Type)
	require.Len(t, b.Entry, 1)
	a, err := fhir.UnmarshalAuditEvent(b.Entry[0].Resource)
	require.NoError(t, err)
	require.Equal(t, "medchain-audit-1", *a.Id)

	path := filepath.Join(t.TempDir(), "trail.json")
	out, _, err = export(conn, "--patient", patient, "--format", "json", "--out", path)
	require.NoError(t, err)
	require.Empty(t, out, "--out writes to the file only")
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2, 3, 4}, jsonIDs(t, string(bz)))
}

// Refused arguments fail before anything is written.
func TestExportRefusals(t *testing.T) {
	patient, conn := node(t, 2)
	dir := t.TempDir()
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"--from not RFC 3339": {[]string{"--patient", patient, "--from", "yesterday"}, "--from"},
		"--to without a time": {[]string{"--patient", patient, "--to", "2026-06-01"}, "--to"},
		"an unknown format":   {[]string{"--patient", patient, "--format", "xml"}, "must be fhir, csv or json"},
		"no patient":          {[]string{"--format", "json"}, `"patient" not set`},
		"a malformed patient": {[]string{"--patient", "patient-1"}, "InvalidArgument"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		out, _, err := export(conn, append(tc.args, "--out", path)...)
		require.ErrorContains(t, err, tc.want, name)
		require.Empty(t, out, name)
		_, statErr := os.Stat(path)
		require.True(t, os.IsNotExist(statErr), "%s: no file is created", name)
	}
}

// An export of 2,000 events or more pages through the trail and shows its
// progress on standard error.
func TestExportProgress(t *testing.T) {
	patient, conn := node(t, progressFrom)
	out, stderr, err := export(conn, "--patient", patient, "--format", "json")
	require.NoError(t, err)
	ids := jsonIDs(t, out)
	require.Len(t, ids, progressFrom)
	require.EqualValues(t, progressFrom, ids[len(ids)-1], "every page, in order")
	require.Contains(t, stderr, "exporting access events")
}
