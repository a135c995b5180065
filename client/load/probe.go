package load

import (
	"context"
	"fmt"
	"sync"
	"time"

	"google.golang.org/grpc"

	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Probe asks a node, over gRPC, at a fixed rate while a load runs, the two
// queries integrators ask most — may this member read this patient's lab
// records (CheckAccess), and who read this patient's records
// (EventsByPatient) — about seeded patients, and times each answer.
type Probe struct {
	Conn *grpc.ClientConn
	// Rate is queries per second, the two kinds taking turns.
	Rate float64
	// Patients is how many seeded patients have grants (SeedGrants' n);
	// Members the grantees SeedGrants used, in its order.
	Patients uint64
	Members  []string

	mu      sync.Mutex
	step    int
	samples map[probeKey][]time.Duration
	errors  map[probeKey]int
}

type probeKey struct {
	step  int
	query string
}

// Query names in a probe's results.
const (
	QueryCheckAccess     = "CheckAccess"
	QueryEventsByPatient = "EventsByPatient"
)

// ProbeResult is one query kind's answers during one step.
type ProbeResult struct {
	Step          int
	Query         string
	Count, Errors int
	P50, P99      time.Duration
}

// Validate checks the probe's settings: a rate in (0, MaxRate], at least
// one seeded patient and one member.
func (p *Probe) Validate() error {
	if !(p.Rate > 0 && p.Rate <= MaxRate) || p.Patients == 0 || len(p.Members) == 0 {
		return fmt.Errorf("probe: rate %g must be in (0, %d], with at least one seeded patient (%d) and member (%d)",
			p.Rate, MaxRate, p.Patients, len(p.Members))
	}
	return nil
}

// SetStep tags the answers that follow with step i.
func (p *Probe) SetStep(i int) {
	p.mu.Lock()
	p.step = i
	p.mu.Unlock()
}

// Run asks until ctx ends. A query answered with an error, or a
// CheckAccess that does not allow what the seed granted, counts as an
// error of that step.
func (p *Probe) Run(ctx context.Context) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.mu.Lock()
	p.samples, p.errors = map[probeKey][]time.Duration{}, map[probeKey]int{}
	p.mu.Unlock()
	consent, audit := consenttypes.NewQueryClient(p.Conn), audittypes.NewQueryClient(p.Conn)
	tick := time.NewTicker(time.Duration(float64(time.Second) / p.Rate))
	defer tick.Stop()
	for i := uint64(0); ; i++ {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		k := (i * 7919) % p.Patients // spread over the seeded patients
		patient := SeedPatient(k).String()
		query, start := QueryCheckAccess, time.Now()
		var err error
		if i%2 == 0 {
			var res *consenttypes.QueryCheckAccessResponse
			res, err = consent.CheckAccess(ctx, &consenttypes.QueryCheckAccessRequest{
				Accessor: p.Members[k%uint64(len(p.Members))], Patient: patient,
				Category: recordstypes.Category_CATEGORY_LAB, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
			})
			if err == nil && !res.Allowed {
				err = fmt.Errorf("seeded grant of patient %d not found", k)
			}
		} else {
			query = QueryEventsByPatient
			_, err = audit.EventsByPatient(ctx, &audittypes.QueryEventsByPatientRequest{Patient: patient})
		}
		if ctx.Err() != nil {
			return nil
		}
		p.record(query, time.Since(start), err)
	}
}

func (p *Probe) record(query string, d time.Duration, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := probeKey{p.step, query}
	if err != nil {
		p.errors[key]++
		return
	}
	p.samples[key] = append(p.samples[key], d)
}

// Results are every step's answers, by step and query.
func (p *Probe) Results() []ProbeResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []ProbeResult
	for step := 0; step <= p.step; step++ {
		for _, q := range []string{QueryCheckAccess, QueryEventsByPatient} {
			key := probeKey{step, q}
			var r StepResult
			r.latencies(append([]time.Duration(nil), p.samples[key]...))
			out = append(out, ProbeResult{Step: step, Query: q, Count: len(p.samples[key]), Errors: p.errors[key], P50: r.P50, P99: r.P99})
		}
	}
	return out
}
