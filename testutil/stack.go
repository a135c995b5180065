package testutil

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/core/address"
	"cosmossdk.io/log/v2"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/store/v2"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing"
	gogoproto "github.com/cosmos/gogoproto/proto"

	"github.com/medchain/medchain/internal/modulekit"
	auditkeeper "github.com/medchain/medchain/x/audit/keeper"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consentkeeper "github.com/medchain/medchain/x/consent/keeper"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumkeeper "github.com/medchain/medchain/x/consortium/keeper"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordskeeper "github.com/medchain/medchain/x/records/keeper"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// T0 is the block time a Stack starts at.
var T0 = time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)

// Stack is medchain's four keepers, wired as the app wires them, over one
// in-memory multistore, with a consortium the test describes: the keeper
// stack every module's tests build on.
//
//	s := testutil.NewStack(t).
//		WithMember("hospital-a", consortiumtypes.Role_ROLE_HOSPITAL).
//		WithAgent("dr-a", "hospital-a", consortiumtypes.AgentRole_AGENT_ROLE_CLINICIAN).
//		Build()
//	s.Anchor("dr-a", "patient-1", "lab-1", recordstypes.Category_CATEGORY_LAB)
type Stack struct {
	T          testing.TB
	Ctx        sdk.Context
	AC         address.Codec
	Accounts   *Accounts
	Keys       map[string]*storetypes.KVStoreKey
	Consortium consortiumkeeper.Keeper
	Records    recordskeeper.Keeper
	Consent    consentkeeper.Keeper
	Audit      auditkeeper.Keeper
	// Router executes messages as the app's router does (passed proposals use it).
	Router *baseapp.MsgServiceRouter
	// Genesis is the consortium InitGenesis loads at Build; With* fill it.
	Genesis consortiumtypes.GenesisState
}

// NewStack builds the keepers over empty stores at T0, height 10.
func NewStack(t testing.TB) *Stack {
	t.Helper()
	keys := storetypes.NewKVStoreKeys(consortiumtypes.StoreKey, recordstypes.StoreKey, consenttypes.StoreKey, audittypes.StoreKey)
	cms := store.NewCommitMultiStore(dbm.NewMemDB(), log.NewNopLogger())
	for _, k := range keys {
		cms.MountStoreWithDB(k, storetypes.StoreTypeDB, dbm.NewMemDB())
	}
	if err := cms.LoadLatestVersion(); err != nil {
		t.Fatal(err)
	}
	ac := addresscodec.NewBech32Codec(modulekit.Bech32Prefix)
	reg := Registry(t)
	for _, register := range []func(codectypes.InterfaceRegistry){
		consortiumtypes.RegisterInterfaces, recordstypes.RegisterInterfaces, consenttypes.RegisterInterfaces, audittypes.RegisterInterfaces,
	} {
		register(reg)
	}
	cdc := codec.NewProtoCodec(reg)
	router := baseapp.NewMsgServiceRouter()
	router.SetInterfaceRegistry(reg)
	authority, err := ac.BytesToString(authtypes.NewModuleAddress(consortiumtypes.ModuleName))
	if err != nil {
		t.Fatal(err)
	}
	accounts := NewAccounts()
	ck := consortiumkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[consortiumtypes.StoreKey]), ac, accounts, router, authority)
	rk := recordskeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[recordstypes.StoreKey]), ac, ck)
	cons := consentkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[consenttypes.StoreKey]), ac, ck, rk)
	audit := auditkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[audittypes.StoreKey]), ac, cons, ck, rk)
	consortiumtypes.RegisterMsgServer(router, consortiumkeeper.NewMsgServer(ck))
	recordstypes.RegisterMsgServer(router, recordskeeper.NewMsgServer(rk))
	consenttypes.RegisterMsgServer(router, consentkeeper.NewMsgServer(cons))
	audittypes.RegisterMsgServer(router, auditkeeper.NewMsgServer(audit))
	ctx := sdk.NewContext(cms, cmtproto.Header{Time: T0, Height: 10}, false, log.NewNopLogger())
	return &Stack{
		T: t, Ctx: ctx, AC: ac, Accounts: accounts, Keys: keys,
		Consortium: ck, Records: rk, Consent: cons, Audit: audit, Router: router,
		Genesis: consortiumtypes.GenesisState{Params: consortiumtypes.DefaultParams()},
	}
}

