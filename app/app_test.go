package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/ed25519"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsign "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/app"
	"github.com/medchain/medchain/testutil"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

const chainID = "medchain-test"

type testChain struct {
	t        testing.TB
	app      *app.App
	db       dbm.DB
	cfg      chainConfig
	gasLimit uint64
	height   int64
	time     time.Time
	member   cryptotypes.PrivKey
	// memberAddress caches memberAddr.
	memberAddress sdk.AccAddress
	nodeID        string
	balance       sdk.Coins
}

// newTestChain starts a real app at genesis with one hospital member and one
// funded stranger who is not a member. opts are app.toml settings and
// baseapp options, as a node's start command passes them.
func newTestChain(t testing.TB, stranger cryptotypes.PrivKey, opts ...chainOption) *testChain {
	t.Helper()
	cfg := chainConfig{appOpts: simtestutil.AppOptionsMap{}}
	for _, o := range opts {
		o(&cfg)
	}
	db := cfg.db
	if db == nil {
		db = dbm.NewMemDB()
	}
	a := app.New(log.NewNopLogger(), db, true, cfg.appOpts, append(cfg.baseOpts, baseapp.SetChainID(chainID))...)
	c := &testChain{
		t: t, app: a, db: db, cfg: cfg, time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), gasLimit: 400_000,
		member: secp256k1.GenPrivKey(), balance: sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1_000_000_000))),
	}
	h := sha256.Sum256([]byte("hospital node"))
	c.nodeID = hex.EncodeToString(h[:20])

	cdc := a.AppCodec()
	state := a.DefaultGenesis()
	memberAddr := sdk.AccAddress(c.member.PubKey().Address())
	strangerAddr := sdk.AccAddress(stranger.PubKey().Address())

	var authGen authtypes.GenesisState
	cdc.MustUnmarshalJSON(state[authtypes.ModuleName], &authGen)
	accs, err := authtypes.PackAccounts(authtypes.GenesisAccounts{authtypes.NewBaseAccountWithAddress(strangerAddr)})
	require.NoError(t, err)
	authGen.Accounts = accs
	state[authtypes.ModuleName] = cdc.MustMarshalJSON(&authGen)

	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bankGen)
	bankGen.Balances = []banktypes.Balance{
		{Address: memberAddr.String(), Coins: c.balance},
		{Address: strangerAddr.String(), Coins: c.balance},
	}
	bankGen.Supply = c.balance.Add(c.balance...)
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)

	consortium := consortiumtypes.DefaultGenesis()
	consortium.Members = []consortiumtypes.Member{{
		Operator: memberAddr.String(), Name: "Hospital A",
		Roles:           []consortiumtypes.Role{consortiumtypes.Role_ROLE_HOSPITAL},
		ConsensusPubkey: ed25519.GenPrivKey().PubKey().Bytes(),
		NodeIds:         []string{c.nodeID},
		Status:          consortiumtypes.MemberStatus_MEMBER_STATUS_ACTIVE,
	}}
	state[consortiumtypes.ModuleName] = cdc.MustMarshalJSON(consortium)

	appState, err := json.Marshal(state)
	require.NoError(t, err)
	res, err := a.InitChain(&abci.RequestInitChain{
		ChainId: chainID, Time: c.time, AppStateBytes: appState,
		ConsensusParams: consensusParams(), InitialHeight: 1,
	})
	require.NoError(t, err)
	require.Len(t, res.Validators, 1, "the hospital is the genesis validator set")
	return c
}

// chainConfig is what a node's operator configures.
type chainConfig struct {
	appOpts  simtestutil.AppOptionsMap
	baseOpts []func(*baseapp.BaseApp)
	db       dbm.DB // the node's database; a new in-memory one when nil
}

type chainOption func(*chainConfig)

// withAppOption sets an app.toml key.
func withAppOption(key string, v any) chainOption {
	return func(c *chainConfig) { c.appOpts[key] = v }
}

// withDB runs the chain over db.
func withDB(db dbm.DB) chainOption {
	return func(c *chainConfig) { c.db = db }
}

// withBaseApp adds a baseapp option (minimum gas prices, query gas limit, …).
func withBaseApp(o func(*baseapp.BaseApp)) chainOption {
	return func(c *chainConfig) { c.baseOpts = append(c.baseOpts, o) }
}

// signedTx returns a bank send of 1umed from priv, signed for the next block.
func (c *testChain) signedTx(priv cryptotypes.PrivKey, to sdk.AccAddress, accNum, seq uint64) []byte {
	from := sdk.AccAddress(priv.PubKey().Address())
	msg := banktypes.NewMsgSend(from, to, sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1))))
	return c.buildTx(priv, accNum, seq, nil, nil, msg)
}

