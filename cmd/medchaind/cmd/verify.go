package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/internal/clikit"
	"github.com/medchain/medchain/internal/lightproof"
	audittypes "github.com/medchain/medchain/x/audit/types"
	consenttypes "github.com/medchain/medchain/x/consent/types"
	consortiumcli "github.com/medchain/medchain/x/consortium/client/cli"
	recordscli "github.com/medchain/medchain/x/records/client/cli"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// evidenceKinds are the values a bundle may prove.
var evidenceKinds = lightproof.NewKinds(
	recordstypes.VersionEvidence, recordstypes.LatestEvidence,
	consenttypes.GrantEvidence, consenttypes.RequestEvidence,
	audittypes.EventEvidence,
)

// evidenceCmd is `medchaind evidence verify FILE`.
func evidenceCmd() *cobra.Command {
	verify := &cobra.Command{
		Use:   "verify FILE --trust HEIGHT:HASH | --genesis GENESIS_FILE",
		Short: "Check an evidence bundle with no node: headers, signatures and every proof",
		Long: `Check every header of the bundle with CometBFT's light client from the trusted
header (--trust HEIGHT:HASH, e.g. read from a hospital's RPC /commit?height=HEIGHT)
or from the consortium's genesis validators (--genesis), then every item's ICS23
proof against the app hash. Prints what is proven as JSON; on any failure exits
non-zero naming the light block or item that fails.`,
		Example: `  medchaind evidence verify bundle.json --trust 1:5E2C...9A
  medchaind evidence verify bundle.json --genesis genesis.json`,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if t, _ := cmd.Flags().GetString(consortiumcli.FlagTrust); t == "" {
				if g, _ := cmd.Flags().GetString(consortiumcli.FlagGenesis); g == "" {
					return fmt.Errorf("offline, trust must be explicit: give --%s HEIGHT:HASH or --%s FILE", consortiumcli.FlagTrust, consortiumcli.FlagGenesis)
				}
			}
			anchor, err := consortiumcli.TrustAnchor(cmd)
			if err != nil {
				return err
			}
			data, err := readBundle(args[0])
			if err != nil {
				return err
			}
			b, err := lightproof.Decode(data)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			res, err := lightproof.Verify(b, anchor, evidenceKinds)
			if err != nil {
				return fmt.Errorf("%s does not verify: %w", args[0], err)
			}
			return printVerified(cmd, b, res)
		},
	}
	consortiumcli.AddTrustFlags(verify, "")
	return clikit.Group("evidence", "Check evidence bundles offline", verify)
}

func readBundle(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > lightproof.MaxBundleBytes {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d a bundle may have", path, st.Size(), lightproof.MaxBundleBytes)
	}
	return os.ReadFile(path)
}

// verified is what verify prints: only values it proved.
type verified struct {
	Verified bool              `json:"verified"`
	ChainID  string            `json:"chain_id"`
	Height   int64             `json:"height"`
	Header   verifiedHeader    `json:"header"`
	Anchor   string            `json:"anchor"`
	Headers  int               `json:"headers_checked"`
	Subject  map[string]string `json:"subject,omitempty"`
	Items    []verifiedItem    `json:"items"`
}

type verifiedHeader struct {
	Height  int64     `json:"height"`
	Hash    string    `json:"hash"`
	Time    time.Time `json:"time"`
	AppHash string    `json:"app_hash"`
}

type verifiedItem struct {
	Kind   string          `json:"kind"`
	ID     string          `json:"id"`
	Absent bool            `json:"absent,omitempty"`
	Value  json.RawMessage `json:"value,omitempty"`
}

func printVerified(cmd *cobra.Command, b *lightproof.Bundle, res *lightproof.Result) error {
	out := verified{
		Verified: true, ChainID: res.ChainID, Height: res.Height, Anchor: res.Anchor, Headers: res.Blocks, Subject: b.Subject,
		Header: verifiedHeader{Height: res.Header.Height, Hash: res.Header.Hash().String(), Time: res.Header.Time, AppHash: res.Header.AppHash.String()},
	}
	for _, it := range b.Items {
		out.Items = append(out.Items, verifiedItem{Kind: it.Kind, ID: it.ID, Absent: it.Absent, Value: it.Decoded})
	}
	return clikit.PrintJSON(cmd.OutOrStdout(), out)
}

// queryVerifyCmd is `medchaind query verify ...`: one value, proven.
func queryVerifyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Query a record, grant, request or access event with proof, checked against the validators' signatures",
		Long: `Each subcommand reads the value with an ICS23 proof of its store key, the signed
header of the next height and the validator sets on the way, and checks them with
CometBFT's light client from the trusted header (--trust HEIGHT:HASH) or from the
genesis validators (--genesis, by default the home's config/genesis.json). A value
the node does not have is proven absent. --bundle FILE keeps the evidence.`,
	}
	one := func(use, short string, kind lightproof.Kind) *cobra.Command {
		return proveCmd(use, short, cobra.ExactArgs(1), func(args []string) (clikit.Prover, error) {
			if _, err := kind.Key(args[0]); err != nil {
				return nil, err
			}
			return func(ctx context.Context, b *lightproof.Builder) error {
				_, err := b.Add(ctx, kind, args[0])
				return err
			}, nil
		})
	}
	cmd.AddCommand(
		proveCmd("record CUSTODIAN RECORD_ID [VERSION]", "A record's newest version number and that version (or VERSION)", cobra.RangeArgs(2, 3),
			func(args []string) (clikit.Prover, error) {
				var version uint64
				if len(args) == 3 {
					var err error
					if version, err = strconv.ParseUint(args[2], 10, 32); err != nil || version == 0 {
						return nil, fmt.Errorf("version %q must be a positive integer", args[2])
					}
				}
				if _, err := recordstypes.LatestEvidence.Key(args[0] + "/" + args[1]); err != nil {
					return nil, err
				}
				return func(ctx context.Context, b *lightproof.Builder) error {
					return recordscli.ProveLatestOr(ctx, b, args[0], args[1], uint32(version))
				}, nil
			}),
		one("grant GRANT_ID", "A consent grant", consenttypes.GrantEvidence),
		one("request REQUEST_ID", "A consent request", consenttypes.RequestEvidence),
		one("event EVENT_ID", "An access event of the audit trail", audittypes.EventEvidence),
	)
	return cmd
}

const flagBundle = "bundle"

// proveCmd checks the arguments with parse, builds the values it names,
// verifies them from the trust anchor and prints them.
func proveCmd(use, short string, args cobra.PositionalArgs, parse func([]string) (clikit.Prover, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use: use, Short: short, Args: args, SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			add, err := parse(args)
			if err != nil {
				return err
			}
			anchor, err := consortiumcli.TrustAnchor(cmd)
			if err != nil {
				return err
			}
			b, err := clikit.Prove(cmd, add)
			if err != nil {
				return err
			}
			bundle, err := b.Bundle(cmd.Context(), nil, anchor.Height)
			if err != nil {
				return err
			}
			res, err := lightproof.Verify(bundle, anchor, evidenceKinds)
			if err != nil {
				return fmt.Errorf("the node's answer does not verify: %w", err)
			}
			if path, _ := cmd.Flags().GetString(flagBundle); path != "" {
				if err := bundle.Save(path); err != nil {
					return err
				}
			}
			return printVerified(cmd, bundle, res)
		},
	}
	consortiumcli.AddTrustFlags(cmd, "")
	cmd.Flags().String(flagBundle, "", "Also write the evidence bundle to this file")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}
