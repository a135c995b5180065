package app_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Who is who in the allowlist world.
const (
	whoMember   = iota // an active member's operator
	whoAgent           // its agent
	whoInvitee         // invited, not yet accepted
	whoFormer          // an agent the member removed
	whoPatient         // a known patient (a record was anchored for it)
	whoApp             // an app the patient authorised for MsgGrantConsent
	whoStranger        // nobody
	numWho
)

var whoNames = [numWho]string{"member", "agent", "invitee", "former agent", "patient", "app", "stranger"}

// allowlistWorld is a chain with one of each kind of signer.
type allowlistWorld struct {
	c    *testChain
	keys [numWho]cryptotypes.PrivKey
}

func (w *allowlistWorld) addr(who int) string {
	return sdk.AccAddress(w.keys[who].PubKey().Address()).String()
}

func newAllowlistWorld(t testing.TB) *allowlistWorld {
	w := &allowlistWorld{}
	for i := range w.keys {
		w.keys[i] = secp256k1.GenPrivKeyFromSecret([]byte(fmt.Sprint("allowlist-", i)))
	}
	w.c = newTestChain(t, w.keys[whoApp])
	w.keys[whoMember] = w.c.member
	c, op := w.c, w.addr(whoMember)
	c.block()
	fund := func(who int) sdk.Msg {
		return banktypes.NewMsgSend(sdk.AccAddress(w.keys[whoMember].PubKey().Address()), sdk.AccAddress(w.keys[who].PubKey().Address()),
			sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000)))
	}
	invite := func(who int) sdk.Msg {
		return &consortiumtypes.MsgAddAgent{Operator: op, Agent: w.addr(who), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN}
	}
	mustOK(t, c.block(c.tx(c.member, nil, nil, invite(whoAgent), invite(whoInvitee), invite(whoFormer), fund(whoAgent), fund(whoFormer),
		&recordstypes.MsgAnchorRecord{Signer: op, RecordId: testutil.RecordID("allowlist"), Patient: w.addr(whoPatient),
			Category: recordstypes.Category_CATEGORY_LAB, ContentHash: sha256Hash(1), Uri: "https://fhir.example/r1"})))
	for _, who := range []int{whoAgent, whoFormer} {
		mustOK(t, c.block(c.tx(w.keys[who], nil, nil, &consortiumtypes.MsgAcceptAgent{Agent: w.addr(who), Member: op})))
	}
	mustOK(t, c.block(c.tx(c.member, nil, nil, &consortiumtypes.MsgRemoveAgent{Signer: op, Agent: w.addr(whoFormer)})))
	expiry := c.time.Add(24 * time.Hour)
	g, err := authz.NewMsgGrant(sdk.AccAddress(w.keys[whoPatient].PubKey().Address()), sdk.AccAddress(w.keys[whoApp].PubKey().Address()),
		authz.NewGenericAuthorization(sdk.MsgTypeURL(&consenttypes.MsgGrantConsent{})), &expiry)
	require.NoError(t, err)
	mustOK(t, c.block(c.tx(w.keys[whoPatient], nil, nil, g)))
	return w
}

// msgKinds are the messages the fuzzer composes, each from one party.
const (
	kindSend = iota
	kindGrant
	kindAccept
	kindDecline
	kindAddAgent
	kindRequest
	kindExec
	numKinds
)

var directOnlyURLs = map[string]bool{
	sdk.MsgTypeURL(&audittypes.MsgRequestAccess{}):    true,
	sdk.MsgTypeURL(&audittypes.MsgEmergencyAccess{}):  true,
	sdk.MsgTypeURL(&consortiumtypes.MsgAcceptAgent{}): true,
}

// decoder reads choices from the fuzzer's bytes (zeros once they run out).
type decoder struct{ b []byte }

func (d *decoder) next(n int) int {
	if len(d.b) == 0 {
		return 0
	}
	v := int(d.b[0]) % n
	d.b = d.b[1:]
	return v
}