// buildTx signs msgs by priv (SIGN_MODE_DIRECT) with an optional fee and fee granter.
func (c *testChain) buildTx(priv cryptotypes.PrivKey, accNum, seq uint64, fee sdk.Coins, feeGranter sdk.AccAddress, msgs ...sdk.Msg) []byte {
	return c.buildTxWith(priv, accNum, seq, func(b client.TxBuilder) {
		b.SetFeeAmount(fee)
		b.SetFeeGranter(feeGranter)
	}, msgs...)
}

// buildTxWith signs msgs by priv after set shapes the unsigned transaction.
func (c *testChain) buildTxWith(priv cryptotypes.PrivKey, accNum, seq uint64, set func(client.TxBuilder), msgs ...sdk.Msg) []byte {
	c.t.Helper()
	txc := c.app.TxConfig()
	b := txc.NewTxBuilder()
	require.NoError(c.t, b.SetMsgs(msgs...))
	b.SetGasLimit(c.gasLimit)
	set(b)
	sig := signing.SignatureV2{PubKey: priv.PubKey(), Data: &signing.SingleSignatureData{SignMode: signing.SignMode_SIGN_MODE_DIRECT}, Sequence: seq}
	require.NoError(c.t, b.SetSignatures(sig))
	bytesToSign, err := authsign.GetSignBytesAdapter(context.Background(), txc.SignModeHandler(), signing.SignMode_SIGN_MODE_DIRECT,
		authsign.SignerData{
			Address: sdk.AccAddress(priv.PubKey().Address()).String(), ChainID: chainID,
			AccountNumber: accNum, Sequence: seq, PubKey: priv.PubKey(),
		}, b.GetTx())
	require.NoError(c.t, err)
	sig.Data.(*signing.SingleSignatureData).Signature, err = priv.Sign(bytesToSign)
	require.NoError(c.t, err)
	require.NoError(c.t, b.SetSignatures(sig))
	bz, err := txc.TxEncoder()(b.GetTx())
	require.NoError(c.t, err)
	return bz
}

// tx signs msgs by priv with its current account number and sequence.
func (c *testChain) tx(priv cryptotypes.PrivKey, fee sdk.Coins, feeGranter sdk.AccAddress, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	acc := c.app.AccountKeeper.GetAccount(c.app.NewContext(true), sdk.AccAddress(priv.PubKey().Address()))
	require.NotNil(c.t, acc, "signer has no account")
	return c.buildTx(priv, acc.GetAccountNumber(), acc.GetSequence(), fee, feeGranter, msgs...)
}

// block executes txs in the next block and commits it.
func (c *testChain) block(txs ...[]byte) []*abci.ExecTxResult {
	c.t.Helper()
	c.height++
	c.time = c.time.Add(time.Second)
	res, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{Height: c.height, Time: c.time, Txs: txs})
	require.NoError(c.t, err)
	_, err = c.app.Commit()
	require.NoError(c.t, err)
	return res.TxResults
}

// restart replaces the app with a new one over the same database, as a node
// process that stopped and started again: it loads the last committed state
// and has executed nothing since.
func (c *testChain) restart() {
	c.t.Helper()
	c.app = app.New(log.NewNopLogger(), c.db, true, c.cfg.appOpts, append(c.cfg.baseOpts, baseapp.SetChainID(chainID))...)
	require.Equal(c.t, c.height, c.app.LastBlockHeight())
}

func (c *testChain) accountNumber(addr sdk.AccAddress) uint64 {
	ctx := c.app.NewContext(true)
	return c.app.AccountKeeper.GetAccount(ctx, addr).GetAccountNumber()
}

// consensusParams are the SDK's test consensus params with no authority of
// their own: the keepers' (the consortium's) stands.
func consensusParams() *cmtproto.ConsensusParams {
	p := *simtestutil.DefaultConsensusParams
	p.Authority = nil
	return &p
}

// ok requires the block's first transaction to have succeeded.
func (c *testChain) ok(res []*abci.ExecTxResult) {
	c.t.Helper()
	require.Zero(c.t, res[0].Code, res[0].Log)
}

// knownPatient has the member anchor a lab record for patient, which makes
// the patient known (an account, on the signer allowlist).
func (c *testChain) knownPatient(patient sdk.AccAddress, record string) {
	c.t.Helper()
	member := sdk.AccAddress(c.member.PubKey().Address())
	hash := recordstypes.ContentHash{Algorithm: recordstypes.HashAlgorithm_HASH_ALGORITHM_SHA2_256, Digest: make([]byte, 32)}
	c.ok(c.block(c.tx(c.member, nil, nil, &recordstypes.MsgAnchorRecord{
		Signer: member.String(), RecordId: testutil.RecordID(record), Patient: patient.String(),
		Category: recordstypes.Category_CATEGORY_LAB, ContentHash: &hash, Uri: "https://fhir.example/" + testutil.RecordID(record),
	})))
}
