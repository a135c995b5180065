package load

import (
	"context"
	"math"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// seededNode answers CheckAccess from a seeded genesis's grants, and
// EventsByPatient with nothing (or an error, when told).
type seededNode struct {
	granted      map[[2]string]bool // patient, grantee
	failEvents   bool
	checks, reqs atomic.Int64
}

type (
	consentServer struct {
		consenttypes.UnimplementedQueryServer
		*seededNode
	}
	auditServer struct {
		audittypes.UnimplementedQueryServer
		*seededNode
	}
)

func (n consentServer) CheckAccess(_ context.Context, req *consenttypes.QueryCheckAccessRequest) (*consenttypes.QueryCheckAccessResponse, error) {
	n.checks.Add(1)
	ok := n.granted[[2]string{req.Patient, req.Accessor}] &&
		req.Category == recordstypes.Category_CATEGORY_LAB && req.Purpose == consenttypes.Purpose_PURPOSE_TREAT
	return &consenttypes.QueryCheckAccessResponse{Allowed: ok}, nil
}

func (n auditServer) EventsByPatient(context.Context, *audittypes.QueryEventsByPatientRequest) (*audittypes.QueryEventsResponse, error) {
	n.reqs.Add(1)
	if n.failEvents {
		return nil, status.Error(codes.Unavailable, "store busy")
	}
	return &audittypes.QueryEventsResponse{}, nil
}

// serveSeeded serves a node holding SeedGrants(patients, ms) and returns a
// connection to it.
func serveSeeded(t *testing.T, n *seededNode, patients uint64, ms []string) *grpc.ClientConn {
	t.Helper()
	gs := consenttypes.DefaultGenesis()
	require.NoError(t, SeedGrants(gs, patients, ms, genesisTime))
	n.granted = map[[2]string]bool{}
	for _, g := range gs.Grants {
		n.granted[[2]string{g.Patient, g.Grantee}] = true
	}
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	consenttypes.RegisterQueryServer(srv, &consentServer{seededNode: n})
	audittypes.RegisterQueryServer(srv, &auditServer{seededNode: n})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("passthrough:///seeded",
		grpc.WithContextDialer(func(context.Context, string) (net.Conn, error) { return lis.Dial() }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// probeFor runs p for d, moving to step 1 halfway, and returns its results
// and how long it ran.
func probeFor(t *testing.T, p *Probe, d time.Duration) ([]ProbeResult, time.Duration) {
	t.Helper()
	start := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	time.Sleep(d / 2)
	p.SetStep(1)
	time.Sleep(d / 2)
	cancel()
	require.NoError(t, <-done)
	return p.Results(), time.Since(start)
}

func TestProbeAsksAboutSeededPatients(t *testing.T) {
	ms := members(t, 3)
	node := &seededNode{}
	p := &Probe{Conn: serveSeeded(t, node, 50, ms), Rate: 100, Patients: 50, Members: ms}
	res, took := probeFor(t, p, 600*time.Millisecond)

	require.Len(t, res, 4, "two steps, two queries each")
	total := 0
	for i, r := range res {
		require.Equal(t, i/2, r.Step)
		require.Equal(t, []string{QueryCheckAccess, QueryEventsByPatient}[i%2], r.Query)
		require.Zero(t, r.Errors, "%+v: every seeded grant is found", r)
		require.Positive(t, r.Count, "%+v", r)
		require.Positive(t, r.P50, "%+v", r)
		require.LessOrEqual(t, r.P50, r.P99, "%+v", r)
		total += r.Count
	}
	// Every answer counted once; the query under way when the run ended is
	// left out.
	asked := int(node.checks.Load() + node.reqs.Load())
	require.LessOrEqual(t, total, asked)
	require.GreaterOrEqual(t, total, asked-1)
	require.InDelta(t, node.checks.Load(), node.reqs.Load(), 1, "the two kinds take turns")
	require.LessOrEqual(t, float64(total), p.Rate*took.Seconds()+1, "no more than the rate")
}

func TestProbeCountsErrors(t *testing.T) {
	ms := members(t, 2)
	node := &seededNode{failEvents: true}
	// The probe names the members in another order than the seed did: the
	// grants it asks about are not there.
	p := &Probe{Conn: serveSeeded(t, node, 10, ms), Rate: 100, Patients: 10, Members: []string{ms[1], ms[0]}}
	res, _ := probeFor(t, p, 400*time.Millisecond)
	for _, r := range res {
		require.Zero(t, r.Count, "%+v", r)
		require.Positive(t, r.Errors, "%+v", r)
		require.Zero(t, r.P99)
	}
}

func TestProbeRefuses(t *testing.T) {
	ms := []string{"med1member"}
	for _, p := range []*Probe{
		{Rate: 0, Patients: 1, Members: ms},
		{Rate: -1, Patients: 1, Members: ms},
		{Rate: MaxRate + 1, Patients: 1, Members: ms},
		{Rate: 10, Patients: 0, Members: ms},
		{Rate: 10, Patients: 1},
	} {
		require.ErrorContains(t, p.Run(context.Background()), "probe:", "%+v", p)
	}
}

// A NaN rate (--probe-rate NaN parses) is refused like any rate out of
// bounds, not left to a ticker of no interval.
func TestProbeRefusesANaNRate(t *testing.T) {
	p := &Probe{Rate: math.NaN(), Patients: 1, Members: []string{"med1member"}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var err error
	require.NotPanics(t, func() { err = p.Run(ctx) })
	require.ErrorContains(t, err, "probe:")
}

func TestProbeResultsBeforeAnyAnswer(t *testing.T) {
	p := &Probe{}
	res := p.Results()
	require.Len(t, res, 2)
	for _, r := range res {
		require.Zero(t, r.Count+r.Errors)
		require.Zero(t, r.P50)
	}
}
