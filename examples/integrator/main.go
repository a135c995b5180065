// Command integrator is the integrator's path end to end, over gRPC only,
// with medchain's Go client: a hospital enrols a clinician and anchors a
// lab record for a new patient; the patient's app grants the clinician
// access to it; the clinician's system asks for access and the chain
// decides; the patient's app reads its audit trail back.
//
//	go run ./examples/integrator --grpc 127.0.0.1:9090 --home testnet/.localnet/hospital-a
//
// The hospital's operator key is read from the test keyring of --home (the
// local consortium's); a real service keeps it in an HSM-backed keyring.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func main() {
	target := flag.String("grpc", "127.0.0.1:9090", "gRPC address of a medchain node")
	home := flag.String("home", "testnet/.localnet/hospital-a", "home whose test keyring holds the hospital's operator key")
	key := flag.String("key", "operator", "name of the operator key")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := run(ctx, *target, *home, *key, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, target, home, key string, out io.Writer) error {
	c, err := medclient.Dial(ctx, target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer c.Close()
	enc := app.MakeEncodingConfig()
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, enc.Codec)
	if err != nil {
		return err
	}
	hospital, err := medclient.NewAccount(kr, key)
	if err != nil {
		return fmt.Errorf("operator key %q in %s: %w", key, home, err)
	}
	clinician, err := newKey(enc, "clinician")
	if err != nil {
		return err
	}
	patient, err := newKey(enc, "patient-app")
	if err != nil {
		return err
	}

	// 1. The hospital invites a clinician and funds it; the clinician accepts.
	if _, err := c.Submit(ctx, hospital,
		&consortiumtypes.MsgAddAgent{Operator: hospital.Address.String(), Agent: clinician.Address.String(), Role: consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN},
		banktypes.NewMsgSend(hospital.Address, clinician.Address, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100_000_000)))); err != nil {
		return fmt.Errorf("enrol the clinician: %w", err)
	}
	if _, err := c.Submit(ctx, clinician, &consortiumtypes.MsgAcceptAgent{Agent: clinician.Address.String(), Member: hospital.Address.String()}); err != nil {
		return fmt.Errorf("accept: %w", err)
	}

	// 2. The clinician anchors a lab record of the patient (its salted hash
	// only); the hospital pays the patient's fees from now on.
	digest := make([]byte, 32)
	id := make([]byte, 16)
	if _, err := rand.Read(digest); err != nil {
		return err
	}
	if _, err := rand.Read(id); err != nil {
		return err
	}
	recordID := hex.EncodeToString(id)
	allowance, err := app.NewPatientAllowance(hospital.Address, patient.Address, 20, c.Fee())
	if err != nil {
		return err
	}
	anchored, err := c.Submit(ctx, clinician, &recordstypes.MsgAnchorRecord{
		Signer: clinician.Address.String(), RecordId: recordID, Patient: patient.Address.String(),
		Category: recordstypes.Category_CATEGORY_LAB, Uri: "https://fhir.hospital.example/" + recordID,
		ContentHash: &recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: digest},
	})
	if err != nil {
		return fmt.Errorf("anchor: %w", err)
	}
	if _, err := c.Submit(ctx, hospital, allowance); err != nil {
		return fmt.Errorf("sponsor the patient: %w", err)
	}
	patient.FeeGranter = hospital.Address
	fmt.Fprintf(out, "anchored record %s at height %d (tx %s)\n", recordID, anchored.Height, anchored.TxHash)

	// 3. The patient's app grants the clinician this record for treatment, for 7 days.
	record := recordstypes.RecordRef{Custodian: hospital.Address.String(), RecordId: recordID}
	granted, err := c.Submit(ctx, patient, &consenttypes.MsgGrantConsent{
		Patient: patient.Address.String(), Grantee: clinician.Address.String(), Records: []recordstypes.RecordRef{record},
		Purposes: []consenttypes.Purpose{consenttypes.Purpose_PURPOSE_TREAT}, ExpiresAt: time.Now().Add(7 * 24 * time.Hour).UTC(),
	})
	if err != nil {
		return fmt.Errorf("grant: %w", err)
	}
	var grant consenttypes.MsgGrantConsentResponse
	if err := granted.MsgResponse(0, &grant); err != nil {
		return err
	}
	fmt.Fprintf(out, "patient granted consent %d\n", grant.GrantId)

	// 4. The clinician's system asks for access; the chain decides and records it.
	asked, err := c.Submit(ctx, clinician, &audittypes.MsgRequestAccess{
		Accessor: clinician.Address.String(), Patient: patient.Address.String(), Custodian: record.Custodian, RecordId: record.RecordId,
		Action: audittypes.Action_ACTION_READ, Purpose: consenttypes.Purpose_PURPOSE_TREAT,
	})
	if err != nil {
		return fmt.Errorf("request access: %w", err)
	}
	var decision audittypes.MsgRequestAccessResponse
	if err := asked.MsgResponse(0, &decision); err != nil {
		return err
	}
	recorded, ok := medclient.Event[*audittypes.EventAccessRecorded](asked)
	if !ok {
		return fmt.Errorf("no EventAccessRecorded in tx %s", asked.TxHash)
	}
	fmt.Fprintf(out, "access %s under grant %d (event %d)\n", decision.Decision, decision.GrantId, recorded.EventId)

	// 5. The patient's app reads its audit trail back.
	events, err := audittypes.NewQueryClient(c.Conn()).EventsByPatient(ctx, &audittypes.QueryEventsByPatientRequest{Patient: patient.Address.String()})
	if err != nil {
		return err
	}
	for _, e := range events.Events {
		fmt.Fprintf(out, "audit: event %d at height %d: %s by %s for %s: %s\n", e.Id, e.Height, e.Action, e.Accessor, e.Purpose, e.Decision)
	}
	return nil
}

// newKey is a fresh key in an in-memory keyring, as a patient's app or a
// clinician's workstation keeps one.
func newKey(enc app.EncodingConfig, name string) (medclient.Account, error) {
	kr := keyring.NewInMemory(enc.Codec)
	if _, _, err := kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1); err != nil {
		return medclient.Account{}, err
	}
	return medclient.NewAccount(kr, name)
}
