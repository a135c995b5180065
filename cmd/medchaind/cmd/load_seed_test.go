package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/client/load"
	"github.com/medchain/medchain/testutil"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// bankState is a module's genesis that seeding must leave as it is.
const bankState = `{"balances":[{"address":"someone","coins":[{"denom":"umed","amount":"7"}]}]}`

// writeGenesis writes file: a genesis at testutil.T0 whose consortium,
// consent and audit state hold members, grants and events, beside a bank
// state.
func writeGenesis(t *testing.T, file string, members []consortiumtypes.Member, grants []consenttypes.Grant, events []audittypes.AccessEvent) {
	t.Helper()
	cdc := app.MakeEncodingConfig().Codec
	state := map[string]json.RawMessage{"bank": json.RawMessage(bankState)}
	var err error
	state[consortiumtypes.ModuleName], err = cdc.MarshalJSON(&consortiumtypes.GenesisState{Members: members})
	require.NoError(t, err)
	state[consenttypes.ModuleName], err = cdc.MarshalJSON(&consenttypes.GenesisState{Grants: grants})
	require.NoError(t, err)
	state[audittypes.ModuleName], err = cdc.MarshalJSON(&audittypes.GenesisState{Events: events})
	require.NoError(t, err)
	gen := &genutiltypes.AppGenesis{ChainID: "medchain-test", GenesisTime: testutil.T0}
	gen.AppState, err = json.Marshal(state)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o700))
	require.NoError(t, gen.SaveAs(file))
}

// setModuleState replaces one module's genesis state in file with raw.
func setModuleState(t *testing.T, file, module, raw string) {
	t.Helper()
	gen, err := genutiltypes.AppGenesisFromFile(file)
	require.NoError(t, err)
	state := appState(t, file)
	state[module] = json.RawMessage(raw)
	gen.AppState, err = json.Marshal(state)
	require.NoError(t, err)
	require.NoError(t, gen.SaveAs(file))
}

// member is testutil.Member with this chain's addresses.
func member(name string, key byte) consortiumtypes.Member {
	return testutil.Member(addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix()), name, key)
}

// consortium is two validating hospitals with a regulator, which has no
// consensus key, between them; and the hospitals' operators.
func consortium() ([]consortiumtypes.Member, []string) {
	a, reg, b := member("hospital-a", 1), member("regulator", 0), member("hospital-b", 2)
	return []consortiumtypes.Member{a, reg, b}, []string{a.Operator, b.Operator}
}

func seeded(t *testing.T, file string) (consenttypes.GenesisState, audittypes.GenesisState) {
	t.Helper()
	cdc := app.MakeEncodingConfig().Codec
	state := appState(t, file)
	var consent consenttypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(state[consenttypes.ModuleName], &consent))
	var audit audittypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(state[audittypes.ModuleName], &audit))
	return consent, audit
}

// Seeded grants and events take the ids after the highest the genesis
// has, wherever it stands, and the genesis keeps what it had.
func TestSeedGenesisContinuesAfterExistingIDs(t *testing.T) {
	members, validators := consortium()
	file := filepath.Join(t.TempDir(), "genesis.json")
	had := []consenttypes.Grant{{Id: 3, Patient: "p3"}, {Id: 99, Patient: "p99"}, {Id: 7, Patient: "p7"}}
	writeGenesis(t, file, members, had, []audittypes.AccessEvent{{Id: 41}, {Id: 2}})

	require.NoError(t, seedGenesis(file, 4, 12))
	consent, audit := seeded(t, file)
	require.Len(t, consent.Grants, 3+4)
	for i, g := range had {
		require.Equal(t, g.Id, consent.Grants[i].Id, "existing grant %d kept in place", i)
		require.Equal(t, g.Patient, consent.Grants[i].Patient)
	}
	for i, g := range consent.Grants[3:] {
		require.EqualValues(t, 100+i, g.Id, "after 99, not after the last one listed (7)")
		require.Equal(t, load.SeedPatient(uint64(i)).String(), g.Patient)
		require.Equal(t, validators[i%2], g.Grantee, "round robin over the validating members; the regulator is skipped")
		require.Equal(t, g.Grantee, g.GranteeMember)
		require.Equal(t, consenttypes.GrantStatus_GRANT_STATUS_ACTIVE, g.Status)
		require.True(t, g.CreatedAt.Equal(testutil.T0), "granted at the genesis time")
		require.True(t, g.ExpiresAt.After(testutil.T0.AddDate(0, 11, 0)), "for about a year")
	}
	require.Len(t, audit.Events, 2+12)
	for i, e := range audit.Events[2:] {
		require.EqualValues(t, 42+i, e.Id)
		require.Equal(t, load.SeedPatient(uint64(i/load.EventsPerPatient)).String(), e.Patient)
		require.NotEqual(t, e.Custodian, e.Accessor, "a member reads another member's record")
		require.Contains(t, validators, e.Accessor)
		require.Equal(t, audittypes.Decision_DECISION_ALLOWED, e.Decision)
	}

	gen, err := genutiltypes.AppGenesisFromFile(file)
	require.NoError(t, err)
	require.Equal(t, "medchain-test", gen.ChainID)
	require.True(t, gen.GenesisTime.Equal(testutil.T0))
	require.JSONEq(t, bankState, string(appState(t, file)["bank"]), "other modules' state is kept")
	got, err := seededMembers(file)
	require.NoError(t, err)
	require.Equal(t, validators, got)
}