// The modules' genesis, each through its keeper on a Stack.
var (
	ConsortiumGenesis = genesisIO(consortiumtypes.StoreKey, func(s *Stack) consortiumkeeper.Keeper { return s.Consortium },
		func(k consortiumkeeper.Keeper, ctx context.Context, gs consortiumtypes.GenesisState) error {
			_, err := k.InitGenesis(ctx, gs) // the validator updates go to CometBFT, not to the test
			return err
		}, consortiumkeeper.Keeper.ExportGenesis)
	RecordsGenesis = genesisIO(recordstypes.StoreKey, func(s *Stack) recordskeeper.Keeper { return s.Records },
		recordskeeper.Keeper.InitGenesis, recordskeeper.Keeper.ExportGenesis)
	ConsentGenesis = genesisIO(consenttypes.StoreKey, func(s *Stack) consentkeeper.Keeper { return s.Consent },
		consentkeeper.Keeper.InitGenesis, consentkeeper.Keeper.ExportGenesis)
	AuditGenesis = genesisIO(audittypes.StoreKey, func(s *Stack) auditkeeper.Keeper { return s.Audit },
		auditkeeper.Keeper.InitGenesis, auditkeeper.Keeper.ExportGenesis)
)

// WithMember adds an active validating member (a consensus key and a node ID
// derived from its name).
func (s *Stack) WithMember(name string, roles ...consortiumtypes.Role) *Stack {
	s.Genesis.Members = append(s.Genesis.Members, s.NewMember(name, true, roles...))
	return s
}

// WithObserver adds an active member that does not validate (a lab, an
// insurer, a regulator).
func (s *Stack) WithObserver(name string, roles ...consortiumtypes.Role) *Stack {
	s.Genesis.Members = append(s.Genesis.Members, s.NewMember(name, false, roles...))
	return s
}

// NewMember is an active member named name, with a node ID derived from its
// name and, if validator, a consensus key.
func (s *Stack) NewMember(name string, validator bool, roles ...consortiumtypes.Role) consortiumtypes.Member {
	m := consortiumtypes.Member{
		Operator: s.Str(name), Name: fmt.Sprintf("Institution %s", name), Roles: roles,
		NodeIds: []string{NodeID(name)}, Status: consortiumtypes.MemberStatus_MEMBER_STATUS_ACTIVE,
	}
	if validator {
		m.ConsensusPubkey = ConsensusKey(name)
	}
	return m
}

// WithAgent adds name as an agent of member in role.
func (s *Stack) WithAgent(name, member string, role consortiumtypes.AgentRole) *Stack {
	s.Genesis.Agents = append(s.Genesis.Agents, consortiumtypes.Agent{Address: s.Str(name), Member: s.Str(member), Role: role})
	return s
}

// Build loads the consortium genesis and default params of every module.
func (s *Stack) Build() *Stack {
	s.T.Helper()
	if _, err := s.Consortium.InitGenesis(s.Ctx, s.Genesis); err != nil {
		s.T.Fatalf("consortium genesis: %v", err)
	}
	if err := s.Consent.Params.Set(s.Ctx, consenttypes.DefaultParams()); err != nil {
		s.T.Fatal(err)
	}
	return s
}

// Addr is the test address of name.
func (s *Stack) Addr(name string) sdk.AccAddress { return Addr(name) }

// Str is the bech32 address of name.
func (s *Stack) Str(name string) string { return Bech32(s.AC, name) }