// msg builds one message from party who, with MsgExec nesting up to depth.
func (w *allowlistWorld) msg(d *decoder, depth int) sdk.Msg {
	who := d.next(numWho)
	kinds := numKinds
	if depth >= 3 {
		kinds = kindExec
	}
	switch d.next(kinds) {
	case kindSend:
		return banktypes.NewMsgSend(sdk.AccAddress(w.keys[who].PubKey().Address()), sdk.AccAddress(w.keys[d.next(numWho)].PubKey().Address()),
			sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
	case kindGrant:
		return &consenttypes.MsgGrantConsent{Patient: w.addr(who), Grantee: w.addr(whoMember),
			Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
			Purposes:   []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: w.c.time.Add(time.Hour)}
	case kindAccept:
		return &consortiumtypes.MsgAcceptAgent{Agent: w.addr(who), Member: w.addr(whoMember)}
	case kindDecline:
		return &consortiumtypes.MsgRemoveAgent{Signer: w.addr(who), Agent: w.addr(d.next(numWho))}
	case kindAddAgent:
		return &consortiumtypes.MsgAddAgent{Operator: w.addr(who), Agent: w.addr(d.next(numWho)), Role: consortiumtypes.AgentRole_AGENT_ROLE_STAFF}
	case kindRequest:
		return &audittypes.MsgRequestAccess{Accessor: w.addr(who), Patient: w.addr(whoPatient), Category: recordstypes.Category_CATEGORY_LAB,
			Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT}
	default:
		inner := make([]sdk.Msg, 1+d.next(3))
		for i := range inner {
			inner[i] = w.msg(d, depth+1)
		}
		exec := authz.NewMsgExec(sdk.AccAddress(w.keys[who].PubKey().Address()), inner)
		return &exec
	}
}

// admit builds an unsigned transaction of msgs (placeholder signatures of
// the right keys) and runs the admission checks on the check state.
func (w *allowlistWorld) admit(t *testing.T, msgs []sdk.Msg) ([]int, error) {
	txc := w.c.app.TxConfig()
	b := txc.NewTxBuilder()
	require.NoError(t, b.SetMsgs(msgs...))
	b.SetGasLimit(200_000)
	signers, err := b.GetTx().GetSigners()
	require.NoError(t, err)
	var who []int
	var sigs []signing.SignatureV2
	for _, s := range signers {
		for i, k := range w.keys {
			if bytes.Equal(k.PubKey().Address(), s) {
				who = append(who, i)
				sigs = append(sigs, signing.SignatureV2{PubKey: k.PubKey(),
					Data: &signing.SingleSignatureData{SignMode: signing.SignMode_SIGN_MODE_DIRECT, Signature: make([]byte, 64)}})
			}
		}
	}
	require.Len(t, sigs, len(signers))
	require.NoError(t, b.SetSignatures(sigs...))
	bz, err := txc.TxEncoder()(b.GetTx())
	require.NoError(t, err)
	ctx := w.c.app.NewContext(true).WithTxBytes(bz)
	_, err = app.AdmissionAnteHandler(w.c.app)(ctx, b.GetTx(), false)
	return who, err
}

// violation says why an admitted transaction should not have been.
func (w *allowlistWorld) violation(msgs []sdk.Msg, signers []int) string {
	for _, s := range signers {
		switch s {
		case whoFormer, whoStranger:
			return whoNames[s] + " signed"
		case whoInvitee:
			for _, m := range msgs {
				switch m := m.(type) {
				case *consortiumtypes.MsgAcceptAgent:
					continue
				case *consortiumtypes.MsgRemoveAgent:
					if m.Agent == w.addr(whoInvitee) && m.Signer == m.Agent {
						continue
					}
				}
				return "the invitee sent " + sdk.MsgTypeURL(m)
			}
		case whoApp:
			for _, m := range msgs {
				exec, ok := m.(*authz.MsgExec)
				if !ok {
					return "the app sent " + sdk.MsgTypeURL(m)
				}
				inner, _ := exec.GetMessages()
				for _, in := range inner {
					g, ok := in.(*consenttypes.MsgGrantConsent)
					if !ok || g.Patient != w.addr(whoPatient) {
						return "the app executed " + sdk.MsgTypeURL(in) + " it was not authorised for"
					}
				}
			}
		}
	}
	for _, m := range msgs {
		exec, ok := m.(*authz.MsgExec)
		if !ok {
			continue
		}
		inner, _ := exec.GetMessages()
		for _, in := range inner {
			if _, nested := in.(*authz.MsgExec); nested {
				return "a MsgExec inside a MsgExec"
			}
			if directOnlyURLs[sdk.MsgTypeURL(in)] {
				return sdk.MsgTypeURL(in) + " inside a MsgExec"
			}
		}
	}
	return ""
}

// allowlistSeeds are hand-written attacks and legitimate uses, in the
// fuzzer's encoding: party, kind, then the kind's choices.
var allowlistSeeds = []struct {
	name  string
	in    []byte
	admit bool
}{
	{"the member pays its agent", []byte{whoMember, kindSend, whoAgent}, true},
	{"the agent requests access itself", []byte{whoAgent, kindRequest}, true},
	{"the invitee accepts", []byte{whoInvitee, kindAccept}, true},
	{"the invitee declines", []byte{whoInvitee, kindDecline, whoInvitee}, true},
	{"the patient grants", []byte{whoPatient, kindGrant}, true},
	{"the app grants for the patient", []byte{whoApp, kindExec, 0, whoPatient, kindGrant}, true},
	{"the invitee sends funds", []byte{whoInvitee, kindSend, whoMember}, false},
	{"the invitee removes another agent", []byte{whoInvitee, kindDecline, whoAgent}, false},
	{"a removed agent", []byte{whoFormer, kindSend, whoMember}, false},
	{"a stranger enrols itself", []byte{whoStranger, kindAddAgent, whoStranger}, false},
	{"nested MsgExec", []byte{whoApp, kindExec, 0, whoApp, kindExec, 0, whoMember, kindSend, whoApp}, false},
	{"an access request relayed through MsgExec", []byte{whoAgent, kindExec, 0, whoMember, kindRequest}, false},
	{"an acceptance relayed through MsgExec", []byte{whoMember, kindExec, 0, whoInvitee, kindAccept}, false},
	{"the app does more than it was authorised", []byte{whoApp, kindExec, 1, whoPatient, kindGrant, whoPatient, kindSend, whoApp}, false},
	{"the app grants for someone else", []byte{whoApp, kindExec, 0, whoAgent, kindGrant}, false},
	{"the app sends on its own", []byte{whoApp, kindSend, whoMember}, false},
}

// decode turns fuzzer bytes into 1..3 messages.
func (w *allowlistWorld) decode(in []byte) []sdk.Msg {
	d := &decoder{b: in}
	msgs := []sdk.Msg{w.msg(d, 0)}
	for len(d.b) > 0 && len(msgs) < 3 {
		msgs = append(msgs, w.msg(d, 0))
	}
	return msgs
}

// Each seed is admitted or refused as a reader of docs expects.
func TestAllowlistSeeds(t *testing.T) {
	w := newAllowlistWorld(t)
	for _, s := range allowlistSeeds {
		t.Run(s.name, func(t *testing.T) {
			msgs := w.decode(s.in)
			signers, err := w.admit(t, msgs)
			if s.admit {
				require.NoError(t, err)
				require.Empty(t, w.violation(msgs, signers))
				return
			}
			require.Error(t, err, "admitted %v", msgs)
			space, _, _ := errorsmod.ABCIInfo(err, false)
			require.Equal(t, consortiumtypes.ModuleName, space, "refused by the consortium's checks: %v", err)
		})
	}
}

// Random signer sets, message mixes and authz layers through the admission
// checks: whatever they admit is signed only by members' operators and
// agents, known patients, an invitee answering for itself, or an app
// executing exactly what a patient authorised — never a stranger or a
// former agent, never a nested MsgExec, never a direct-only message
// relayed through one.
//
//	go test -fuzz FuzzAllowlist -fuzztime 10m ./app
func FuzzAllowlist(f *testing.F) {
	w := newAllowlistWorld(f)
	for _, s := range allowlistSeeds {
		f.Add(s.in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		msgs := w.decode(in)
		signers, err := w.admit(t, msgs)
		if err != nil {
			return
		}
		if why := w.violation(msgs, signers); why != "" {
			t.Fatalf("admitted: %s (%v)", why, msgs)
		}
	})
}