// A seed refused for its bounds or for having no grantee leaves the
// genesis file as it was: no half-seeded genesis.
func TestSeedGenesisRefusesAndLeavesTheFile(t *testing.T) {
	members, _ := consortium()
	file := filepath.Join(t.TempDir(), "genesis.json")
	writeGenesis(t, file, members, nil, nil)
	before, err := os.ReadFile(file)
	require.NoError(t, err)
	for _, c := range []struct {
		grants, events uint64
		want           string
	}{
		{load.MaxSeed + 1, 0, "at most 5000000 grants"},
		{0, load.MaxSeed + 1, "at most 5000000 events"},
		{5, load.MaxSeed + 1, "at most 5000000 events"}, // the grants alone would do
		{1 << 63, 1 << 63, "at most 5000000 grants"},
	} {
		require.ErrorContains(t, seedGenesis(file, c.grants, c.events), c.want, "%d grants, %d events", c.grants, c.events)
		after, err := os.ReadFile(file)
		require.NoError(t, err)
		require.Equal(t, before, after, "%d grants, %d events: the file is untouched", c.grants, c.events)
	}

	regulatorOnly := filepath.Join(t.TempDir(), "genesis.json")
	writeGenesis(t, regulatorOnly, []consortiumtypes.Member{member("regulator", 0)}, nil, nil)
	require.ErrorContains(t, seedGenesis(regulatorOnly, 1, 0), "at least one member", "nobody validates: nobody to grant")
	require.ErrorContains(t, seedGenesis(regulatorOnly, 0, 1), "at least one member")
	consent, audit := seeded(t, regulatorOnly)
	require.Empty(t, consent.Grants)
	require.Empty(t, audit.Events)
}

// medchaind load seed names what is wrong with its argument, its flags or
// the genesis it is given.
func TestLoadSeedRefusesBadInput(t *testing.T) {
	members, _ := consortium()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	writeGenesis(t, good, members, nil, nil)
	notJSON := filepath.Join(dir, "not.json")
	require.NoError(t, os.WriteFile(notJSON, []byte("{not json"), 0o600))
	noState := filepath.Join(dir, "nostate.json")
	require.NoError(t, os.WriteFile(noState, []byte(`{"chain_id":"x","app_state":{}}`), 0o600))
	module := func(name, raw string) string {
		file := filepath.Join(dir, name+".json")
		writeGenesis(t, file, members, nil, nil)
		setModuleState(t, file, name, raw)
		return file
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "accepts 1 arg(s), received 0"},
		{[]string{good, good}, "accepts 1 arg(s), received 2"},
		{[]string{filepath.Join(dir, "missing.json")}, "missing.json: no such file or directory"},
		{[]string{dir}, "is a directory"},
		{[]string{notJSON}, "invalid character"},
		{[]string{noState}, "consortium genesis"},
		{[]string{module(consortiumtypes.ModuleName, `{"members":5}`)}, "consortium genesis"},
		{[]string{module(consenttypes.ModuleName, `{"grants":"all of them"}`)}, "consent genesis"},
		{[]string{module(audittypes.ModuleName, `[]`)}, "audit genesis"},
		{[]string{good, "--grants", "-1"}, `invalid argument "-1" for "--grants"`},
		{[]string{good, "--events", "lots"}, `invalid argument "lots" for "--events"`},
		{[]string{good, "--grants", "18446744073709551616"}, "value out of range"},
		{[]string{good, "--events", "5000001"}, "at most 5000000 events"},
	} {
		_, err := runRoot(t, append([]string{"load", "seed"}, c.args...)...)
		require.ErrorContains(t, err, c.want, "%v", c.args)
	}
	consent, audit := seeded(t, good)
	require.Empty(t, consent.Grants, "no refused seed wrote anything")
	require.Empty(t, audit.Events)

	_, err := runRoot(t, "load", "seed", good, "--grants", "3", "--events", "20")
	require.NoError(t, err)
	consent, audit = seeded(t, good)
	require.Len(t, consent.Grants, 3)
	require.Len(t, audit.Events, 20)
}

// The validating members are those with a consensus key, in genesis order.
func TestValidatingMembers(t *testing.T) {
	require.Empty(t, validatingMembers(consortiumtypes.GenesisState{}))
	members, validators := consortium()
	require.Equal(t, validators, validatingMembers(consortiumtypes.GenesisState{Members: members}))
	emptyKey, late := member("empty-key", 0), member("late", 6)
	emptyKey.ConsensusPubkey = []byte{}
	late.ConsensusPubkey = []byte{6}
	members = append(append([]consortiumtypes.Member{emptyKey}, members...), late)
	require.Equal(t, append(validators, late.Operator), validatingMembers(consortiumtypes.GenesisState{Members: members}),
		"an empty key validates nothing; any other key does")
}

// seededMembers names what it could not read.
func TestSeededMembersRefusesBadGenesis(t *testing.T) {
	dir := t.TempDir()
	_, err := seededMembers(filepath.Join(dir, "missing.json"))
	require.ErrorContains(t, err, "missing.json")
	members, _ := consortium()
	file := filepath.Join(dir, "genesis.json")
	writeGenesis(t, file, members, nil, nil)
	setModuleState(t, file, consortiumtypes.ModuleName, `{"members":[{"operator":7}]}`)
	_, err = seededMembers(file)
	require.ErrorContains(t, err, "consortium genesis")
}