// At moves the stack's block time to t.
func (s *Stack) At(t time.Time) *Stack {
	s.Ctx = s.Ctx.WithBlockTime(t)
	return s
}

// Hash is a deterministic content hash of name.
func Hash(name string) recordstypes.ContentHash {
	d := sha256.Sum256([]byte("content/" + name))
	return recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: d[:]}
}

// RecordID is a deterministic opaque record id (32 hex digits) for name.
func RecordID(name string) string {
	d := sha256.Sum256([]byte("record/" + name))
	return hex.EncodeToString(d[:16])
}

// NoteHash is a deterministic note hash for name.
func NoteHash(name string) []byte {
	d := sha256.Sum256([]byte("note/" + name))
	return d[:]
}

// Salt is a deterministic 32-byte salt for name.
func Salt(name string) []byte {
	d := sha256.Sum256([]byte("salt/" + name))
	return d[:]
}

// Anchor has signer anchor the record named name, of category, for patient
// and returns its reference; a sensitive category is anchored as restricted
// with its commitment, as the CLI does. It fails the test if the keeper
// refuses.
func (s *Stack) Anchor(signer, patient, name string, category recordstypes.Category) recordstypes.RecordRef {
	s.T.Helper()
	v := recordstypes.RecordVersion{RecordId: RecordID(name), Category: category, ContentHash: Hash(name), Uri: "https://fhir.example/" + RecordID(name)}
	if category.IsSensitive() {
		v.Category, v.CategoryCommitment = recordstypes.Category_CATEGORY_RESTRICTED, recordstypes.CategoryCommitment(Salt(name), category)
	}
	if err := s.Records.Anchor(s.Ctx, s.Addr(signer), s.Addr(patient), v); err != nil {
		s.T.Fatalf("anchor %s: %v", name, err)
	}
	m, err := s.Consortium.SignerMember(s.Ctx, s.Addr(signer))
	if err != nil {
		s.T.Fatal(err)
	}
	return recordstypes.RecordRef{Custodian: m.Operator, RecordId: v.RecordId}
}

// Grant has patient grant grantee the scope for purposes until expires and
// returns the grant id; it fails the test if the keeper refuses.
func (s *Stack) Grant(patient, grantee string, categories []recordstypes.Category, records []recordstypes.RecordRef, purposes []consenttypes.Purpose, expires time.Time) uint64 {
	s.T.Helper()
	id, err := s.Consent.Grant(s.Ctx, consentkeeper.GrantRequest{
		Patient: s.Addr(patient), Grantee: s.Addr(grantee), Categories: categories, Records: records,
		Purposes: purposes, ExpiresAt: expires,
	})
	if err != nil {
		s.T.Fatalf("grant: %v", err)
	}
	return id
}

// ConsensusKey derives a deterministic ed25519 public key from a name.
func ConsensusKey(name string) []byte {
	seed := sha256.Sum256([]byte("cons/" + name))
	return ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
}

// NodeID derives a deterministic CometBFT node ID from a name.
func NodeID(name string) string {
	h := sha256.Sum256([]byte("node/" + name))
	return hex.EncodeToString(h[:20])
}

// Registry is an interface registry that reads messages' signers with the
// chain's address prefixes, as the app's does.
func Registry(t testing.TB) codectypes.InterfaceRegistry {
	t.Helper()
	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: gogoproto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          addresscodec.NewBech32Codec(modulekit.Bech32Prefix),
			ValidatorAddressCodec: addresscodec.NewBech32Codec("medvaloper"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return registry
}

// SignersOf returns the addresses that must sign msg, as the chain's
// codec reads them from the message's signer annotations.
func SignersOf(t testing.TB, msg sdk.Msg) [][]byte {
	t.Helper()
	signers, _, err := codec.NewProtoCodec(Registry(t)).GetMsgV1Signers(msg)
	if err != nil {
		t.Fatal(err)
	}
	return signers
}

func init() { modulekit.SetAddressPrefixes() }
