package load

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/medchain/medchain/app"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Workloads are the medchain workloads Prepare makes.
var Workloads = []string{"anchor", "amend", "batch", "grant", "request", "send"}

// Options shape a workload.
type Options struct {
	// BatchLeaves is each MsgAnchorBatch's leaf count.
	BatchLeaves uint64
	// GrantFor is how long each granted consent lasts.
	GrantFor time.Duration
}

// Prepared is a workload ready to run: one stream per account, each pinned
// to a node, and the gas each transaction asks.
type Prepared struct {
	Streams []*SignedStream
	Pin     []int
	Gas     uint64
	// TxBytes is the size of the workload's first transaction.
	TxBytes int
}

// Prepare makes the accounts a workload needs on the nodes' chain — agents
// enrolled by the members' operators, patients made known by a record and
// funded — and returns one signed stream per account.
func Prepare(ctx context.Context, nodes []Node, workload string, accounts int, opts Options) (*Prepared, error) {
	if accounts < 1 || accounts > MaxAccounts {
		return nil, fmt.Errorf("accounts must be in 1..%d, got %d", MaxAccounts, accounts)
	}
	if len(nodes) == 0 {
		return nil, fmt.Errorf("no node")
	}
	if workload == "batch" && (opts.BatchLeaves == 0 || opts.BatchLeaves > recordstypes.MaxBatchLeaves) {
		return nil, fmt.Errorf("batch leaves must be in 1..%d, got %d", recordstypes.MaxBatchLeaves, opts.BatchLeaves)
	}
	kr := newKeyring()
	var (
		signers []*account
		build   func(k int) func(uint64) []sdk.Msg
		err     error
	)
	switch workload {
	case "anchor", "amend", "batch", "send":
		if signers, err = enrol(ctx, nodes, kr, accounts, consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY); err != nil {
			return nil, err
		}
		build, err = recordsWorkload(ctx, nodes, workload, signers, opts)
	case "grant", "request":
		signers, build, err = consentWorkload(ctx, nodes, kr, workload, accounts, opts)
	default:
		return nil, fmt.Errorf("unknown workload %q: one of %v", workload, Workloads)
	}
	if err != nil {
		return nil, err
	}
	if err := sequences(ctx, nodes, signers); err != nil {
		return nil, err
	}
	p := &Prepared{}
	for k, a := range signers {
		c := *nodes[a.node].Client
		p.Streams = append(p.Streams, NewSignedStream(&c, a.Account, a.accNum, a.seqNum, build(k)))
		p.Pin = append(p.Pin, a.node)
	}
	if p.Gas, p.TxBytes, err = gasFor(ctx, p.Streams[0]); err != nil {
		return nil, fmt.Errorf("estimating gas of a %s transaction: %w", workload, err)
	}
	for _, s := range p.Streams {
		s.Client.Gas = p.Gas
	}
	return p, nil
}

// gasFor simulates stream s's first transaction and asks a fifth more than
// it used (state grows; the gas of a write grows with its key and value).
func gasFor(ctx context.Context, s *SignedStream) (gas uint64, size int, err error) {
	bz, err := s.Client.Sign(ctx, s.Account, s.AccNum, s.seq, s.Client.Fee(), s.Build(s.built)...)
	if err != nil {
		return 0, 0, err
	}
	used, err := s.Client.Simulate(ctx, bz)
	if err != nil {
		return 0, 0, err
	}
	return used + used/5, len(bz), nil
}

// recordsWorkload builds the agents' messages: a new record each (anchor),
// a new version of one record each (amend), a batch root (batch), or a
// bank send to the next agent (send).
func recordsWorkload(ctx context.Context, nodes []Node, workload string, agents []*account, opts Options) (func(int) func(uint64) []sdk.Msg, error) {
	switch workload {
	case "anchor":
		return func(k int) func(uint64) []sdk.Msg {
			patient := randomAddress()
			return func(uint64) []sdk.Msg { return []sdk.Msg{anchorMsg(agents[k].Address, patient)} }
		}, nil
	case "amend":
		ids := make([]string, len(agents))
		if err := each(ctx, agents, func(ctx context.Context, a *account) error {
			m := anchorMsg(a.Address, randomAddress())
			ids[indexOf(agents, a)] = m.RecordId
			_, err := nodes[a.node].Client.Submit(ctx, a.Account, m)
			return err
		}); err != nil {
			return nil, fmt.Errorf("anchoring the records to amend: %w", err)
		}
		return func(k int) func(uint64) []sdk.Msg {
			return func(uint64) []sdk.Msg {
				return []sdk.Msg{&recordstypes.MsgAmendRecord{
					Signer: agents[k].Address.String(), RecordId: ids[k], ContentHash: randomHash(), Uri: uri(ids[k]),
					Reason: recordstypes.AmendReason_AMEND_REASON_UPDATE, NoteHash: randomBytes(32),
				}}
			}
		}, nil
	case "batch":
		return func(k int) func(uint64) []sdk.Msg {
			return func(uint64) []sdk.Msg {
				return []sdk.Msg{&recordstypes.MsgAnchorBatch{
					Signer: agents[k].Address.String(), Root: randomBytes(32), LeafCount: opts.BatchLeaves,
					Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, ManifestUri: uri(randomID()),
				}}
			}
		}, nil
	default: // send
		return func(k int) func(uint64) []sdk.Msg {
			to := agents[(k+1)%len(agents)].Address
			return func(uint64) []sdk.Msg {
				return []sdk.Msg{banktypes.NewMsgSend(agents[k].Address, to, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))}
			}
		}, nil
	}
}

