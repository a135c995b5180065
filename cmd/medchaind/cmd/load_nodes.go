package cmd

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/medchain/medchain/app"
	medclient "github.com/medchain/medchain/client"
	"github.com/medchain/medchain/client/load"
	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
)

// maxLoadNodes bounds the nodes one run goes through.
const maxLoadNodes = 64

// loadBase is a run's configuration before its steps.
type loadBase struct {
	cfg    load.Config
	system string
	step   time.Duration
}

func newLoadBase(cmd *cobra.Command, workload string) (*loadBase, error) {
	f := cmd.Flags()
	b := &loadBase{cfg: load.Config{Workload: workload}}
	b.system, _ = f.GetString(flagSystem)
	b.step, _ = f.GetDuration(flagStep)
	b.cfg.Warmup, _ = f.GetDuration(flagWarmup)
	b.cfg.Drain, _ = f.GetDuration(flagDrain)
	accounts, _ := f.GetInt(flagAccounts)
	if accounts < 1 || accounts > load.MaxAccounts {
		return nil, fmt.Errorf("--%s must be in 1..%d, got %d", flagAccounts, load.MaxAccounts, accounts)
	}
	if workload == kvWorkload {
		nodes, _ := f.GetStringSlice(flagNodes)
		size, _ := f.GetInt(flagSize)
		if len(nodes) == 0 || len(nodes) > maxLoadNodes {
			return nil, fmt.Errorf("kv needs --%s: 1..%d CometBFT RPC addresses", flagNodes, maxLoadNodes)
		}
		if size < load.MinKVSize || size > int(consortiumtypes.DefaultMaxTxBytes) {
			return nil, fmt.Errorf("--%s must be in %d..%d bytes, got %d", flagSize, load.MinKVSize, consortiumtypes.DefaultMaxTxBytes, size)
		}
		b.cfg.Nodes = nodes
		for i := 0; i < accounts; i++ {
			b.cfg.Streams = append(b.cfg.Streams, load.KVStream{Size: size})
			b.cfg.Pin = append(b.cfg.Pin, i%len(nodes))
		}
		return b, nil
	}
	homes, _ := f.GetStringSlice(flagHomes)
	if len(homes) == 0 || len(homes) > maxLoadNodes {
		return nil, fmt.Errorf("%s needs --%s: 1..%d node homes", workload, flagHomes, maxLoadNodes)
	}
	keyName, _ := f.GetString(flagOperator)
	var nodes []load.Node
	for _, h := range homes {
		n, err := loadNode(cmd, h, keyName)
		if err != nil {
			return nil, fmt.Errorf("node home %s: %w", h, err)
		}
		nodes = append(nodes, n)
		b.cfg.Nodes = append(b.cfg.Nodes, n.RPC)
	}
	leaves, _ := f.GetUint64(flagLeaves)
	p, err := load.Prepare(cmd.Context(), nodes, workload, accounts, load.Options{BatchLeaves: leaves, GrantFor: 30 * 24 * time.Hour})
	if err != nil {
		return nil, err
	}
	for _, s := range p.Streams {
		b.cfg.Streams = append(b.cfg.Streams, s)
	}
	b.cfg.Pin = p.Pin
	_, _ = fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d accounts over %d nodes, %d gas and %d bytes per transaction\n", workload, accounts, len(nodes), p.Gas, p.TxBytes)
	return b, nil
}

// loadNode reads a node's home: its RPC (client.toml's node), its gRPC
// (app.toml's grpc.address) and its operator's key (the test keyring).
func loadNode(cmd *cobra.Command, home, keyName string) (load.Node, error) {
	read := func(name string) (*viper.Viper, error) {
		v := viper.New()
		v.SetConfigFile(filepath.Join(home, "config", name))
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return v, nil
	}
	clientToml, err := read("client.toml")
	if err != nil {
		return load.Node{}, err
	}
	appToml, err := read("app.toml")
	if err != nil {
		return load.Node{}, err
	}
	rpc, grpcAddr := clientToml.GetString("node"), appToml.GetString("grpc.address")
	if rpc == "" || grpcAddr == "" {
		return load.Node{}, fmt.Errorf("client.toml names no node or app.toml no grpc.address")
	}
	c, err := medclient.Dial(cmd.Context(), grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return load.Node{}, err
	}
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, app.MakeEncodingConfig().Codec)
	if err != nil {
		return load.Node{}, err
	}
	op, err := medclient.NewAccount(kr, keyName)
	if err != nil {
		return load.Node{}, fmt.Errorf("operator key %q: %w", keyName, err)
	}
	return load.Node{RPC: rpc, Client: c, Operator: op}, nil
}