// consentWorkload makes one patient per account, known by a record its
// custodian's gateway anchors and funded by the custodian. grant: the
// patients grant consent, each to the next node's member. request: each
// patient grants the next node's member once, and a clinician of that
// member asks to read the record, again and again.
func consentWorkload(ctx context.Context, nodes []Node, kr keyring.Keyring, workload string, n int, opts Options) ([]*account, func(int) func(uint64) []sdk.Msg, error) {
	if opts.GrantFor <= 0 {
		return nil, nil, fmt.Errorf("grant duration must be positive")
	}
	gateways, err := enrol(ctx, nodes, kr, len(nodes), consortiumtypes.AgentRole_AGENT_ROLE_GATEWAY)
	if err != nil {
		return nil, nil, err
	}
	patients, err := keys(kr, "patient", n, len(nodes))
	if err != nil {
		return nil, nil, err
	}
	records := make([]recordstypes.RecordRef, n)
	if err := fund(ctx, nodes, patients, nil); err != nil {
		return nil, nil, err
	}
	if err := knowPatients(ctx, nodes, gateways, patients, records); err != nil {
		return nil, nil, err
	}
	grantee := func(k int) sdk.AccAddress { return nodes[(patients[k].node+1)%len(nodes)].Operator.Address }
	grant := func(k int) *consenttypes.MsgGrantConsent {
		return &consenttypes.MsgGrantConsent{
			Patient: patients[k].Address.String(), Grantee: grantee(k).String(),
			Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
			Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT},
			ExpiresAt:  time.Now().Add(opts.GrantFor).UTC().Truncate(time.Second),
		}
	}
	if workload == "grant" {
		return patients, func(k int) func(uint64) []sdk.Msg {
			return func(uint64) []sdk.Msg { return []sdk.Msg{grant(k)} }
		}, nil
	}
	if err := each(ctx, patients, func(ctx context.Context, p *account) error {
		_, err := nodes[p.node].Client.Submit(ctx, p.Account, grant(indexOf(patients, p)))
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("granting consent: %w", err)
	}
	clinicians, err := keys(kr, "clinician", n, len(nodes))
	if err != nil {
		return nil, nil, err
	}
	for k, c := range clinicians {
		c.node = (patients[k].node + 1) % len(nodes)
	}
	if err := enrolKeys(ctx, nodes, clinicians, consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN); err != nil {
		return nil, nil, err
	}
	return clinicians, func(k int) func(uint64) []sdk.Msg {
		return func(uint64) []sdk.Msg {
			return []sdk.Msg{&audittypes.MsgRequestAccess{
				Accessor: clinicians[k].Address.String(), Patient: patients[k].Address.String(),
				Custodian: records[k].Custodian, RecordId: records[k].RecordId,
				Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
			}}
		}
	}, nil
}

// knowPatients has each node's gateway anchor a lab record for every
// patient pinned to it, perTx*2 per transaction, and notes each record.
func knowPatients(ctx context.Context, nodes []Node, gateways, patients []*account, records []recordstypes.RecordRef) error {
	return each(ctx, gateways, func(ctx context.Context, g *account) error {
		var msgs []sdk.Msg
		flush := func() error {
			if len(msgs) == 0 {
				return nil
			}
			_, err := nodes[g.node].setup().Submit(ctx, g.Account, msgs...)
			msgs = msgs[:0]
			return err
		}
		for k, p := range patients {
			if p.node != g.node {
				continue
			}
			m := anchorMsg(g.Address, p.Address)
			records[k] = recordstypes.RecordRef{Custodian: nodes[g.node].Operator.Address.String(), RecordId: m.RecordId}
			if msgs = append(msgs, m); len(msgs) == 2*perTx {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
}

func anchorMsg(signer, patient sdk.AccAddress) *recordstypes.MsgAnchorRecord {
	id := randomID()
	return &recordstypes.MsgAnchorRecord{
		Signer: signer.String(), RecordId: id, Patient: patient.String(),
		Category: recordstypes.Category_CATEGORY_LAB, ContentHash: randomHash(), Uri: uri(id),
	}
}

func randomHash() *recordstypes.ContentHash {
	return &recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: randomBytes(32)}
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func randomID() string              { return hex.EncodeToString(randomBytes(16)) }
func randomAddress() sdk.AccAddress { return sdk.AccAddress(randomBytes(20)) }
func uri(id string) string          { return "https://fhir.example/" + id }

func indexOf(accs []*account, a *account) int {
	for i, b := range accs {
		if b == a {
			return i
		}
	}
	return -1
}
